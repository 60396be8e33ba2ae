// 党费 payments recorded by the branch (现金/银行转账, with a receipt number), their 冲正 and 退款
// as new rows (never an update of the original), and the shared step that applies money to the
// ledger. Every write: one transaction, one audit row.
import type { Transaction } from 'kysely';
import { allocatePayment, reversibleMonths, yuanText } from '../../../../core/dues/payments.rules.ts';
import { chinaDate } from '../../../../core/shared/dates.ts';
import { appendAudit } from '../../../audit/audit.repository.ts';
import { denied, requireActor } from '../../../authz.ts';
import type { AppContext, RequestContext } from '../../../context.ts';
import type { DB } from '../../../db/schema.ts';
import { badRequest, fromDecision, notFound } from '../../../http/errors.ts';
import { inScope } from '../../../http/policy.ts';
import { findOrgById } from '../../orgs/orgs.repository.ts';
import { refreshAlertsIn } from '../../alerts/alerts.service.ts';
import { ARREARS_SOURCE } from '../dues-common.ts';
import { requireBackPayAllowed } from '../relief/back-pay.ts';
import { REMIT_SOURCE } from '../relief/relief.common.ts';
import { noticeToMember } from './payments.notices.ts';
import * as repo from './payments.repository.ts';

/** Alert sources a payment changes: 欠缴党费 (A) and 上缴差额 (C: collected counts payments). */
export const PAYMENT_ALERT_SOURCES = [ARREARS_SOURCE, REMIT_SOURCE];

export const METHOD_LABELS: Record<string, string> = { cash: '现金', bank: '银行转账', online: '在线支付' };
export const KIND_LABELS: Record<string, string> = { payment: '缴纳', correction: '冲正', refund: '退款' };

export interface OfflinePaymentInput {
  personId: number;
  months: string[];
  amountFen: number;
  method: 'cash' | 'bank';
  receiptNo: string;
  paidOn: string;
}

/** What the payment service writes, shared by offline and online payments (and the demo seed). */
export interface NewPayment {
  personId: number;
  months: string[];
  amountFen: number | null;
  method: 'cash' | 'bank' | 'online';
  receiptNo: string | null;
  orderNo: string | null;
  paidOn: string;
  recordedBy: number | null;
}

/**
 * Checks the months against the ledger and writes the payment row and the ledger update inside
 * `trx`. Throws the rule's refusal (400) when a month is paid, waived or missing or the amount
 * differs from what is outstanding.
 */
export async function insertPayment(ctx: AppContext, trx: Transaction<DB>, p: NewPayment) {
  const ledger = await repo.ledgerOf(trx, p.personId, p.months);
  const d = allocatePayment(ledger, p.months, p.amountFen);
  if (!d.ok) throw fromDecision(d);
  const last = ledger.find((l) => l.month === d.value.months.at(-1))!;
  const now = ctx.now().toISOString();
  const row = await trx
    .insertInto('dues_payments')
    .values({
      person_id: p.personId,
      org_id: last.orgId,
      org_path: last.orgPath,
      months: JSON.stringify(d.value.months),
      amount_fen: d.value.totalFen,
      method: p.method,
      kind: 'payment',
      receipt_no: p.receiptNo,
      order_no: p.orderNo,
      ref_payment_id: null,
      paid_on: p.paidOn,
      recorded_by: p.recordedBy,
      created_at: now,
    })
    .returning(['id', 'org_path'])
    .executeTakeFirstOrThrow();
  await repo.applyToLedger(trx, p.personId, d.value.perMonth, p.paidOn, now);
  return { id: row.id, orgPath: row.org_path, months: d.value.months, amountFen: d.value.totalFen };
}

/** Refuses unless every ledger month named is in the actor's subtree (the branch that is owed). */
async function requireLedgerInScope(
  ctx: AppContext,
  rc: RequestContext,
  personId: number,
  months: readonly string[],
) {
  const actor = requireActor(rc);
  const rows = await repo.ledgerOf(ctx.db, personId, months);
  for (const r of rows)
    if (!inScope(actor, r.orgPath)) throw await denied(ctx, rc, 'person', personId, 'scope');
  // 补交 older than the window: only the level above the branch may record it (part C's rule).
  const last = rows.at(-1);
  if (last) requireBackPayAllowed(ctx, actor, last.orgPath, months);
}

/** 线下缴费 recorded by the branch: cash or bank transfer, with the receipt number. */
export async function recordOfflinePayment(ctx: AppContext, rc: RequestContext, input: OfflinePaymentInput) {
  const actor = requireActor(rc);
  const today = chinaDate(ctx.now());
  if (input.paidOn > today) throw badRequest('PAID_ON_FUTURE', '缴费日期：不能晚于今天', 'paidOn');
  await requireLedgerInScope(ctx, rc, input.personId, input.months);
  const dup = await ctx.db
    .selectFrom('dues_payments')
    .select('id')
    .where('receipt_no', '=', input.receiptNo)
    .where('kind', '=', 'payment')
    .executeTakeFirst();
  if (dup) throw badRequest('RECEIPT_DUPLICATE', `收据编号：${input.receiptNo}已登记过，请核对`, 'receiptNo');
  return ctx.db.transaction().execute(async (trx) => {
    const p = await insertPayment(ctx, trx, { ...input, orderNo: null, recordedBy: actor.userId });
    await refreshAlertsIn(ctx, trx, PAYMENT_ALERT_SOURCES, p.orgPath);
    await noticeToMember(ctx, trx, {
      personId: input.personId,
      paymentId: p.id,
      kind: 'payment',
      months: p.months,
      amountFen: p.amountFen,
      orgPath: p.orgPath,
      receiptNo: input.receiptNo,
    });
    await appendAudit(trx, ctx.ring, {
      at: ctx.now().toISOString(),
      action: 'dues.payment.record',
      result: 'ok',
      actorUserId: actor.userId,
      actorUsername: actor.username,
      objectType: 'dues_payment',
      objectId: p.id,
      scopePath: p.orgPath,
      requestId: rc.meta.requestId,
      ip: rc.meta.ip,
      detail: {
        personId: input.personId,
        months: p.months,
        amountFen: p.amountFen,
        method: input.method,
        receiptNo: input.receiptNo,
      },
    });
    return { data: { id: p.id, months: p.months, amountFen: p.amountFen, amount: yuanText(p.amountFen) } };
  });
}

