// 党费 payments (issue 19, part B): pure checks for applying money to ledger months and for
// reconciling the gateway's statement with our payment rows. Money is integer fen throughout.
import { ok, refuse, type Decision } from '../shared/result.ts';

/** One ledger month as the payment rules see it. */
export interface LedgerMonth {
  month: string;
  dueFen: number;
  reducedFen: number;
  paidFen: number;
  /** due | paid | waived */
  status: string;
}

/** 81.00: fen shown as yuan with two decimals (display only; never stored). */
export function yuanText(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** What is still owed for a month: due minus approved 减免 minus what was paid, never below 0. */
export function outstandingFen(m: LedgerMonth): number {
  if (m.status !== 'due') return 0;
  return Math.max(0, m.dueFen - m.reducedFen - m.paidFen);
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * The months a payment covers and what each receives: every chosen month must be in the ledger,
 * still due, and the amount must equal the sum outstanding (no part payments, no overpayment).
 */
export function allocatePayment(
  ledger: readonly LedgerMonth[],
  months: readonly string[],
  amountFen: number | null,
): Decision<{ months: string[]; perMonth: Array<{ month: string; fen: number }>; totalFen: number }> {
  if (months.length === 0) return refuse('MONTHS_REQUIRED', '缴费月份：请至少选择一个月份', 'months');
  const sorted = [...new Set(months)].sort();
  if (sorted.length !== months.length)
    return refuse('MONTHS_DUPLICATE', '缴费月份：同一月份不能重复选择', 'months');
  const byMonth = new Map(ledger.map((m) => [m.month, m]));
  const perMonth: Array<{ month: string; fen: number }> = [];
  for (const month of sorted) {
    if (!MONTH.test(month))
      return refuse('MONTH_INVALID', `缴费月份：${month}不是有效月份（格式为YYYY-MM）`, 'months');
    const row = byMonth.get(month);
    if (!row)
      return refuse('MONTH_NOT_IN_LEDGER', `缴费月份：${month}尚未生成党费台账，无需或暂不能缴纳`, 'months');
    if (row.status === 'paid')
      return refuse('MONTH_ALREADY_PAID', `缴费月份：${month}的党费已缴纳，不能重复缴纳`, 'months');
    if (row.status === 'waived')
      return refuse('MONTH_WAIVED', `缴费月份：${month}的党费已批准免交`, 'months');
    const fen = outstandingFen(row);
    if (fen <= 0) return refuse('MONTH_NOTHING_DUE', `缴费月份：${month}没有应缴金额`, 'months');
    perMonth.push({ month, fen });
  }
  const totalFen = perMonth.reduce((s, p) => s + p.fen, 0);
  if (amountFen !== null && amountFen !== totalFen)
    return refuse(
      'AMOUNT_MISMATCH',
      `缴费金额：应为${yuanText(totalFen)}元（所选月份应缴合计），填写的是${yuanText(amountFen)}元`,
      'amountFen',
    );
  return ok({ months: sorted, perMonth, totalFen });
}

/**
 * Which months of a payment may still be reversed (冲正 or 退款): those it covered, not reversed
 * by an earlier row, and still paid in the ledger.
 */
export function reversibleMonths(
  paidMonths: readonly string[],
  alreadyReversed: readonly string[],
  requested: readonly string[] | undefined,
): Decision<string[]> {
  const open = paidMonths.filter((m) => !alreadyReversed.includes(m));
  const wanted = requested && requested.length > 0 ? [...new Set(requested)].sort() : open;
  if (wanted.length === 0) return refuse('NOTHING_TO_REVERSE', '月份：该笔缴费已全部冲正或退款', 'months');
  for (const m of wanted)
    if (!open.includes(m))
      return refuse(
        'MONTH_NOT_REVERSIBLE',
        paidMonths.includes(m) ? `月份：${m}已冲正或退款，不能重复办理` : `月份：${m}不在该笔缴费中`,
        'months',
      );
  return ok(wanted);
}

/** One line of the gateway's daily statement (对账单). */
export interface StatementLine {
  gatewayTxn: string;
  orderNo: string;
  amountFen: number;
  paidAt: string;
}

/** One of our online payment rows for the same day. */
export interface OnlinePayment {
  paymentId: number;
  orderNo: string;
  amountFen: number;
  gatewayTxn: string | null;
}

export type ReconcileStatus = 'matched' | 'missing_ours' | 'missing_gateway' | 'amount_diff';

export interface ReconcileRow {
  orderNo: string;
  gatewayTxn: string | null;
  gatewayFen: number | null;
  oursFen: number | null;
  paymentId: number | null;
  status: ReconcileStatus;
  /** 差异说明 for the UI (null when matched). */
  note: string | null;
}

/** Gateway statement vs our payments, matched by order number; differences flagged. */
export function reconcile(lines: readonly StatementLine[], ours: readonly OnlinePayment[]): ReconcileRow[] {
  const oursByOrder = new Map<string, OnlinePayment>();
  for (const p of ours) {
    const prev = oursByOrder.get(p.orderNo);
    // Corrections of the same order net out: the statement shows the gateway's one line.
    oursByOrder.set(p.orderNo, prev ? { ...prev, amountFen: prev.amountFen + p.amountFen } : p);
  }
  const rows: ReconcileRow[] = [];
  const seen = new Set<string>();
  for (const l of lines) {
    seen.add(l.orderNo);
    const p = oursByOrder.get(l.orderNo);
    if (!p) {
      rows.push({
        orderNo: l.orderNo,
        gatewayTxn: l.gatewayTxn,
        gatewayFen: l.amountFen,
        oursFen: null,
        paymentId: null,
        status: 'missing_ours',
        note: '支付通道已收款，本系统未入账',
      });
      continue;
    }
    const same = p.amountFen === l.amountFen;
    rows.push({
      orderNo: l.orderNo,
      gatewayTxn: l.gatewayTxn,
      gatewayFen: l.amountFen,
      oursFen: p.amountFen,
      paymentId: p.paymentId,
      status: same ? 'matched' : 'amount_diff',
      note: same ? null : `金额不符：通道${yuanText(l.amountFen)}元，本系统${yuanText(p.amountFen)}元`,
    });
  }
  for (const [orderNo, p] of oursByOrder)
    if (!seen.has(orderNo))
      rows.push({
        orderNo,
        gatewayTxn: p.gatewayTxn,
        gatewayFen: null,
        oursFen: p.amountFen,
        paymentId: p.paymentId,
        status: 'missing_gateway',
        note: '本系统已入账，支付通道对账单无此笔',
      });
  return rows.sort((a, b) => a.orderNo.localeCompare(b.orderNo));
}
