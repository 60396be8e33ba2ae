// Pure predicates: who may do what with evaluations.
import type { Role } from '../../../core/auth/roles.ts';
import type { Actor } from '../../context.ts';
import { hasAnyRole, inScope } from '../../http/policy.ts';

export const EVAL_READERS: readonly Role[] = ['system_admin', 'org_admin', 'worker', 'member'];
export const EVAL_MANAGERS: readonly Role[] = ['system_admin', 'org_admin', 'worker'];
/** Opening campaigns, 点评, publishing, reviewing closures: the committee's administrators. */
export const EVAL_LEADERS: readonly Role[] = ['system_admin', 'org_admin'];

export function canManageIn(actor: Actor, path: string): boolean {
  return hasAnyRole(actor, EVAL_MANAGERS) && inScope(actor, path);
}

export function canLeadIn(actor: Actor, path: string): boolean {
  return hasAnyRole(actor, EVAL_LEADERS) && inScope(actor, path);
}

/** A campaign is readable inside the scope that ran it, or where it was published. */
export function canReadCampaign(
  actor: Actor,
  c: { org_path: string; publish_scope_path: string | null },
): boolean {
  if (!hasAnyRole(actor, EVAL_READERS)) return false;
  if (inScope(actor, c.org_path)) return true;
  return c.publish_scope_path !== null && actor.scopePath.startsWith(c.publish_scope_path);
}

/** Reviewing a closure request: an upper organisation, never the item's own. */
export function canReviewIn(actor: Actor, path: string): boolean {
  return hasAnyRole(actor, EVAL_LEADERS) && inScope(actor, path) && actor.scopePath !== path;
}
