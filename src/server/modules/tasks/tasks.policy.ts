// Pure predicates: who may do what with a task.
import type { Actor } from '../../context.ts';
import { hasAnyRole, inScope } from '../../http/policy.ts';

/** The people who run organisations; members and the 三员 have no tasks. */
export const TASK_ROLES = ['org_admin', 'worker'] as const;

/** Issue from an organisation: its staff or an ancestor's. */
export const canIssueFrom = (a: Actor, issuerPath: string) =>
  hasAnyRole(a, TASK_ROLES) && inScope(a, issuerPath);

/** 退回 and 催报: the issuer's staff (or an ancestor's). */
export const canManage = (a: Actor, task: { issuer_path: string }) =>
  hasAnyRole(a, TASK_ROLES) && inScope(a, task.issuer_path);

/** 报送: the receiving organisation's own staff (scoped exactly at it). */
export const canReport = (a: Actor, target: { org_path: string }) =>
  hasAnyRole(a, TASK_ROLES) && a.scopePath === target.org_path;

/** Who sees a target: the issuer's subtree sees all, others the targets inside their own subtree. */
export const canSeeTarget = (a: Actor, task: { issuer_path: string }, target: { org_path: string }) =>
  hasAnyRole(a, TASK_ROLES) && (inScope(a, task.issuer_path) || inScope(a, target.org_path));
