// Pure predicates: what an actor may do with an organisation.
import type { Actor } from '../../context.ts';
import { hasAnyRole, inScope } from '../../http/policy.ts';

export interface OrgSubject {
  id: number;
  path: string;
  status: string;
}

export const ORG_READERS = ['system_admin', 'security_admin', 'org_admin', 'worker', 'member'] as const;
export const ORG_WRITERS = ['system_admin', 'org_admin'] as const;

export function canReadOrg(actor: Actor, org: OrgSubject): boolean {
  return hasAnyRole(actor, ORG_READERS) && inScope(actor, org.path);
}

/** Create a child under `parent`: writers, within their subtree (their own scope root included). */
export function canCreateChild(actor: Actor, parent: OrgSubject): boolean {
  return hasAnyRole(actor, ORG_WRITERS) && inScope(actor, parent.path);
}

/** Rename, move or dissolve: strictly below the actor's scope root — nobody re-shapes their own root. */
export function canChangeOrg(actor: Actor, org: OrgSubject): boolean {
  return hasAnyRole(actor, ORG_WRITERS) && org.path !== actor.scopePath && inScope(actor, org.path);
}

export function orgPolicies(actor: Actor, org: OrgSubject) {
  const change = canChangeOrg(actor, org) && org.status === 'active';
  return { createChild: canCreateChild(actor, org) && org.status === 'active', rename: change, move: change, dissolve: change };
}
