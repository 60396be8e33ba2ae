// Pure predicates: who may do what with organisational life.
import type { Actor } from '../../context.ts';
import { hasAnyRole, inScope } from '../../http/policy.ts';

/** Branch secretaries' staff (worker) and organisation departments (org_admin) keep the records. */
export const LIFE_WRITERS = ['org_admin', 'worker'] as const;
/** Reports: the same people, plus nobody else (the three administrators do not handle party business). */
export const LIFE_REPORTERS = ['org_admin', 'worker'] as const;
/** A meeting page and one's own notifications: members too. */
export const LIFE_READERS = ['org_admin', 'worker', 'member'] as const;
export const LIFE_SIGNERS = ['org_admin', 'worker', 'member'] as const;

export function canWriteLife(actor: Actor, path: string): boolean {
  return hasAnyRole(actor, LIFE_WRITERS) && inScope(actor, path);
}

export function canReadLife(actor: Actor, path: string): boolean {
  return hasAnyRole(actor, LIFE_READERS) && inScope(actor, path);
}

export function canReport(actor: Actor, path: string): boolean {
  return hasAnyRole(actor, LIFE_REPORTERS) && inScope(actor, path);
}

export function meetingPolicies(actor: Actor, m: { org_path: string; status: string }) {
  const write = canWriteLife(actor, m.org_path);
  return { record: write && m.status !== 'cancelled', attendance: write && m.status !== 'cancelled', cancel: write && m.status === 'scheduled', signInCode: write && m.status !== 'cancelled' };
}
