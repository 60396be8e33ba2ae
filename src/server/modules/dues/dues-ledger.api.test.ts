import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';
import { systemContext } from '../../context.ts';
import { refreshAlertsIn } from '../alerts/alerts.service.ts';
import { ARREARS_SOURCE } from './dues-common.ts';
import { consecutiveUnpaid } from './dues-ledger.repository.ts';
import { generateCurrentMonth } from './dues-ledger.jobs.ts';
import { generateLedgerFor } from './dues-ledger.service.ts';
import { duesOnTime } from './dues-report.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function sheet(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('基数');
  ws.addRow(['姓名', '所在组织', '党员类别', '月缴费基数（元）', '起始月份', '备注']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describeEachEngine('党费 API: bases, ledger, arrears → 自行脱党 proposal', (use) => {
  let t: TestApp;
  let people: Record<string, number> = {};
  const count = async (table: 'dues_bases' | 'dues_ledger') =>
    (await t.ctx.db.selectFrom(table).select('id').execute()).length;
  const audits = async (action: string) =>
    (await t.ctx.db.selectFrom('audit_log').select('seq').where('action', '=', action).execute()).length;

  it('the branch declares bases (confirmed), a member declares (pending until confirmed)', async () => {
    t = await openTestApp(use());
    people = Object.fromEntries(
      (await t.ctx.db.selectFrom('persons').select(['id', 'name']).execute()).map((r) => [r.name, r.id]),
    );
    const w = await t.login('worker_a');
    const orgId = t.fixture.branchA.id;
    const declare = (
      personId: number,
      category: string,
      baseFen: number | null,
      effectiveMonth = '2026-01',
    ) => w.request('POST', '/api/dues/bases', { orgId, personId, category, baseFen, effectiveMonth });
    const r1 = await declare(people['李华']!, 'retired', 500001);
    expect(r1.statusCode, r1.body).toBe(201);
    expect(r1.json().data).toMatchObject({ status: 'confirmed', source: 'branch', monthlyFen: 5000 });
    expect((await declare(people['王强']!, 'farmer', null)).json().data).toMatchObject({
      monthlyFen: 20,
      baseFen: null,
    });

    const m = await t.login('member_a');
    const own = await m.request('POST', '/api/dues/bases', {
      personId: people['张明'],
      category: 'in_service',
      baseFen: 540000,
      effectiveMonth: '2026-01',
    });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json().data).toMatchObject({ status: 'pending', source: 'member', monthlyFen: 8100 });
    // A member cannot declare for someone else.
    const other = await m.request('POST', '/api/dues/bases', {
      personId: people['李华'],
      category: 'in_service',
      baseFen: 1,
      effectiveMonth: '2026-01',
    });
    expect(other.statusCode).toBe(403);
    const c = await w.request('POST', `/api/dues/bases/${own.json().data.id}/confirm`, {});
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json().data.status).toBe('confirmed');
    expect((await w.request('POST', `/api/dues/bases/${own.json().data.id}/confirm`, {})).statusCode).toBe(
      409,
    );
    expect(await audits('dues.base.declare')).toBe(3);
    expect(await audits('dues.base.confirm')).toBe(1);
    const list = (await w.request('GET', `/api/dues/bases?orgId=${orgId}`)).json().data;
    expect(list.rows).toHaveLength(3);
    expect(list.withoutBase).toEqual([]);
  });

  it.each([
    ['a negative base', { category: 'in_service', baseFen: -100 }, 'baseFen'],
    ['an absurd base', { category: 'in_service', baseFen: 200_000_000 }, 'baseFen'],
    ['no base for a rated category', { category: 'retired', baseFen: null }, 'baseFen'],
    ['an unknown category', { category: 'teacher', baseFen: 1 }, 'category'],
    ['a bad month', { category: 'farmer', baseFen: null, effectiveMonth: '2026-13' }, 'effectiveMonth'],
  ])('refuses %s with a Chinese message naming the field, nothing written', async (_n, patch, field) => {
    const w = await t.login('worker_a');
    const before = await count('dues_bases');
    const res = await w.request('POST', '/api/dues/bases', {
      orgId: t.fixture.branchA.id,
      personId: people['李华'],
      effectiveMonth: '2026-01',
      ...patch,
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().error.fields ?? {})).toContain(field);
    expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await count('dues_bases')).toBe(before);
  });

  it('generates a month idempotently; amounts from the rate table', async () => {
    const w = await t.login('worker_a');
    const gen = async (month: string) =>
      w.request('POST', '/api/dues/ledger/generate', { orgId: t.fixture.branchA.id, month });
    const first = await gen('2026-04');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().data).toMatchObject({ created: 3, updated: 0, withoutBase: [] });
    expect((await gen('2026-04')).json().data).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    for (const m of ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10']) await gen(m);
    expect((await gen('2026-12')).statusCode).toBe(400); // a future month
    const ledger = (
      await w.request('GET', `/api/dues/ledger?orgId=${t.fixture.branchA.id}&month=2026-04`)
    ).json().data;
    const by = Object.fromEntries(ledger.rows.map((r: { name: string }) => [r.name, r]));
    expect(by['张明']).toMatchObject({ dueFen: 8100, status: 'due', outstandingFen: 8100 });
    expect(by['李华']).toMatchObject({ dueFen: 5000 });
    expect(by['王强']).toMatchObject({ dueFen: 20, category: 'farmer' });
    expect(await count('dues_ledger')).toBe(21);
  });

  it('6 unpaid months in a row give exactly one 自行脱党 proposal; 5 give none', async () => {
    const pay = (name: string, months: string[]) =>
      t.ctx.db
        .updateTable('dues_ledger')
        .set((eb) => ({ paid_fen: eb.ref('due_fen'), status: 'paid', paid_on: '2026-10-05' }))
        .where('person_id', '=', people[name]!)
        .where('month', 'in', months)
        .execute();
    await pay('李华', ['2026-04']); // May–October unpaid: 6
    await pay('张明', ['2026-04', '2026-05']); // June–October: 5
    await pay('王强', ['2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10']);
    const runs = await consecutiveUnpaid(t.ctx.db, t.fixture.county.path, '2026-10');
    expect(Object.fromEntries([...runs].map(([k, v]) => [k, v]))).toEqual({
      [people['李华']!]: 6,
      [people['张明']!]: 5,
    });
    // 预警 DUES_ARREARS (≥ 3 months, orange) on the branch for both.
    await t.ctx.db
      .transaction()
      .execute((trx) => refreshAlertsIn(t.ctx, trx, [ARREARS_SOURCE], t.fixture.county.path));
    const alerts = await t.ctx.db
      .selectFrom('alerts')
      .select(['subject_label', 'severity', 'org_id', 'detail'])
      .where('code', '=', 'DUES_ARREARS')
      .where('is_open', '=', 1)
      .orderBy('subject_label')
      .execute();
    expect(alerts.map((x) => [x.subject_label, x.severity, x.org_id])).toEqual(
      expect.arrayContaining([
        ['李华', 'orange', t.fixture.branchA.id],
        ['张明', 'orange', t.fixture.branchA.id],
      ]),
    );
    expect(alerts).toHaveLength(2);
    expect(alerts.find((x) => x.subject_label === '李华')!.detail).toContain('党章第九条');
    const w = await t.login('worker_a');
    const d = (await w.request('GET', `/api/evaluation/proposals?orgId=${t.fixture.branchA.id}`)).json().data;
    const dues = d.proposals.filter((p: { reason: string }) => p.reason.includes('党费'));
    expect(dues).toEqual([
      expect.objectContaining({
        name: '李华',
        proposal: '按自行脱党处理',
        reason: expect.stringContaining('连续6个月未交纳党费'),
      }),
    ]);
    expect(d.proposals.filter((p: { name: string }) => p.name === '李华')).toHaveLength(1);
    const arrears = (await w.request('GET', `/api/dues/arrears?orgId=${t.fixture.branchA.id}`)).json().data
      .rows;
    expect(arrears).toEqual([
      expect.objectContaining({ name: '李华', consecutiveUnpaid: 6, flagSelfLapse: true }),
      expect.objectContaining({ name: '张明', consecutiveUnpaid: 5, flagSelfLapse: false }),
    ]);
    // An approved waiver of one month ends the run: no proposal.
    await t.ctx.db
      .updateTable('dues_ledger')
      .set({ status: 'waived', reduced_fen: 5000 })
      .where('person_id', '=', people['李华']!)
      .where('month', '=', '2026-07')
      .execute();
    const after = (await w.request('GET', `/api/evaluation/proposals?orgId=${t.fixture.branchA.id}`)).json()
      .data;
    expect(after.proposals.filter((p: { reason: string }) => p.reason.includes('党费'))).toEqual([]);
  });

  it('reports due, paid and paid on time by child organisation with the arrears list', async () => {
    const a = await t.login('admin_a');
    const res = await a.request('GET', `/api/dues/report?orgId=${t.fixture.townA.id}&year=2026`);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json().data;
    const east = d.rows.find((r: { orgCode: string }) => r.orgCode === 'TA-1');
    // 7 months × (8100 + 5000 + 20) due, less 李华's waived July; paid: 张明 2 months, 李华 1, 王强 7,
    // all on 2026-10-05: only October's is on time.
    expect(east).toMatchObject({
      members: 3,
      dueFen: 7 * 13120 - 5000,
      paidFen: 2 * 8100 + 5000 + 7 * 20,
      paidOnTime: 1,
    });
    expect(d.rows.find((r: { orgCode: string }) => r.orgCode === 'TA-2')).toMatchObject({
      members: 0,
      dueFen: 0,
    });
    // 21 member-months less the waived one; one paid on time.
    expect(await duesOnTime(t.ctx.db, t.fixture.townA.path, '2026-01', '2026-12')).toEqual({
      memberMonths: 20,
      paidOnTime: 1,
    });
    expect(d.months).toHaveLength(12);
    expect(d.months[9]).toEqual({ month: '2026-10', dueFen: 13120, paidFen: 13120 - 8100 - 5000 });
    expect(
      d.arrears.map((x: { name: string; consecutiveUnpaid: number }) => [x.name, x.consecutiveUnpaid]),
    ).toEqual([
      ['张明', 5],
      ['李华', 3],
    ]);
  });

  it('exports the report as Excel', async () => {
    const a = await t.login('admin_a');
    const res = await a.request('GET', `/api/dues/report.xlsx?orgId=${t.fixture.townA.id}&year=2026`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['收缴情况', '逐月收缴', '欠缴名单']);
    expect(wb.getWorksheet('欠缴名单')!.getRow(2).getCell(1).value).toBe('张明');
  });

  it('imports bases from Excel: any bad row and nothing is written; then all rows', async () => {
    const w = await t.login('worker_a');
    const before = await count('dues_bases');
    const bad = await sheet([
      ['张明', '', '在职', '6200', '2026-11', ''],
      ['无此人', '', '在职', '3000', '2026-11', ''],
      ['李华', '', '离退休', '-5', '2026-11', ''],
    ]);
    const r1 = await w.request('POST', `/api/dues/bases/import?orgId=${t.fixture.branchA.id}`, bad, {
      'content-type': XLSX,
    });
    expect(r1.statusCode, r1.body).toBe(400);
    expect(r1.json().error.fields).toMatchObject({
      '第3行.姓名': expect.any(String),
      '第4行.月缴费基数（元）': '月缴费基数不能为负数',
    });
    expect(await count('dues_bases')).toBe(before);
    const good = await sheet([
      ['张明', '甲镇东村党支部', '在职', '6200', '2026-11', '调资'],
      ['李华', '', '退休', '4800.50', '2026/11', ''],
    ]);
    const r2 = await w.request('POST', `/api/dues/bases/import?orgId=${t.fixture.branchA.id}`, good, {
      'content-type': XLSX,
    });
    expect(r2.statusCode, r2.body).toBe(201);
    expect(r2.json().data).toEqual({ imported: 2 });
    expect(await count('dues_bases')).toBe(before + 2);
    expect(await audits('dues.base.import')).toBe(1);
  });

  it('a member who transferred is due at the sender until the transfer is accepted', async () => {
    // 孙离: branch A until 2026-03-01 (accepted by branch B that day).
    const now = t.ctx.now().toISOString();
    await t.ctx.db
      .insertInto('dues_bases')
      .values({
        person_id: people['孙离']!,
        org_id: t.fixture.branchA.id,
        org_path: t.fixture.branchA.path,
        category: 'in_service',
        base_fen: 300000,
        effective_month: '2025-01',
        source: 'branch',
        status: 'confirmed',
        note: null,
        created_by: null,
        created_at: now,
        confirmed_by: null,
        confirmed_at: now,
      })
      .execute();
    const rc = systemContext('job', 'test', null, 'test');
    await generateLedgerFor(t.ctx, rc, t.fixture.county, '2026-02');
    await generateLedgerFor(t.ctx, rc, t.fixture.county, '2026-03');
    const rows = await t.ctx.db
      .selectFrom('dues_ledger')
      .select(['month', 'org_id', 'due_fen'])
      .where('person_id', '=', people['孙离']!)
      .orderBy('month')
      .execute();
    expect(rows).toEqual([
      { month: '2026-02', org_id: t.fixture.branchA.id, due_fen: 1500 },
      { month: '2026-03', org_id: t.fixture.branchB.id, due_fen: 1500 },
    ]);
  });

  it('the daily job opens the current month once (idempotent)', async () => {
    const rc = systemContext('job', 'dues.ledger', null, 'job');
    const first = await generateCurrentMonth(t.ctx, rc);
    expect(first).toMatchObject({ month: '2026-11', created: 4, updated: 0 });
    expect(await generateCurrentMonth(t.ctx, rc)).toMatchObject({ created: 0, updated: 0 });
  });
});
