// 工作任务 (issue 18): pure rules — who may be a target, the report status of a target, the
// 减负 monthly cap, reminder timing and the Excel form (报表) validation. Dates are China dates.
import { refuse, ok, type Decision } from '../shared/result.ts';
import { daysBetween, isIsoDate } from '../shared/dates.ts';

/** 工作任务, or 报表/材料报送 (a report request): the two are capped separately. */
export const TASK_KINDS = ['task', 'report'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
export const TASK_KIND_LABEL: Record<TaskKind, string> = { task: '工作任务', report: '报表/材料报送' };

/** How the targets were chosen: all direct children, every branch below, or named organisations. */
export const TARGET_MODES = ['children', 'branches', 'chosen'] as const;
export type TargetMode = (typeof TARGET_MODES)[number];

/** What is stored per target: waiting, reported, or returned (退回, must report again). */
export type TargetState = 'pending' | 'submitted' | 'returned';

/** What is shown per target. */
export type TargetStatus = 'pending' | 'on_time' | 'late' | 'overdue';
export const TARGET_STATUS_LABEL: Record<TargetStatus, string> = {
  pending: '未报送',
  on_time: '已报送',
  late: '逾期报送',
  overdue: '逾期未报',
};

export const OUT_OF_SCOPE_MESSAGE = '任务下达范围超出本组织管理范围';

/**
 * The report status on `today`. A report dated on the deadline is on time; a returned report
 * counts as not reported (the target must report again).
 */
export function targetStatus(
  t: { deadline: string; state: TargetState; submittedOn: string | null },
  today: string,
): TargetStatus {
  if (t.state === 'submitted' && t.submittedOn) return t.submittedOn <= t.deadline ? 'on_time' : 'late';
  return today > t.deadline ? 'overdue' : 'pending';
}

/** Every target must sit strictly below the issuer (never the issuer itself, never elsewhere). */
export function decideTargets(
  issuerPath: string,
  targets: ReadonlyArray<{ path: string; active: boolean }>,
): Decision {
  if (targets.length === 0) return refuse('NO_TARGETS', '没有可下达的组织，请选择下达对象', 'targetOrgIds');
  for (const t of targets) {
    if (!t.path.startsWith(issuerPath) || t.path === issuerPath)
      return refuse('TARGET_OUT_OF_SCOPE', OUT_OF_SCOPE_MESSAGE, 'targetOrgIds');
    if (!t.active) return refuse('TARGET_DISSOLVED', '不能向已撤销的组织下达任务', 'targetOrgIds');
  }
  return ok(undefined);
}

export function decideDeadline(deadline: string, issuedOn: string): Decision {
  if (!isIsoDate(deadline)) return refuse('BAD_DEADLINE', '截止日期格式不正确', 'deadline');
  if (deadline < issuedOn) return refuse('DEADLINE_PAST', '截止日期不能早于今天', 'deadline');
  return ok(undefined);
}

/** The top of the tree (the county) has its own caps; every committee below shares the lower ones. */
export type CapLevel = 'top' | 'lower';
export const capRuleId = (level: CapLevel, kind: TaskKind) =>
  `tasks.cap.${level}.${kind === 'task' ? 'tasks' : 'reports'}`;

export interface CapCheck {
  /** Issued this month by the issuer of this kind, this one included. */
  count: number;
  cap: number;
  over: boolean;
}

/** 减负: is the `issuedBefore + 1`-th task of the month over the cap? */
export function capCheck(issuedBefore: number, cap: number): CapCheck {
  const count = issuedBefore + 1;
  return { count, cap, over: count > cap };
}

export const capWarning = (c: CapCheck) => `本月已下达${c.count}项，超过减负上限${c.cap}项，确定继续？`;

/**
 * Which reminder a target not yet reported gets on `today`: 'soon' within `daysBefore` days of
 * the deadline (the deadline day included), 'overdue' after it, otherwise none.
 */
export function reminderFor(
  t: { deadline: string; status: TargetStatus },
  today: string,
  daysBefore: number,
): 'soon' | 'overdue' | null {
  if (t.status === 'overdue') return 'overdue';
  if (t.status !== 'pending') return null;
  const left = daysBetween(today, t.deadline);
  return left >= 0 && left <= daysBefore ? 'soon' : null;
}

/** On-time share of a set of targets: those due (deadline ≤ asOf) count, reported on or before the deadline. */
export function onTimeCounts(
  targets: ReadonlyArray<{ deadline: string; submittedOn: string | null }>,
  asOf: string,
): { onTime: number; due: number } {
  let onTime = 0;
  let due = 0;
  for (const t of targets) {
    if (t.deadline > asOf) continue;
    due += 1;
    if (t.submittedOn !== null && t.submittedOn <= t.deadline && t.submittedOn <= asOf) onTime += 1;
  }
  return { onTime, due };
}
