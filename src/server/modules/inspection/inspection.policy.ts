// Pure predicates: who may do what with a 督查 plan, visit or 通报.
import { ISSUER_KINDS } from '../../../core/inspection/inspection.rules.ts';
import type { Actor } from '../../context.ts';
import { hasAnyRole, inScope } from '../../http/policy.ts';

/** Committee and branch staff; members and the 三员 have no 督查 pages. */
export const INSP_STAFF = ['org_admin', 'worker'] as const;

export const isIssuerKind = (kind: string) => (ISSUER_KINDS as readonly string[]).includes(kind);

/** The issuer's subtree manages a plan: reads it, records visits, turns findings into 整改. */
export const canManagePlan = (a: Actor, plan: { org_path: string }) =>
  hasAnyRole(a, INSP_STAFF) && inScope(a, plan.org_path);

/** A visit is read by the issuer's side and by the inspected organisation's side. */
export const canReadVisit = (a: Actor, v: { org_path: string; plan_org_path: string }) =>
  hasAnyRole(a, INSP_STAFF) && (inScope(a, v.plan_org_path) || inScope(a, v.org_path));

/** A bulletin is read by its publisher's side and inside every receiving organisation. */
export function canReadBulletin(
  a: Actor,
  b: { org_path: string },
  recipientPaths: readonly string[],
): boolean {
  if (!hasAnyRole(a, INSP_STAFF)) return false;
  return inScope(a, b.org_path) || recipientPaths.some((p) => a.scopePath.startsWith(p));
}

export const canSeeReceipts = (a: Actor, b: { org_path: string }) =>
  hasAnyRole(a, INSP_STAFF) && inScope(a, b.org_path);