export interface ReversalInput {
  kind: 'correction' | 'refund';
  months?: string[] | undefined;
  reason: string;
  /** Date the money went back (退款) or the correction was made; default today. */
  paidOn?: string | undefined;
}

/**
 * 冲正 (a recording error: no money moved) or 退款 (money returned): a new row with the negative
 * amount of the months it reverses, referencing the original; those months are due again.
 */
export async function reversePayment(
  ctx: AppContext,
  rc: RequestContext,
  paymentId: number,
  input: ReversalInput,
) {
  const actor = requireActor(rc);
  const original = await repo.paymentById(ctx.db, paymentId);
  if (!original) throw notFound('缴费记录');
  if (!inScope(actor, original.org_path)) throw await denied(ctx, rc, 'dues_payment', paymentId, 'scope');
  if (original.kind !== 'payment')
    throw badRequest('NOT_A_PAYMENT', '缴费记录：冲正或退款记录本身不能再冲正', 'paymentId');
  const today = chinaDate(ctx.now());
  const on = input.paidOn ?? today;
  if (on > today) throw badRequest('PAID_ON_FUTURE', '日期：不能晚于今天', 'paidOn');
  return ctx.db.transaction().execute(async (trx) => {
    const d = reversibleMonths(
      repo.parseMonths(original.months),
      await repo.reversedMonthsOf(trx, paymentId),
      input.months,
    );
    if (!d.ok) throw fromDecision(d);
    const ledger = await repo.ledgerOf(trx, original.person_id, d.value);
    const perMonth = ledger.map((l) => ({ month: l.month, fen: -l.paidFen }));
    const amount = perMonth.reduce((s, p) => s + p.fen, 0);
    const now = ctx.now().toISOString();
    const row = await trx
      .insertInto('dues_payments')
      .values({
        person_id: original.person_id,
        org_id: original.org_id,
        org_path: original.org_path,
        months: JSON.stringify(d.value),
        amount_fen: amount,
        method: original.method,
        kind: input.kind,
        receipt_no: original.receipt_no,
        order_no: original.order_no,
        ref_payment_id: original.id,
        paid_on: on,
        recorded_by: actor.userId,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await repo.applyToLedger(trx, original.person_id, perMonth, null, now);
    await refreshAlertsIn(ctx, trx, PAYMENT_ALERT_SOURCES, original.org_path);
    await noticeToMember(ctx, trx, {
      personId: original.person_id,
      paymentId: row.id,
      kind: input.kind,
      months: d.value,
      amountFen: amount,
      orgPath: original.org_path,
      receiptNo: original.receipt_no,
    });
    await appendAudit(trx, ctx.ring, {
      at: now,
      action: input.kind === 'refund' ? 'dues.payment.refund' : 'dues.payment.correct',
      result: 'ok',
      actorUserId: actor.userId,
      actorUsername: actor.username,
      objectType: 'dues_payment',
      objectId: row.id,
      scopePath: original.org_path,
      requestId: rc.meta.requestId,
      ip: rc.meta.ip,
      detail: { refPaymentId: original.id, months: d.value, amountFen: amount, reason: input.reason },
    });
    return {
      data: {
        id: row.id,
        refPaymentId: original.id,
        months: d.value,
        amountFen: amount,
        amount: yuanText(amount),
      },
    };
  });
}

/** A subtree's payment rows (newest first), optionally of one month's paid_on. */
export async function listPayments(
  ctx: AppContext,
  rc: RequestContext,
  orgId: number | undefined,
  month: string | undefined,
) {
  const actor = requireActor(rc);
  const org = await findOrgById(ctx.db, orgId ?? actor.scopeOrgId);
  if (!org) throw notFound('组织');
  if (!inScope(actor, org.path)) throw await denied(ctx, rc, 'org', org.id, 'scope');
  let q = ctx.db
    .selectFrom('dues_payments as p')
    .innerJoin('persons as s', 's.id', 'p.person_id')
    .select([
      'p.id',
      'p.person_id',
      's.name',
      'p.months',
      'p.amount_fen',
      'p.method',
      'p.kind',
      'p.receipt_no',
      'p.order_no',
      'p.ref_payment_id',
      'p.paid_on',
      'p.created_at',
    ])
    .where('p.org_path', 'like', `${org.path}%`);
  if (month) q = q.where('p.paid_on', '>=', `${month}-01`).where('p.paid_on', '<=', `${month}-31`);
  const rows = await q.orderBy('p.id', 'desc').limit(500).execute();
  return {
    data: rows.map((r) => ({
      id: r.id,
      personId: r.person_id,
      name: r.name,
      months: repo.parseMonths(r.months),
      amountFen: r.amount_fen,
      amount: yuanText(r.amount_fen),
      method: r.method,
      methodLabel: METHOD_LABELS[r.method] ?? r.method,
      kind: r.kind,
      kindLabel: KIND_LABELS[r.kind] ?? r.kind,
      receiptNo: r.receipt_no,
      orderNo: r.order_no,
      refPaymentId: r.ref_payment_id,
      paidOn: r.paid_on,
    })),
  };
}
