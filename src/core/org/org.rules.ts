import { refuse, ok, type Decision } from '../shared/result.ts';
import type { OrgKind, OrgNode } from './org.types.ts';

/** '/1/23/' for id 23 under '/1/'. Root: '/1/'. */
export function childPath(parentPath: string | null, id: number): string {
  return (parentPath ?? '/') + id + '/';
}

export function depthOf(path: string): number {
  return path.split('/').length - 2;
}

/** Is `path` the node itself or below the node with `ancestorPath`? */
export function isWithin(path: string, ancestorPath: string): boolean {
  return path.startsWith(ancestorPath);
}

/** Ancestor ids from the root down to the node itself. */
export function pathIds(path: string): number[] {
  return path
    .split('/')
    .filter((s) => s.length > 0)
    .map(Number);
}

/** Which kinds may sit directly under which. A 党小组 only under a branch; nothing under a 党小组. */
const ALLOWED_CHILDREN: Record<OrgKind, readonly OrgKind[]> = {
  党委: ['党委', '党工委', '党组', '党总支', '党支部', '联合党支部', '临时党支部'],
  党工委: ['党委', '党工委', '党总支', '党支部', '联合党支部', '临时党支部'],
  党组: ['党委', '党总支', '党支部'],
  党总支: ['党支部', '联合党支部', '临时党支部'],
  党支部: ['党小组'],
  联合党支部: ['党小组'],
  临时党支部: ['党小组'],
  党小组: [],
};

export function canContain(parentKind: OrgKind, childKind: OrgKind): boolean {
  return ALLOWED_CHILDREN[parentKind].includes(childKind);
}

export function decideCreate(parent: OrgNode | null, kind: OrgKind): Decision {
  if (!parent) return ok(undefined);
  if (parent.status !== 'active') return refuse('ORG_PARENT_DISSOLVED', '上级组织已撤销，不能在其下新建组织', 'parentId');
  if (!canContain(parent.kind, kind))
    return refuse('ORG_KIND_NOT_ALLOWED', `${parent.kind}下不能直接设立${kind}`, 'kind');
  return ok(undefined);
}

/** Moving `node` under `target`: never under itself or its own descendant, never under a dissolved organisation. */
export function decideMove(node: OrgNode, target: OrgNode): Decision {
  if (node.parentId === null) return refuse('ORG_ROOT_IMMOVABLE', '根组织不能移动', 'parentId');
  if (isWithin(target.path, node.path))
    return refuse('ORG_MOVE_INTO_DESCENDANT', '不能将组织移动到其自身或其下级组织之下', 'parentId');
  if (target.status !== 'active') return refuse('ORG_PARENT_DISSOLVED', '目标上级组织已撤销', 'parentId');
  if (node.status !== 'active') return refuse('ORG_DISSOLVED', '已撤销的组织不能移动', 'id');
  if (!canContain(target.kind, node.kind)) return refuse('ORG_KIND_NOT_ALLOWED', `${target.kind}下不能直接设立${node.kind}`, 'parentId');
  return ok(undefined);
}

/** New path for every node of a moved subtree: the old prefix is replaced by the new one. */
export function rebasePath(path: string, oldPrefix: string, newPrefix: string): string {
  if (!path.startsWith(oldPrefix)) throw new Error(`${path} is not under ${oldPrefix}`);
  return newPrefix + path.slice(oldPrefix.length);
}

export interface DissolveFacts {
  activeChildren: number;
  currentMembers: number;
}

export function decideDissolve(node: OrgNode, facts: DissolveFacts): Decision {
  if (node.parentId === null) return refuse('ORG_ROOT_IMMOVABLE', '根组织不能撤销', 'id');
  if (node.status !== 'active') return refuse('ORG_DISSOLVED', '该组织已撤销', 'id');
  if (facts.activeChildren > 0)
    return refuse('ORG_HAS_CHILDREN', `该组织下还有${facts.activeChildren}个未撤销的下级组织，请先调整或撤销`, 'id');
  if (facts.currentMembers > 0)
    return refuse('ORG_HAS_MEMBERS', `该组织还有${facts.currentMembers}名党员，请先转接组织关系`, 'id');
  return ok(undefined);
}
