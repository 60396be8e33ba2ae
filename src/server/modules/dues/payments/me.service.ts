// 我的党费 (the member's months due and paid, and receipts), a receipt for member or staff, and
// the daily reconciliation of the gateway's statement against our online payments.
import { outstandingFen, reconcile, yuanText } from '../../../../core/dues/payments.rules.ts';
import { denied, requireActor } from '../../../authz.ts';
import type { AppContext, RequestContext } from '../../../context.ts';
import { AppError, notFound } from '../../../http/errors.ts';
import { inScope } from '../../../http/policy.ts';
import { findOrgById } from '../../orgs/orgs.repository.ts';
import { gatewayOf } from './gateway.ts';
import { myPersonId } from './orders.service.ts';
import * as repo from './payments.repository.ts';
import { KIND_LABELS, METHOD_LABELS } from './payments.service.ts';

const STATUS_LABELS: Record<string, string> = { due: '待缴', paid: '已缴', waived: '已免交' };

export async function myDues(ctx: AppContext, rc: RequestContext) {
  const personId = await myPersonId(ctx, rc);
  const [ledger, payments, person] = await Promise.all([
    repo.ledgerOf(ctx.db, personId),
    ctx.db
      .selectFrom('dues_payments')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('id', 'desc')
      .execute(),
    ctx.db.selectFrom('persons').select('name').where('id', '=', personId).executeTakeFirstOrThrow(),
  ]);
  const paidOn = new Map(
    (
      await ctx.db
        .selectFrom('dues_ledger')
        .select(['month', 'paid_on'])
        .where('person_id', '=', personId)
        .execute()
    ).map((r) => [r.month, r.paid_on]),
  );
  const months = ledger
    .map((l) => {
      const owed = outstandingFen(l);
      return {
        month: l.month,
        dueFen: l.dueFen - l.reducedFen,
        due: yuanText(l.dueFen - l.reducedFen),
        outstandingFen: owed,
        paidFen: l.paidFen,
        status: l.status,
        statusLabel: STATUS_LABELS[l.status] ?? l.status,
        paidOn: paidOn.get(l.month) ?? null,
      };
    })
    .reverse();
  const owedFen = months.reduce((s, m) => s + m.outstandingFen, 0);
  return {
    data: {
      name: person.name,
      owedFen,
      owed: yuanText(owedFen),
      months,
      receipts: payments.map((p) => ({
        id: p.id,
        months: repo.parseMonths(p.months),
        amountFen: p.amount_fen,
        amount: yuanText(p.amount_fen),
        method: p.method,
        methodLabel: METHOD_LABELS[p.method] ?? p.method,
        kind: p.kind,
        kindLabel: KIND_LABELS[p.kind] ?? p.kind,
        receiptNo: p.receipt_no,
        orderNo: p.order_no,
        paidOn: p.paid_on,
      })),
    },
  };
}

/** 缴费凭证: the member's own, or any in the staff member's subtree. */
export async function receipt(ctx: AppContext, rc: RequestContext, id: number) {
  const actor = requireActor(rc);
  const p = await repo.paymentById(ctx.db, id);
  if (!p) throw notFound('缴费凭证');
  const isMember =
    actor.roles.includes('member') && !actor.roles.some((r) => r === 'org_admin' || r === 'worker');
  if (isMember) {
    if ((await myPersonId(ctx, rc)) !== p.person_id)
      throw await denied(ctx, rc, 'dues_payment', id, 'not-own');
  } else if (!inScope(actor, p.org_path)) throw await denied(ctx, rc, 'dues_payment', id, 'scope');
  const [person, org, reversals] = await Promise.all([
    ctx.db.selectFrom('persons').select('name').where('id', '=', p.person_id).executeTakeFirstOrThrow(),
    findOrgById(ctx.db, p.org_id),
    ctx.db
      .selectFrom('dues_payments')
      .select(['id', 'kind', 'months', 'amount_fen', 'paid_on'])
      .where('ref_payment_id', '=', id)
      .orderBy('id')
      .execute(),
  ]);
  return {
    data: {
      id: p.id,
      name: person.name,
      orgName: org?.name ?? '',
      months: repo.parseMonths(p.months),
      amountFen: p.amount_fen,
      amount: yuanText(p.amount_fen),
      method: p.method,
      methodLabel: METHOD_LABELS[p.method] ?? p.method,
      kind: p.kind,
      kindLabel: KIND_LABELS[p.kind] ?? p.kind,
      receiptNo: p.receipt_no,
      orderNo: p.order_no,
      refPaymentId: p.ref_payment_id,
      paidOn: p.paid_on,
      reversals: reversals.map((r) => ({
        id: r.id,
        kindLabel: KIND_LABELS[r.kind] ?? r.kind,
        months: repo.parseMonths(r.months),
        amount: yuanText(r.amount_fen),
        paidOn: r.paid_on,
      })),
    },
  };
}

/**
 * 对账: the gateway's statement for a day vs our online payments of the subtree on that day.
 * Statement lines of orders outside the subtree are left out; lines of orders we never issued
 * show only at the top of the tree (they belong to no organisation).
 */
export async function reconcileDay(
  ctx: AppContext,
  rc: RequestContext,
  orgId: number | undefined,
  date: string,
) {
  const actor = requireActor(rc);
  const org = await findOrgById(ctx.db, orgId ?? actor.scopeOrgId);
  if (!org) throw notFound('组织');
  if (!inScope(actor, org.path)) throw await denied(ctx, rc, 'org', org.id, 'scope');
  const gateway = gatewayOf(ctx);
  if (!gateway) throw new AppError('conflict', 'GATEWAY_UNAVAILABLE', '在线缴费通道未配置，无法对账');
  const lines = await gateway.statement(date);
  const orders = lines.length
    ? await ctx.db
        .selectFrom('dues_orders')
        .select(['order_no', 'org_path'])
        .where(
          'order_no',
          'in',
          lines.map((l) => l.orderNo),
        )
        .execute()
    : [];
  const pathOf = new Map(orders.map((o) => [o.order_no, o.org_path]));
  const mine = lines.filter((l) => {
    const path = pathOf.get(l.orderNo);
    return path ? path.startsWith(org.path) : org.parent_id === null;
  });
  const ours = await ctx.db
    .selectFrom('dues_payments as p')
    .leftJoin('dues_orders as o', 'o.order_no', 'p.order_no')
    .select(['p.id', 'p.order_no', 'p.amount_fen', 'o.gateway_txn'])
    .where('p.method', '=', 'online')
    .where('p.paid_on', '=', date)
    .where('p.org_path', 'like', `${org.path}%`)
    .execute();
  const rows = reconcile(
    mine,
    ours
      .filter((p) => p.order_no)
      .map((p) => ({
        paymentId: p.id,
        orderNo: p.order_no!,
        amountFen: p.amount_fen,
        gatewayTxn: p.gateway_txn,
      })),
  );
  const sum = (xs: Array<number | null>) => xs.reduce<number>((s, x) => s + (x ?? 0), 0);
  const gatewayFen = sum(rows.map((r) => r.gatewayFen));
  const oursFen = sum(rows.map((r) => r.oursFen));
  return {
    data: {
      org: { id: org.id, name: org.name },
      date,
      gatewayFen,
      gateway: yuanText(gatewayFen),
      oursFen,
      ours: yuanText(oursFen),
      differences: rows.filter((r) => r.status !== 'matched').length,
      rows,
    },
  };
}
