// Who may do what with member records. Pure predicates over the actor.
import type { Actor } from '../../context.ts';
import { hasAnyRole } from '../../http/policy.ts';

/** Read the roster of a subtree, import, export masked: party-affairs staff. */
export const ROSTER_STAFF = ['org_admin', 'worker'] as const;
/** Unmask ID numbers, phones and addresses (each view audited); approve transfers for a 党委. */
export const ROSTER_ADMINS = ['org_admin'] as const;
/** Self-service: the member's own record. */
export const SELF_SERVICE = ['member', 'org_admin', 'worker'] as const;

export function mayUnmask(actor: Actor): boolean {
  return hasAnyRole(actor, ROSTER_ADMINS);
}

export function memberPolicies(actor: Actor) {
  return {
    unmask: mayUnmask(actor),
    edit: hasAnyRole(actor, ROSTER_STAFF),
    transfer: hasAnyRole(actor, ROSTER_STAFF),
    // 留党察看: record and end (POST …/discipline), as the routes allow.
    discipline: hasAnyRole(actor, ROSTER_ADMINS),
  };
}
