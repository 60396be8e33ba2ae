// 党费 demo data, part B: payments and the gateway (issue 19). Runs after A's seed, which leaves
// every ledger month 'due'; this pays them as planned in payments/seed-plan.ts — offline rows with
// branch receipt numbers, online rows with their paid orders and applied gateway events — and
// marks the ledger paid with the payment's date, in one transaction with one audit row.
import { chinaDate } from '../../../core/shared/dates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import type { AppContext } from '../../context.ts';
import type { ModuleSeedInput } from '../../seed/module-seed.ts';
import { planPayments, type DueRow } from './payments/seed-plan.ts';

const CHUNK = 400;

function chunks<T>(xs: readonly T[], n = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

export async function seedDuesPayments(ctx: AppContext, input: ModuleSeedInput): Promise<void> {
  const ledger = await ctx.db
    .selectFrom('dues_ledger')
    .select(['id', 'person_id', 'org_id', 'org_path', 'month', 'due_fen', 'reduced_fen', 'paid_fen'])
    .where('status', '=', 'due')
    .orderBy('person_id')
    .orderBy('month')
    .execute();
  if (ledger.length === 0) return;
  const rows: DueRow[] = ledger.map((r) => ({
    id: r.id,
    personId: r.person_id,
    orgId: r.org_id,
    orgPath: r.org_path,
    month: r.month,
    owedFen: Math.max(0, r.due_fen - r.reduced_fen - r.paid_fen),
  }));
  const accounts = await ctx.db
    .selectFrom('users')
    .select(['username', 'person_id'])
    .where('person_id', 'is not', null)
    .execute();
  const demoMembers = new Set(
    accounts.filter((a) => /^member_\d+$/.test(a.username)).map((a) => a.person_id!),
  );
  const member1 = new Set(accounts.filter((a) => a.username === 'member_1').map((a) => a.person_id!));
  const { payments, arrears } = planPayments(rows, input.today, input.seed, demoMembers, member1);
  const codes = new Map(
    (await ctx.db.selectFrom('orgs').select(['id', 'code']).execute()).map((o) => [o.id, o.code]),
  );
  input.onProgress?.(0, payments.length, '党费缴纳记录');

  await ctx.db.transaction().execute(async (trx) => {
    const receiptSeq = new Map<string, number>();
    const values = [];
    const orders = [];
    const events = [];
    const paidOnOf = new Map<string, number[]>();
    let n = 0;
    for (const p of payments) {
      n += 1;
      const amount = p.rows.reduce((s, r) => s + r.owedFen, 0);
      const at = `${p.paidOn}T${String(1 + (n % 9)).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}:00.000Z`;
      const months = JSON.stringify(p.rows.map((r) => r.month));
      let receiptNo: string | null = null;
      let orderNo: string | null = null;
      if (p.method === 'online') {
        orderNo = `DF${p.paidOn.replaceAll('-', '')}S${String(n).padStart(7, '0')}`;
        const txn = `TXSEED${String(n).padStart(10, '0')}`;
        orders.push({
          order_no: orderNo,
          person_id: p.personId,
          org_id: p.orgId,
          org_path: p.orgPath,
          months,
          amount_fen: amount,
          idempotency_key: `seed-${orderNo}`,
          status: 'paid',
          gateway_txn: txn,
          created_at: at,
          paid_at: at,
        });
        const body = JSON.stringify({
          eventId: `${txn}-2`,
          orderNo,
          status: 'SUCCESS',
          amountFen: amount,
          gatewayTxn: txn,
          paidAt: at,
        });
        events.push({
          event_id: `${txn}-2`,
          order_no: orderNo,
          body,
          signature_ok: 1,
          outcome: 'applied',
          detail: '已入账',
          received_at: at,
        });
      } else {
        const key = `${codes.get(p.orgId) ?? p.orgId}-${p.paidOn.slice(0, 4)}`;
        const seq = (receiptSeq.get(key) ?? 0) + 1;
        receiptSeq.set(key, seq);
        receiptNo = `SJ${key}-${String(seq).padStart(4, '0')}`;
      }
      values.push({
        person_id: p.personId,
        org_id: p.orgId,
        org_path: p.orgPath,
        months,
        amount_fen: amount,
        method: p.method,
        kind: 'payment',
        receipt_no: receiptNo,
        order_no: orderNo,
        ref_payment_id: null,
        paid_on: p.paidOn,
        recorded_by: null,
        created_at: at,
      });
      for (const r of p.rows) {
        const ids = paidOnOf.get(p.paidOn) ?? [];
        ids.push(r.id);
        paidOnOf.set(p.paidOn, ids);
      }
    }
    for (const c of chunks(values)) await trx.insertInto('dues_payments').values(c).execute();
    for (const c of chunks(orders)) await trx.insertInto('dues_orders').values(c).execute();
    for (const c of chunks(events)) await trx.insertInto('dues_gateway_events').values(c).execute();
    let done = 0;
    for (const [paidOn, ids] of paidOnOf) {
      for (const c of chunks(ids, 500))
        await trx
          .updateTable('dues_ledger')
          .set((eb) => ({
            paid_fen: eb('due_fen', '-', eb.ref('reduced_fen')),
            status: 'paid',
            paid_on: paidOn,
            updated_at: `${paidOn}T12:00:00.000Z`,
          }))
          .where('id', 'in', c)
          .execute();
      done += ids.length;
    }
    await appendAudit(trx, ctx.ring, {
      at: ctx.now().toISOString(),
      action: 'dues.payments.seed',
      result: 'ok',
      objectType: 'dues_payment',
      detail: {
        payments: values.length,
        online: orders.length,
        monthsPaid: done,
        arrears: Object.fromEntries(arrears),
        today: chinaDate(ctx.now()),
      },
    });
  });
  input.onProgress?.(payments.length, payments.length, '党费缴纳记录');
}
