// Pure predicates: what an actor may do with a commitment.
import type { Actor } from '../../context.ts';
import { hasAnyRole, inScope } from '../../http/policy.ts';

export const CM_READERS = ['system_admin', 'org_admin', 'worker', 'member'] as const;
export const CM_WRITERS = ['system_admin', 'org_admin', 'worker'] as const;
/** Members may record reviews they give themselves (a secretary on a phone); writers also on behalf of a leader. */
export const CM_REVIEWERS = ['system_admin', 'org_admin', 'worker', 'member'] as const;

export interface CommitmentSubject {
  org_path: string;
  committer_kind: string;
}

export const canRead = (a: Actor, c: { org_path: string }) =>
  hasAnyRole(a, CM_READERS) && inScope(a, c.org_path);
export const canWrite = (a: Actor, c: { org_path: string }) =>
  hasAnyRole(a, CM_WRITERS) && inScope(a, c.org_path);

/** 评诺 leader grade: an organisation's commitment is graded from above (never by its own scope); a member's by the branch. */
export function canGrade(a: Actor, c: CommitmentSubject): boolean {
  if (!canWrite(a, c)) return false;
  return c.committer_kind === 'member' || c.org_path !== a.scopePath;
}

export function commitmentPolicies(a: Actor, c: CommitmentSubject) {
  const write = canWrite(a, c);
  return {
    edit: write,
    grade: canGrade(a, c),
    review: hasAnyRole(a, CM_REVIEWERS) && inScope(a, c.org_path),
  };
}
