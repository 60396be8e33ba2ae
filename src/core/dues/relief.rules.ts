// 党费 补交, 减免 and 上缴 rules (issue 19, part C): pure functions, numbers from the rulebook.
import { addDays } from '../shared/dates.ts';
import { ok, refuse, type Decision } from '../shared/result.ts';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: string): boolean {
  return MONTH.test(value);
}

/** Month index for arithmetic: 2026-01 → 2026*12. */
function index(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return y * 12 + m - 1;
}

function fromIndex(i: number): string {
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

export function addMonthsTo(month: string, n: number): string {
  return fromIndex(index(month) + n);
}

/** How many months `later` is after `earlier` (negative when before). */
export function monthsAfter(earlier: string, later: string): number {
  return index(later) - index(earlier);
}

/** Every month from `from` to `to`, both included. */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let i = index(from); i <= index(to); i += 1) out.push(fromIndex(i));
  return out;
}

/** The last calendar day of a month. */
export function lastDayOf(month: string): string {
  const next = addMonthsTo(month, 1);
  return addDays(`${next}-01`, -1);
}

// ---- 减免 (hardship reduction or waiver) ----

export type ReductionKind = 'reduce' | 'waive';
export type ReductionStatus = 'pending_branch' | 'pending_upper' | 'approved' | 'rejected';

export interface ReductionRequest {
  fromMonth: string;
  toMonth: string;
  kind: ReductionKind;
  /** The reduced monthly due for 'reduce' (fen); none for 'waive'. */
  monthlyFen: number | null;
  reason: string;
}

/** Checks a request on its own: months in order, not longer than the rulebook's span, amounts sane. */
export function checkReduction(r: ReductionRequest, maxMonths: number): Decision<string[]> {
  if (!isMonth(r.fromMonth)) return refuse('DUES_MONTH', '起始月份格式应为YYYY-MM', 'fromMonth');
  if (!isMonth(r.toMonth)) return refuse('DUES_MONTH', '截止月份格式应为YYYY-MM', 'toMonth');
  if (monthsAfter(r.fromMonth, r.toMonth) < 0)
    return refuse('DUES_MONTH_ORDER', '截止月份不能早于起始月份', 'toMonth');
  const months = monthRange(r.fromMonth, r.toMonth);
  if (months.length > maxMonths)
    return refuse('DUES_REDUCTION_SPAN', `一次减免最长${maxMonths}个月，期满后可重新申请`, 'toMonth');
  if (r.reason.trim().length === 0) return refuse('DUES_REASON', '请填写减免原因', 'reason');
  if (r.kind === 'waive' && r.monthlyFen !== null)
    return refuse('DUES_WAIVE_AMOUNT', '免交不需要填写减免后月缴金额', 'monthlyFen');
  if (r.kind === 'reduce') {
    if (r.monthlyFen === null) return refuse('DUES_REDUCE_AMOUNT', '请填写减免后每月应缴金额', 'monthlyFen');
    if (!Number.isInteger(r.monthlyFen) || r.monthlyFen < 0)
      return refuse('DUES_REDUCE_AMOUNT', '减免后每月应缴金额不能为负数', 'monthlyFen');
  }
  return ok(months);
}

/** The step an approval of a request in `status` is, or why it cannot happen now. */
export function approvalStep(status: ReductionStatus): Decision<'branch' | 'upper'> {
  if (status === 'pending_branch') return ok('branch');
  if (status === 'pending_upper') return ok('upper');
  return refuse(
    'DUES_REDUCTION_DONE',
    status === 'approved' ? '该减免申请已审批通过' : '该减免申请已被退回',
    'status',
  );
}

/**
 * Who may take a step: the branch step belongs to the member's own branch (staff scoped at it),
 * the upper step to an org_admin of a level above it (scope strictly containing the branch).
 */
export function mayTakeStep(
  step: 'branch' | 'upper',
  actor: { scopePath: string; roles: readonly string[] },
  orgPath: string,
): Decision {
  if (step === 'branch') {
    return actor.scopePath === orgPath
      ? ok(undefined)
      : refuse('DUES_REDUCTION_STEP', '减免申请应先由党员所在党支部审批', 'status');
  }
  const above = orgPath.startsWith(actor.scopePath) && actor.scopePath !== orgPath;
  return above && actor.roles.includes('org_admin')
    ? ok(undefined)
    : refuse('DUES_REDUCTION_STEP', '党支部已同意，待上级党组织审批', 'status');
}

/** The amount an approved request takes off a month's due (never more than the due). */
export function reducedFenFor(dueFen: number, r: { kind: ReductionKind; monthlyFen: number | null }): number {
  if (r.kind === 'waive') return dueFen;
  return Math.max(0, dueFen - (r.monthlyFen ?? dueFen));
}

/** A ledger month after a reduction: waived when nothing is left to pay, paid when paid covers the rest. */
export function ledgerStatusAfter(
  dueFen: number,
  reducedFen: number,
  paidFen: number,
): 'due' | 'paid' | 'waived' {
  const owed = dueFen - reducedFen;
  if (owed <= 0 && paidFen === 0) return 'waived';
  return paidFen >= owed ? 'paid' : 'due';
}

// ---- 补交 (back payment) ----

/**
 * Back payment of missed months: a month up to `maxMonths` before the current month is paid
 * normally; older months need the level above the branch (its org_admin records the payment,
 * with a reason) — decided in the README. Future months are not 补交 and pass.
 */
export function checkBackPay(
  months: readonly string[],
  currentMonth: string,
  maxMonths: number,
  byUpperLevel: boolean,
): Decision {
  for (const m of months) {
    if (!isMonth(m)) return refuse('DUES_MONTH', `月份“${m}”格式应为YYYY-MM`, 'months');
    if (monthsAfter(m, currentMonth) > maxMonths && !byUpperLevel)
      return refuse(
        'DUES_BACKPAY_TOO_OLD',
        `${m}已超过${maxMonths}个月补交期限，需由上级党组织审核后登记`,
        'months',
      );
  }
  return ok(undefined);
}

// ---- 上缴 (remittance) and reconciliation ----

/** The last day a period's money may sit unremitted: the period's end plus the grace days. */
export function remitDueOn(period: string, graceDays: number): string {
  return addDays(lastDayOf(period), graceDays);
}

export interface PeriodMoney {
  collectedFen: number;
  remittedFen: number;
  bankFen: number | null;
}

export interface PeriodCheck {
  /** collected − remitted: money still held (positive) or remitted beyond what came in (negative). */
  remitGapFen: number;
  /** bank − collected, when a bank figure is entered. */
  bankGapFen: number | null;
  /** The remit gap counts once the period's grace has passed (roots remit to nobody here). */
  remitOverdue: boolean;
}

export function checkPeriod(
  money: PeriodMoney,
  period: string,
  today: string,
  graceDays: number,
  hasParent: boolean,
): PeriodCheck {
  const remitGapFen = hasParent ? money.collectedFen - money.remittedFen : 0;
  return {
    remitGapFen,
    bankGapFen: money.bankFen === null ? null : money.bankFen - money.collectedFen,
    remitOverdue: remitGapFen !== 0 && today > remitDueOn(period, graceDays),
  };
}

/** '81.00' for 8100 fen; integer arithmetic only. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(fen);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}
