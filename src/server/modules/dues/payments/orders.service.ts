// Online 党费: the member's order (amount computed here, never taken from the client), and the
// gateway's signed notification — believed only when the signature checks out, applied once per
// order whatever the gateway repeats or reorders.
import { randomBytes, randomUUID } from 'node:crypto';
import { allocatePayment, yuanText } from '../../../../core/dues/payments.rules.ts';
import { chinaDate } from '../../../../core/shared/dates.ts';
import { appendAudit } from '../../../audit/audit.repository.ts';
import { requireActor } from '../../../authz.ts';
import type { AppContext, RequestContext } from '../../../context.ts';
import { AppError, badRequest, conflict, fromDecision, notFound } from '../../../http/errors.ts';
import { personOfUser } from '../../roster/roster-transfers.repository.ts';
import { gatewayOf, type VerifiedEvent } from './gateway.ts';
import * as repo from './payments.repository.ts';
import { refreshAlertsIn } from '../../alerts/alerts.service.ts';
import { requireBackPayAllowed } from '../relief/back-pay.ts';
import { insertPayment, PAYMENT_ALERT_SOURCES } from './payments.service.ts';

/** The member's own person (账号关联的党员), or 404. */
export async function myPersonId(ctx: AppContext, rc: RequestContext): Promise<number> {
  const personId = await personOfUser(ctx.db, requireActor(rc).userId);
  if (!personId) throw notFound('本人党员档案（账号未关联党员）');
  return personId;
}

const orderNoOf = (now: Date) =>
  `DF${chinaDate(now).replaceAll('-', '')}${randomBytes(5).toString('hex').toUpperCase()}`;

/**
 * 去缴费: an order for the chosen due months. The same idempotency key returns the same order
 * (a double tap or a retried request creates nothing new); an open order of the member's that
 * overlaps the months is closed, so one month is never collected twice through two orders.
 */
