// 党费 payments and the sandbox gateway through HTTP (issue 19, part B), on both engines:
// offline recording, refunds as new rows, orders with idempotency keys, signed notifications
// (duplicate, out of order, replayed, forged, unknown order, wrong amount) and reconciliation.
import { beforeAll, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../../test/db-harness.ts';
import { gatewayOf } from './gateway.ts';
import type { SandboxGateway } from './sandbox-gateway.ts';

describeEachEngine('党费 payments and the gateway', (use) => {
  let t: TestApp;
  let personA: number;

  const ledger = async () =>
    t.ctx.db
      .selectFrom('dues_ledger')
      .select(['month', 'paid_fen', 'status', 'paid_on'])
      .where('person_id', '=', personA)
      .orderBy('month')
      .execute();
  const count = async (table: 'dues_payments' | 'dues_gateway_events' | 'dues_orders') =>
    Number(
      (
        await t.ctx.db
          .selectFrom(table)
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const audits = async (action: string) =>
    Number(
      (
        await t.ctx.db
          .selectFrom('audit_log')
          .select((e) => e.fn.countAll().as('n'))
          .where('action', '=', action)
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await openTestApp(use());
    const { branchA } = t.fixture;
    personA = (
      await t.ctx.db
        .selectFrom('users')
        .select('person_id')
        .where('username', '=', 'member_a')
        .executeTakeFirstOrThrow()
    ).person_id!;
    const now = t.ctx.now().toISOString();
    // 5400元 in service → 81.00元 a month; six months on the branch's ledger, all due.
    await t.ctx.db
      .insertInto('dues_ledger')
      .values(
        ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'].map((month) => ({
          person_id: personA,
          org_id: branchA.id,
          org_path: branchA.path,
          month,
          category: 'in_service',
          base_fen: 540000,
          due_fen: 8100,
          reduced_fen: 0,
          paid_fen: 0,
          paid_on: null,
          status: 'due',
          updated_at: now,
        })),
      )
      .execute();
  });

  it('the branch records a cash payment; a wrong amount or a paid month is refused with nothing written', async () => {
    const w = await t.login('worker_a');
    const body = {
      personId: personA,
      months: ['2026-06', '2026-07'],
      amountFen: 16000,
      method: 'cash',
      receiptNo: 'SJ-2026-001',
      paidOn: '2026-11-20',
    };
    const wrong = await w.request('POST', '/api/dues/payments', body);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({
      code: 'AMOUNT_MISMATCH',
      fields: { amountFen: expect.stringContaining('162.00') },
    });
    expect(await count('dues_payments')).toBe(0);
    const ok = await w.request('POST', '/api/dues/payments', { ...body, amountFen: 16200 });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().data).toMatchObject({
      amountFen: 16200,
      amount: '162.00',
      months: ['2026-06', '2026-07'],
    });
    const again = await w.request('POST', '/api/dues/payments', {
      ...body,
      months: ['2026-07'],
      amountFen: 8100,
      receiptNo: 'SJ-2026-002',
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('MONTH_ALREADY_PAID');
    expect((await ledger()).slice(0, 2)).toEqual([
      { month: '2026-06', paid_fen: 8100, status: 'paid', paid_on: '2026-11-20' },
      { month: '2026-07', paid_fen: 8100, status: 'paid', paid_on: '2026-11-20' },
    ]);
    expect(await audits('dues.payment.record')).toBe(1);
  });

  it('a refund is a new negative row; the original stays and the month is due again', async () => {
    const w = await t.login('worker_a');
    const original = await t.ctx.db.selectFrom('dues_payments').selectAll().executeTakeFirstOrThrow();
    const res = await w.request('POST', `/api/dues/payments/${original.id}/refund`, {
      months: ['2026-07'],
      reason: '多收退回',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().data).toMatchObject({ amountFen: -8100, months: ['2026-07'] });
    expect(
      await t.ctx.db
        .selectFrom('dues_payments')
        .selectAll()
        .where('id', '=', original.id)
        .executeTakeFirstOrThrow(),
    ).toEqual(original);
    expect((await ledger())[1]).toEqual({ month: '2026-07', paid_fen: 0, status: 'due', paid_on: null });
    const twice = await w.request('POST', `/api/dues/payments/${original.id}/refund`, {
      months: ['2026-07'],
      reason: '重复退款',
    });
    expect(twice.statusCode).toBe(400);
    expect(await audits('dues.payment.refund')).toBe(1);
    // The member was told both times (站内通知), with a link to the row.
    const notes = await t.ctx.db
      .selectFrom('notifications')
      .select(['title', 'link'])
      .where('user_id', '=', t.fixture.users.memberA)
      .where('kind', '=', 'dues.payment')
      .orderBy('id')
      .execute();
    expect(notes.map((n) => n.title)).toEqual(['党费缴纳已登记', '党费已退款']);
    expect(notes[1]!.link).toBe(`/dues/receipts/${res.json().data.id}`);
  });

  it('a member pays two months online: one order per idempotency key, duplicates and out-of-order notifications change nothing', async () => {
    const m = await t.login('member_a');
    const body = { months: ['2026-07', '2026-08'], idempotencyKey: 'key-two-months-0001' };
    const first = await m.request('POST', '/api/dues/orders', body);
    expect(first.statusCode).toBe(201);
    const order = first.json().data;
    expect(order).toMatchObject({
      amountFen: 16200,
      amount: '162.00',
      status: 'created',
      payUrl: expect.stringMatching(/^\/sandbox-gateway\/pay\/SB/),
    });
    const retry = await m.request('POST', '/api/dues/orders', body);
    expect(retry.json().data.orderNo).toBe(order.orderNo);
    expect(await count('dues_orders')).toBe(1);
    const reused = await m.request('POST', '/api/dues/orders', { ...body, months: ['2026-09'] });
    expect(reused.statusCode).toBe(409);

    const page = await t.app.inject({ method: 'GET', url: order.payUrl });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('¥162.00');
    const paid = await t.app.inject({
      method: 'POST',
      url: `${order.payUrl}/confirm`,
      payload: { duplicate: true, outOfOrder: true },
    });
    expect(paid.statusCode).toBe(200);
    expect(paid.json().data.deliveries.map((d: { status: number }) => d.status)).toEqual([200, 200, 200]);
    const events = await t.ctx.db
      .selectFrom('dues_gateway_events')
      .select(['outcome', 'signature_ok'])
      .orderBy('id')
      .execute();
    expect(events).toEqual([
      { outcome: 'applied', signature_ok: 1 },
      { outcome: 'out_of_order', signature_ok: 1 },
    ]);
    const online = await t.ctx.db
      .selectFrom('dues_payments')
      .selectAll()
      .where('method', '=', 'online')
      .execute();
    expect(online).toHaveLength(1);
    expect(online[0]).toMatchObject({ amount_fen: 16200, order_no: order.orderNo, paid_on: '2026-11-23' });
    expect((await ledger()).slice(1, 3).map((l) => l.status)).toEqual(['paid', 'paid']);

    // A replay of every notification: answered 'duplicate', nothing written.
    const before = { p: await count('dues_payments'), e: await count('dues_gateway_events') };
    const replay = await t.app.inject({ method: 'POST', url: `${order.payUrl}/replay` });
    expect(replay.json().data.deliveries.map((d: { status: number }) => d.status)).toEqual([200, 200]);
    expect({ p: await count('dues_payments'), e: await count('dues_gateway_events') }).toEqual(before);

    const me = (await m.request('GET', '/api/dues/me')).json().data;
    expect(me.months.find((x: { month: string }) => x.month === '2026-08')).toMatchObject({
      status: 'paid',
      statusLabel: '已缴',
    });
    const receiptId = me.receipts.find((r: { method: string }) => r.method === 'online').id;
    const rec = await m.request('GET', `/api/dues/receipts/${receiptId}`);
    expect(rec.json().data).toMatchObject({
      amount: '162.00',
      methodLabel: '在线支付',
      months: ['2026-07', '2026-08'],
      orderNo: order.orderNo,
    });
  });

  it('a forged, unknown-order or wrong-amount notification is refused and audited; nothing changes', async () => {
    const sandbox = gatewayOf(t.ctx) as SandboxGateway;
    const m = await t.login('member_a');
    const order = (
      await m.request('POST', '/api/dues/orders', {
        months: ['2026-09'],
        idempotencyKey: 'key-september-0001',
      })
    ).json().data;
    const event = {
      eventId: 'EV-FORGED-1',
      orderNo: order.orderNo,
      status: 'SUCCESS',
      amountFen: 8100,
      gatewayTxn: 'TX-F',
      paidAt: t.ctx.now().toISOString(),
    };
    const before = { p: await count('dues_payments'), a: await audits('dues.gateway.reject') };
    const post = (headers: Record<string, string>, body: string) =>
      t.app.inject({ method: 'POST', url: '/api/dues/gateway/notify', headers, payload: body });

    const good = sandbox.signed(event);
    const forged = await post({ ...good.headers, 'x-gateway-signature': 'a'.repeat(64) }, good.body);
    expect(forged.statusCode).toBe(401);
    expect(forged.json().error.message).toContain('签名');
    const tampered = await post(good.headers, good.body.replace('8100', '1'));
    expect(tampered.statusCode).toBe(401);
    const unknown = sandbox.signed({ ...event, eventId: 'EV-UNKNOWN', orderNo: 'DF20261123NOSUCH' });
    expect((await post(unknown.headers, unknown.body)).json().error.code).toBe('UNKNOWN_ORDER');
    const cheap = sandbox.signed({ ...event, eventId: 'EV-CHEAP', amountFen: 1 });
    const cheapRes = await post(cheap.headers, cheap.body);
    expect(cheapRes.statusCode).toBe(400);
    expect(cheapRes.json().error.code).toBe('AMOUNT_MISMATCH');
    expect(await count('dues_payments')).toBe(before.p);
    expect(await audits('dues.gateway.reject')).toBe(before.a + 4);
    expect((await ledger()).find((l) => l.month === '2026-09')!.status).toBe('due');
    // The genuine notification with the id a forger tried first still applies.
    const real = await post(good.headers, good.body);
    expect(real.json().data.result).toBe('applied');
    expect((await ledger()).find((l) => l.month === '2026-09')!.status).toBe('paid');
  });

  it('reconciliation flags a payment the gateway never saw', async () => {
    const a = await t.login('admin_a');
    const clean = (
      await a.request('GET', `/api/dues/reconcile?orgId=${t.fixture.townA.id}&date=2026-11-23`)
    ).json().data;
    expect(clean.rows.some((r: { status: string }) => r.status === 'matched')).toBe(true);
    const sandboxOnly = clean.rows.filter((r: { status: string }) => r.status !== 'matched');
    // The forged-then-genuine event was posted without the sandbox's own trade: the gateway has no line for it.
    expect(sandboxOnly).toEqual([
      expect.objectContaining({ status: 'missing_gateway', note: '本系统已入账，支付通道对账单无此笔' }),
    ]);
    expect(clean.differences).toBe(1);
  });

  it('a member reads only their own receipts', async () => {
    const { paymentId } = await import('../dues-payments.authz-cases.ts').then((mod) =>
      mod.townshipBPayment(t),
    );
    const m = await t.login('member_a');
    expect((await m.request('GET', `/api/dues/receipts/${paymentId}`)).statusCode).toBe(403);
  });
});
