// Pure predicates: who may read and record member development.
import type { Role } from '../../../core/auth/roles.ts';
import type { Actor } from '../../context.ts';
import { hasAnyRole, inScope } from '../../http/policy.ts';

export const DEV_READERS: readonly Role[] = ['system_admin', 'org_admin', 'worker'];
export const DEV_WRITERS: readonly Role[] = ['org_admin', 'worker'];
export const CALENDAR_EDITORS: readonly Role[] = ['system_admin'];
export const QUOTA_EDITORS: readonly Role[] = ['org_admin'];

export function canReadDev(actor: Actor, path: string): boolean {
  return hasAnyRole(actor, DEV_READERS) && inScope(actor, path);
}

export function canWriteDev(actor: Actor, path: string): boolean {
  return hasAnyRole(actor, DEV_WRITERS) && inScope(actor, path);
}

/** Steps of the 上级党委 (备案, 预审, 审批 …) are recorded from above the branch, never by the branch itself. */
export function canRecordCommitteeStep(actor: Actor, branchPath: string): boolean {
  return canWriteDev(actor, branchPath) && actor.scopePath !== branchPath;
}

/** 发展名额 are assigned by the level above: strictly below the actor's own scope root. */
export function canSetQuota(actor: Actor, orgPath: string): boolean {
  return hasAnyRole(actor, QUOTA_EDITORS) && inScope(actor, orgPath) && orgPath !== actor.scopePath;
}

export function candidatePolicies(actor: Actor, branchPath: string) {
  return {
    recordBranchStep: canWriteDev(actor, branchPath),
    recordCommitteeStep: canRecordCommitteeStep(actor, branchPath),
    terminate: canWriteDev(actor, branchPath),
  };
}
