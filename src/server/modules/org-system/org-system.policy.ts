// Pure predicates: who may read and act on an organisation's team, terms, cases and ratings.
import type { Actor } from '../../context.ts';
import { hasAnyRole, inScope } from '../../http/policy.ts';

export const OS_READERS = ['system_admin', 'org_admin', 'worker'] as const;
/** Record the organisation's own acts (请示, 选举, 报告, 整顿进展). */
export const OS_RECORDERS = ['system_admin', 'org_admin', 'worker'] as const;
/** Decide above (批复, 审批/备案, 届期调整, 认定, 销号, 定级). */
export const OS_APPROVERS = ['system_admin', 'org_admin'] as const;

export function canReadOs(actor: Actor, path: string): boolean {
  return hasAnyRole(actor, OS_READERS) && inScope(actor, path);
}

export function canRecordOs(actor: Actor, path: string): boolean {
  return hasAnyRole(actor, OS_RECORDERS) && inScope(actor, path);
}

/** Strictly above: the organisation itself never approves its own acts. */
export function canApproveOs(actor: Actor, path: string): boolean {
  return hasAnyRole(actor, OS_APPROVERS) && inScope(actor, path) && path !== actor.scopePath;
}

export function osPolicies(actor: Actor, path: string) {
  return { record: canRecordOs(actor, path), approve: canApproveOs(actor, path) };
}