export async function createOrder(
  ctx: AppContext,
  rc: RequestContext,
  input: { months: string[]; idempotencyKey: string },
) {
  const actor = requireActor(rc);
  const personId = await myPersonId(ctx, rc);
  const gateway = gatewayOf(ctx);
  if (!gateway)
    throw new AppError('conflict', 'GATEWAY_UNAVAILABLE', '在线缴费通道暂未开通，请联系党支部线下缴纳');
  const existing = await ctx.db
    .selectFrom('dues_orders')
    .selectAll()
    .where('idempotency_key', '=', input.idempotencyKey)
    .executeTakeFirst();
  if (existing) {
    const same =
      existing.person_id === personId && existing.months === JSON.stringify([...input.months].sort());
    if (!same)
      throw conflict(
        'IDEMPOTENCY_KEY_REUSED',
        '幂等键：已用于另一笔订单，请刷新页面后重试',
        'idempotencyKey',
      );
    return { data: await orderView(ctx, existing, null) };
  }
  const ledger = await repo.ledgerOf(ctx.db, personId, input.months);
  const d = allocatePayment(ledger, input.months, null);
  if (!d.ok) throw fromDecision(d);
  // A member cannot 补交 beyond the window online: the branch's upper level records those.
  requireBackPayAllowed(ctx, actor, ledger.at(-1)!.orgPath, d.value.months);
  const last = ledger.find((l) => l.month === d.value.months.at(-1))!;
  const now = ctx.now();
  const orderNo = orderNoOf(now);
  const months = JSON.stringify(d.value.months);
  const order = await ctx.db.transaction().execute(async (trx) => {
    const open = await trx
      .selectFrom('dues_orders')
      .select(['id', 'months'])
      .where('person_id', '=', personId)
      .where('status', '=', 'created')
      .execute();
    const overlapping = open
      .filter((o) => repo.parseMonths(o.months).some((m) => d.value.months.includes(m)))
      .map((o) => o.id);
    if (overlapping.length > 0)
      await trx.updateTable('dues_orders').set({ status: 'closed' }).where('id', 'in', overlapping).execute();
    const row = await trx
      .insertInto('dues_orders')
      .values({
        order_no: orderNo,
        person_id: personId,
        org_id: last.orgId,
        org_path: last.orgPath,
        months,
        amount_fen: d.value.totalFen,
        idempotency_key: input.idempotencyKey,
        status: 'created',
        gateway_txn: null,
        created_at: now.toISOString(),
        paid_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, ctx.ring, {
      at: now.toISOString(),
      action: 'dues.order.create',
      result: 'ok',
      actorUserId: actor.userId,
      actorUsername: actor.username,
      objectType: 'dues_order',
      objectId: row.id,
      scopePath: row.org_path,
      requestId: rc.meta.requestId,
      ip: rc.meta.ip,
      detail: { orderNo, months: d.value.months, amountFen: d.value.totalFen, closedOrders: overlapping },
    });
    return row;
  });
  const pay = await gateway.createOrder({
    orderNo,
    amountFen: order.amount_fen,
    subject: `党费 ${d.value.months.join('、')}`,
    returnUrl: `/dues/me?order=${orderNo}`,
  });
  return { data: await orderView(ctx, order, pay.payUrl) };
}

async function orderView(
  ctx: AppContext,
  o: { id: number; order_no: string; months: string; amount_fen: number; status: string; created_at: string },
  payUrl: string | null,
) {
  const gateway = gatewayOf(ctx);
  let url = payUrl;
  // The same order asked for again (idempotent retry): the gateway hands back its existing pay page.
  if (!url && gateway && o.status === 'created')
    url = (
      await gateway.createOrder({
        orderNo: o.order_no,
        amountFen: o.amount_fen,
        subject: '党费',
        returnUrl: `/dues/me?order=${o.order_no}`,
      })
    ).payUrl;
  return {
    id: o.id,
    orderNo: o.order_no,
    months: repo.parseMonths(o.months),
    amountFen: o.amount_fen,
    amount: yuanText(o.amount_fen),
    status: o.status,
    payUrl: url,
  };
}

type Outcome = 'applied' | 'duplicate' | 'rejected' | 'out_of_order';

/** Logs a refused notification and its audit row in their own transaction; the caller then throws. */
async function logRefusal(
  ctx: AppContext,
  rc: RequestContext,
  eventId: string,
  orderNo: string,
  raw: string,
  signatureOk: boolean,
  reason: string,
) {
  const now = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    // A refused event never takes its event id: a forged copy must not block the genuine one.
    await trx
      .insertInto('dues_gateway_events')
      .values({
        event_id: `rejected:${randomUUID()}`,
        order_no: orderNo.slice(0, 64),
        body: raw.slice(0, 4000),
        signature_ok: signatureOk ? 1 : 0,
        outcome: 'rejected',
        detail: `${reason}（事件号${eventId.slice(0, 100)}）`,
        received_at: now,
      })
      .execute();
    await appendAudit(trx, ctx.ring, {
      at: now,
      action: 'dues.gateway.reject',
      result: 'failed',
      objectType: 'dues_order',
      objectId: orderNo.slice(0, 64) || null,
      requestId: rc.meta.requestId,
      ip: rc.meta.ip,
      detail: { eventId: eventId.slice(0, 100), reason },
    });
  });
}

/**
 * POST /api/dues/gateway/notify. Bad signature, unknown order or a wrong amount: refused (4xx),
 * logged and audited, nothing else written. A replay (same event id) or a second success for a
 * paid order: 200 'duplicate', nothing changes. WAIT_PAY arriving after SUCCESS: 'out_of_order'.
 */
