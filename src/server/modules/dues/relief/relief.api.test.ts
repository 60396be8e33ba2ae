import { expect, it } from 'vitest';
import { openTestApp, type Session, type TestApp } from '../../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../../test/db-harness.ts';
import { PASSWORD } from '../../../../../test/fixture.ts';
import { hashPassword } from '../../auth/password-hash.ts';
import { insertUser } from '../../users/users.repository.ts';
import { requireBackPayAllowed } from './back-pay.ts';
import { remitGapAlert } from './remit.alerts.ts';

describeEachEngine('党费 减免 (branch then the level above), 上缴 and reconciliation', (use) => {
  let t: TestApp;
  let worker: Session;
  let adminA: Session;
  let county: Session;
  let zhang = 0;
  let li = 0;
  let waiverId = 0;
  const counts = async () => ({
    reductions: (await t.ctx.db.selectFrom('dues_reductions').select('id').execute()).length,
    remittances: (await t.ctx.db.selectFrom('dues_remittances').select('id').execute()).length,
    bank: (await t.ctx.db.selectFrom('dues_bank_figures').select('id').execute()).length,
  });
  const audits = async (action: string) =>
    (await t.ctx.db.selectFrom('audit_log').select('seq').where('action', '=', action).execute()).length;
  const ledger = (personId: number) =>
    t.ctx.db
      .selectFrom('dues_ledger')
      .select(['month', 'due_fen', 'reduced_fen', 'paid_fen', 'status'])
      .where('person_id', '=', personId)
      .orderBy('month')
      .execute();

  it('the branch files a 减免 request; bad input writes nothing', async () => {
    t = await openTestApp(use());
    const { branchA, county: root } = t.fixture;
    const hash = await hashPassword(PASSWORD, t.ctx.config.kdfLogN);
    await t.ctx.db.transaction().execute((trx) =>
      insertUser(trx, {
        username: 'admin_county',
        displayName: '县委组织部',
        scopeOrgId: root.id,
        hash,
        roles: ['org_admin'],
        now: t.ctx.now().toISOString(),
      }),
    );
    const byName = async (name: string) =>
      Number(
        (await t.ctx.db.selectFrom('persons').select('id').where('name', '=', name).executeTakeFirstOrThrow())
          .id,
      );
    zhang = await byName('张明');
    li = await byName('李华');
    const now = t.ctx.now().toISOString();
    for (const personId of [zhang, li])
      for (const month of ['2026-08', '2026-09', '2026-10', '2026-11'])
        await t.ctx.db
          .insertInto('dues_ledger')
          .values({
            person_id: personId,
            org_id: branchA.id,
            org_path: branchA.path,
            month,
            category: 'in_service',
            base_fen: 540000,
            due_fen: 8100,
            reduced_fen: 0,
            paid_fen: month === '2026-08' ? 8100 : 0,
            paid_on: month === '2026-08' ? '2026-08-10' : null,
            status: month === '2026-08' ? 'paid' : 'due',
            updated_at: now,
          })
          .execute();
    worker = await t.login('worker_a');
    adminA = await t.login('admin_a');
    county = await t.login('admin_county');

    const before = await counts();
    const body = {
      personId: li,
      fromMonth: '2026-10',
      toMonth: '2027-03',
      kind: 'waive',
      reason: '本人重病住院，家庭生活困难',
    };
    const bad = [
      [{ ...body, toMonth: '2026-09' }, 'toMonth', '截止月份不能早于起始月份'],
      [{ ...body, toMonth: '2027-13' }, 'toMonth', '截止月份格式应为YYYY-MM'],
      [{ ...body, toMonth: '2027-12' }, 'toMonth', '一次减免最长12个月，期满后可重新申请'],
      [{ ...body, kind: 'reduce' }, 'monthlyFen', '请填写减免后每月应缴金额'],
      [{ ...body, kind: 'reduce', monthlyFen: -5 }, 'monthlyFen', '减免后每月应缴金额不能为负数'],
      [{ ...body, monthlyFen: 20 }, 'monthlyFen', '免交不需要填写减免后月缴金额'],
      [{ ...body, reason: ' ' }, 'reason', '不能为空'],
    ] as const;
    for (const [b, field, message] of bad) {
      const res = await worker.request('POST', '/api/dues/reductions', b);
      expect(res.statusCode, JSON.stringify(b)).toBe(400);
      expect(res.json().error.fields[field]).toBe(message);
    }
    const paid = await worker.request('POST', '/api/dues/reductions', { ...body, fromMonth: '2026-08' });
    expect(paid.statusCode).toBe(409);
    expect(paid.json().error.message).toBe('2026-08党费已缴纳，不能再申请减免');
    expect(await counts()).toEqual(before);

    const res = await worker.request('POST', '/api/dues/reductions', body);
    expect(res.statusCode).toBe(201);
    expect(res.json().data).toMatchObject({
      personName: '李华',
      status: 'pending_branch',
      statusLabel: '待党支部审批',
      kindLabel: '免交',
    });
    waiverId = res.json().data.id;
    const overlap = await worker.request('POST', '/api/dues/reductions', {
      ...body,
      fromMonth: '2026-12',
      toMonth: '2027-01',
    });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().error.message).toBe('与已有减免申请（2026-10至2027-03）时间重叠');
    expect(await audits('dues.reduction.create')).toBe(1);
  });

  it('the branch approves first, then the 党委; approval waives the ledger months', async () => {
    const early = await adminA.request('POST', `/api/dues/reductions/${waiverId}/approve`, {});
    expect(early.statusCode, early.body).toBe(403);
    expect(early.json().error.message).toBe('减免申请应先由党员所在党支部审批');
    const branch = await worker.request('POST', `/api/dues/reductions/${waiverId}/approve`, {
      note: '经支委会研究同意',
    });
    expect(branch.statusCode).toBe(200);
    expect(branch.json().data.status).toBe('pending_upper');
    const notified = await t.ctx.db
      .selectFrom('notifications')
      .select(['user_id', 'title'])
      .where('kind', '=', 'dues.reduction')
      .execute();
    expect(notified).toEqual([{ user_id: t.fixture.users.adminA, title: '甲镇东村党支部报来党费减免申请' }]);
    const twice = await worker.request('POST', `/api/dues/reductions/${waiverId}/approve`, {});
    expect(twice.statusCode).toBe(403);
    expect((await ledger(li)).map((l) => l.status)).toEqual(['paid', 'due', 'due', 'due']);

    const upper = await adminA.request('POST', `/api/dues/reductions/${waiverId}/approve`, {});
    expect(upper.statusCode).toBe(200);
    expect(upper.json().data).toMatchObject({
      status: 'approved',
      statusLabel: '已批准',
      note: '经支委会研究同意',
    });
    expect(await ledger(li)).toEqual([
      { month: '2026-08', due_fen: 8100, reduced_fen: 0, paid_fen: 8100, status: 'paid' },
      { month: '2026-09', due_fen: 8100, reduced_fen: 0, paid_fen: 0, status: 'due' },
      { month: '2026-10', due_fen: 8100, reduced_fen: 8100, paid_fen: 0, status: 'waived' },
      { month: '2026-11', due_fen: 8100, reduced_fen: 8100, paid_fen: 0, status: 'waived' },
    ]);
    const done = await adminA.request('POST', `/api/dues/reductions/${waiverId}/approve`, {});
    expect(done.statusCode).toBe(409);
    expect(done.json().error.message).toBe('该减免申请已审批通过');
    expect(await audits('dues.reduction.approve_branch')).toBe(1);
    expect(await audits('dues.reduction.approve_upper')).toBe(1);
  });

  it('a reduction to a smaller amount can be refused with a reason; the list shows both', async () => {
    const res = await worker.request('POST', '/api/dues/reductions', {
      personId: zhang,
      fromMonth: '2026-09',
      toMonth: '2026-11',
      kind: 'reduce',
      monthlyFen: 2000,
      reason: '下岗后收入减少',
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().data.id as number;
    const empty = await worker.request('POST', `/api/dues/reductions/${id}/reject`, { reason: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.fields.reason).toBe('不能为空');
    const rejected = await worker.request('POST', `/api/dues/reductions/${id}/reject`, {
      reason: '收入证明不全',
    });
    expect(rejected.json().data).toMatchObject({ status: 'rejected', note: '收入证明不全' });
    expect((await ledger(zhang)).map((l) => l.reduced_fen)).toEqual([0, 0, 0, 0]);
    const list = (await adminA.request('GET', `/api/dues/reductions?orgId=${t.fixture.townA.id}`)).json()
      .data;
    expect(list.map((r: { status: string }) => r.status)).toEqual(['rejected', 'approved']);
    const pending = (await adminA.request('GET', '/api/dues/reductions?status=pending_upper')).json().data;
    expect(pending).toEqual([]);
    expect(await audits('dues.reduction.reject')).toBe(1);
  });

  it('上缴 up the tree with collected, remitted and bank figures; a gap past the grace is an alert', async () => {
    const { branchA, townA, county: root } = t.fixture;
    await t.ctx.db
      .insertInto('dues_payments')
      .values({
        person_id: zhang,
        org_id: branchA.id,
        org_path: branchA.path,
        months: '["2026-09"]',
        amount_fen: 8100,
        method: 'cash',
        kind: 'payment',
        receipt_no: 'DF-0901',
        order_no: null,
        ref_payment_id: null,
        paid_on: '2026-09-10',
        recorded_by: null,
        created_at: t.ctx.now().toISOString(),
      })
      .execute();
    const before = await counts();
    const body = {
      fromOrgId: branchA.id,
      period: '2026-09',
      amountFen: 8100,
      remittedOn: '2026-10-08',
      bankRef: 'YH20261008001',
    };
    const bad = [
      [{ ...body, amountFen: 0 }, 'amountFen'],
      [{ ...body, amountFen: 81.5 }, 'amountFen'],
      [{ ...body, period: '2026-12' }, 'period'],
      [{ ...body, remittedOn: '2026-12-01' }, 'remittedOn'],
      [{ ...body, remittedOn: '2026-08-31' }, 'remittedOn'],
    ] as const;
    for (const [b, field] of bad) {
      const res = await worker.request('POST', '/api/dues/remittances', b);
      expect(res.statusCode, JSON.stringify(b)).toBe(400);
      expect(Object.keys(res.json().error.fields)).toEqual([field]);
    }
    const rootRemit = await county.request('POST', '/api/dues/remittances', { ...body, fromOrgId: root.id });
    expect(rootRemit.statusCode).toBe(400);
    expect(rootRemit.json().error.message).toBe('本组织在平台内没有上级党组织，无法登记上缴');
    expect(await counts()).toEqual(before);

    const ok = await worker.request('POST', '/api/dues/remittances', body);
    expect(ok.statusCode).toBe(201);
    expect(ok.json().data).toMatchObject({
      fromOrgName: '甲镇东村党支部',
      toOrgName: '甲镇党委',
      amountFen: 8100,
    });
    // The township received it but has not passed it on: past 15 October that is a gap.
    const found = await remitGapAlert.find(t.ctx, t.ctx.db, root.path, '2026-11-23');
    expect(found.map((f) => [f.code, f.orgId, f.subjectId, f.detail])).toEqual([
      [
        'DUES_REMIT_GAP',
        townA.id,
        `${townA.id}:2026-09`,
        '甲镇党委2026-09收缴党费81.00元，已上缴0.00元，尚有81.00元未上缴',
      ],
    ]);
    expect(await remitGapAlert.find(t.ctx, t.ctx.db, root.path, '2026-10-15')).toEqual([]);
    const open = await t.ctx.db
      .selectFrom('alerts')
      .select(['code', 'org_id'])
      .where('code', '=', 'DUES_REMIT_GAP')
      .where('is_open', '=', 1)
      .execute();
    expect(open).toEqual([{ code: 'DUES_REMIT_GAP', org_id: townA.id }]);

    const bank1 = await adminA.request('PUT', '/api/dues/bank-figures', {
      orgId: townA.id,
      period: '2026-09',
      bankFen: 8000,
    });
    expect(bank1.statusCode).toBe(200);
    const summary = (await adminA.request('GET', `/api/dues/remittance-summary?year=2026`)).json().data;
    expect(summary.periods).toHaveLength(11);
    const cell = (orgId: number) => summary.rows.find((r: { orgId: number }) => r.orgId === orgId).periods[8];
    expect(cell(branchA.id)).toMatchObject({
      period: '2026-09',
      directFen: 8100,
      collectedFen: 8100,
      remittedFen: 8100,
      remitGapFen: 0,
      remitOverdue: false,
    });
    expect(cell(townA.id)).toMatchObject({
      receivedFen: 8100,
      collectedFen: 8100,
      remittedFen: 0,
      bankFen: 8000,
      bankGapFen: -100,
      remitGapFen: 8100,
      remitOverdue: true,
    });
    const bank2 = await adminA.request('PUT', '/api/dues/bank-figures', {
      orgId: townA.id,
      period: '2026-09',
      bankFen: 8100,
      note: '补记一笔现金存入',
    });
    expect(bank2.json().data.bankFen).toBe(8100);
    expect(await audits('dues.bank_figure.set')).toBe(2);
    expect((await counts()).bank).toBe(1);

    const up = await adminA.request('POST', '/api/dues/remittances', {
      ...body,
      fromOrgId: townA.id,
      remittedOn: '2026-11-20',
    });
    expect(up.statusCode).toBe(201);
    const closed = await t.ctx.db
      .selectFrom('alerts')
      .select('is_open')
      .where('code', '=', 'DUES_REMIT_GAP')
      .execute();
    expect(closed.map((a) => a.is_open)).toEqual([0]);
    const mine = (await worker.request('GET', '/api/dues/remittances?year=2026')).json().data;
    expect(mine).toHaveLength(1);
    expect((await adminA.request('GET', '/api/dues/remittances')).json().data).toHaveLength(2);
    expect(await audits('dues.remittance.create')).toBe(2);
  });

  it('补交: months beyond the window only from the level above the branch', () => {
    const { branchA, townA } = t.fixture;
    const branchStaff = { scopePath: branchA.path, roles: ['worker'] };
    const upper = { scopePath: townA.path, roles: ['org_admin'] };
    expect(() => requireBackPayAllowed(t.ctx, branchStaff, branchA.path, ['2026-05'])).not.toThrow();
    expect(() => requireBackPayAllowed(t.ctx, branchStaff, branchA.path, ['2026-04'])).toThrow(
      '2026-04已超过6个月补交期限，需由上级党组织审核后登记',
    );
    expect(() => requireBackPayAllowed(t.ctx, null, branchA.path, ['2026-04'])).toThrow();
    expect(() => requireBackPayAllowed(t.ctx, upper, branchA.path, ['2026-04'])).not.toThrow();
  });
});