export async function handleNotification(
  ctx: AppContext,
  rc: RequestContext,
  headers: Record<string, string | string[] | undefined>,
  raw: string,
): Promise<{ data: { result: Outcome } }> {
  const gateway = gatewayOf(ctx);
  const ev = gateway?.verify(headers, raw) ?? null;
  if (!ev) {
    let claimed = { eventId: '', orderNo: '' };
    try {
      const j = JSON.parse(raw) as { eventId?: unknown; orderNo?: unknown };
      claimed = { eventId: String(j.eventId ?? ''), orderNo: String(j.orderNo ?? '') };
    } catch {
      /* unreadable body: logged as is */
    }
    await logRefusal(ctx, rc, claimed.eventId, claimed.orderNo, raw, false, '签名无效或已过期');
    throw new AppError('unauthenticated', 'BAD_SIGNATURE', '支付通知签名无效或已过期，已拒绝');
  }
  const seen = await ctx.db
    .selectFrom('dues_gateway_events')
    .select('id')
    .where('event_id', '=', ev.eventId)
    .executeTakeFirst();
  if (seen) return { data: { result: 'duplicate' } };
  const order = await ctx.db
    .selectFrom('dues_orders')
    .selectAll()
    .where('order_no', '=', ev.orderNo)
    .executeTakeFirst();
  if (!order) {
    await logRefusal(ctx, rc, ev.eventId, ev.orderNo, raw, true, '订单不存在');
    throw badRequest('UNKNOWN_ORDER', `订单号：${ev.orderNo}不存在，已拒绝该支付通知`, 'orderNo');
  }
  if (ev.amountFen !== order.amount_fen) {
    await logRefusal(
      ctx,
      rc,
      ev.eventId,
      ev.orderNo,
      raw,
      true,
      `金额不符：通知${yuanText(ev.amountFen)}元，订单${yuanText(order.amount_fen)}元`,
    );
    throw badRequest(
      'AMOUNT_MISMATCH',
      `金额：通知金额${yuanText(ev.amountFen)}元与订单金额${yuanText(order.amount_fen)}元不符，已拒绝`,
      'amountFen',
    );
  }
  try {
    return { data: { result: await applyEvent(ctx, rc, ev, order) } };
  } catch (e) {
    // The same event delivered twice at once: the second loses the unique event id and is a duplicate.
    const again = await ctx.db
      .selectFrom('dues_gateway_events')
      .select('id')
      .where('event_id', '=', ev.eventId)
      .executeTakeFirst();
    if (again) return { data: { result: 'duplicate' } };
    if (e instanceof AppError && e.kind === 'bad_request') {
      await logRefusal(ctx, rc, ev.eventId, ev.orderNo, raw, true, e.message);
      throw conflict(e.code, `${e.message}（在线支付订单${ev.orderNo}，需办理退款）`);
    }
    throw e;
  }
}

async function applyEvent(
  ctx: AppContext,
  rc: RequestContext,
  ev: VerifiedEvent,
  order: {
    id: number;
    order_no: string;
    person_id: number;
    months: string;
    org_path: string;
    status: string;
  },
): Promise<Outcome> {
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('dues_orders')
      .select('status')
      .where('id', '=', order.id)
      .executeTakeFirstOrThrow();
    let outcome: Outcome;
    let detail: string;
    let paymentId: number | null = null;
    if (ev.status === 'WAIT_PAY') {
      outcome = current.status === 'paid' ? 'out_of_order' : 'applied';
      detail = current.status === 'paid' ? '待支付通知晚于支付成功到达，忽略' : '待支付';
    } else if (current.status === 'paid') {
      outcome = 'duplicate';
      detail = '订单已入账，重复的支付成功通知';
    } else {
      const p = await insertPayment(ctx, trx, {
        personId: order.person_id,
        months: repo.parseMonths(order.months),
        amountFen: ev.amountFen,
        method: 'online',
        receiptNo: null,
        orderNo: order.order_no,
        paidOn: chinaDate(new Date(ev.paidAt)),
        recordedBy: null,
      });
      paymentId = p.id;
      await refreshAlertsIn(ctx, trx, PAYMENT_ALERT_SOURCES, p.orgPath);
      await trx
        .updateTable('dues_orders')
        .set({ status: 'paid', gateway_txn: ev.gatewayTxn, paid_at: ev.paidAt })
        .where('id', '=', order.id)
        .execute();
      outcome = 'applied';
      detail = `已入账，缴费记录${p.id}`;
    }
    await trx
      .insertInto('dues_gateway_events')
      .values({
        event_id: ev.eventId,
        order_no: ev.orderNo,
        body: ev.raw.slice(0, 4000),
        signature_ok: 1,
        outcome,
        detail,
        received_at: now,
      })
      .execute();
    if (paymentId !== null)
      await appendAudit(trx, ctx.ring, {
        at: now,
        action: 'dues.payment.online',
        result: 'ok',
        objectType: 'dues_payment',
        objectId: paymentId,
        scopePath: order.org_path,
        requestId: rc.meta.requestId,
        ip: rc.meta.ip,
        detail: {
          orderNo: order.order_no,
          gatewayTxn: ev.gatewayTxn,
          eventId: ev.eventId,
          amountFen: ev.amountFen,
        },
      });
    return outcome;
  });
}
