import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { openTestApp, type Session, type TestApp } from '../../../../test/api-harness.ts';
import { PASSWORD } from '../../../../test/fixture.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';
import { hashPassword } from '../auth/password-hash.ts';
import { refreshAlerts } from '../alerts/alerts.service.ts';
import { INDICATOR_BY_KEY } from '../indicators/indicators.defs.ts';
import { insertUser } from '../users/users.repository.ts';
import { remindTaskDeadlines } from './tasks.jobs.ts';

const at = (day: string) => `${day}T02:00:00.000Z`; // 10:00 China time

async function workbook(rows: unknown[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('报表');
  rows.forEach((r) => ws.addRow(r));
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

describeEachEngine('tasks API: issue down the tree, 报送, 退回, 催报, 减负 cap, Excel form', (use) => {
  let t: TestApp;
  let county: Session;
  let adminA: Session;
  let adminB: Session;
  let workerA: Session;
  let taskId = 0;
  /** Moves the clock; sessions idle that long have expired, so everyone signs in again. */
  const go = async (day: string) => {
    t.setNow(at(day));
    [county, adminA, adminB, workerA] = await Promise.all([
      t.login('admin_c'),
      t.login('admin_a'),
      t.login('admin_b'),
      t.login('worker_a'),
    ]);
  };
  const taskCount = async () => (await t.ctx.db.selectFrom('task_tasks').select('id').execute()).length;
  const audits = async (action: string) =>
    (await t.ctx.db.selectFrom('audit_log').select('seq').where('action', '=', action).execute()).length;
  const body = (extra: Record<string, unknown> = {}) => ({
    issuerOrgId: t.fixture.county.id,
    title: '报送第四季度党建工作进展',
    content: '请各乡镇党委报送本季度党建重点工作进展情况。',
    kind: 'task',
    deadline: '2026-11-30',
    targetMode: 'children',
    ...extra,
  });

  it('the county issues a task to its townships; each township is notified', async () => {
    t = await openTestApp(use());
    const hash = await hashPassword(PASSWORD, t.ctx.config.kdfLogN);
    await t.ctx.db.transaction().execute((trx) =>
      insertUser(trx, {
        username: 'admin_c',
        displayName: '县委组织部',
        scopeOrgId: t.fixture.county.id,
        hash,
        roles: ['org_admin'],
        now: t.ctx.now().toISOString(),
      }),
    );
    await go('2026-11-23');
    const res = await county.request('POST', '/api/tasks', body());
    expect(res.statusCode, res.body).toBe(201);
    const data = res.json().data;
    taskId = data.id;
    expect(data).toMatchObject({ targets: 2, overCap: false, issuedOn: '2026-11-23' });
    const notes = await t.ctx.db
      .selectFrom('notifications')
      .select('user_id')
      .where('kind', '=', 'task.issued')
      .execute();
    expect(notes.map((n) => n.user_id).sort()).toEqual(
      [t.fixture.users.adminA, t.fixture.users.adminB].sort(),
    );
    const inbox = (await adminA.request('GET', '/api/tasks/inbox')).json().data;
    expect(
      inbox.map((x: { id: number; target: { statusLabel: string } }) => [x.id, x.target.statusLabel]),
    ).toEqual([[taskId, '未报送']]);
    // 待报送任务 on the township's workbench.
    const todos = (await adminA.request('GET', '/api/workbench')).json().data.todos as Array<{
      kind: string;
      link: string;
    }>;
    expect(todos.filter((x) => x.kind === 'task_report').map((x) => x.link)).toEqual([`/tasks/${taskId}`]);
  });

  it('reports: on time (returned, then reported again before the deadline) and late', async () => {
    await go('2026-11-25');
    const a = t.fixture.townA.id;
    const url = (org: number, what: string) => `/api/tasks/${taskId}/targets/${org}/${what}`;
    expect((await adminA.request('POST', url(a, 'report'), { text: '已完成三项重点工作' })).statusCode).toBe(
      200,
    );
    // Only the target's own staff report: township B cannot report for A.
    expect((await adminB.request('POST', url(a, 'report'), { text: '代报' })).statusCode).toBe(403);
    // A report cannot be sent twice; the issuer sends it back with a reason.
    expect((await adminA.request('POST', url(a, 'report'), { text: '再报' })).statusCode).toBe(409);
    await go('2026-11-26');
    const ret = await county.request('POST', url(a, 'return'), { reason: '缺少党员冬训数据' });
    expect(ret.statusCode, ret.body).toBe(200);
    expect(ret.json().data).toMatchObject({ returned: true, status: 'pending', statusLabel: '未报送' });
    expect((await adminA.request('POST', url(a, 'return'), { reason: '自退' })).statusCode).toBe(403);
    await go('2026-11-30'); // on the deadline day: on time
    const again = await adminA.request('POST', url(a, 'report'), { text: '已补充冬训数据' });
    expect(again.json().data).toMatchObject({ status: 'on_time', statusLabel: '已报送', returnedCount: 1 });
    await go('2026-12-02');
    const late = await adminB.request('POST', url(t.fixture.townB.id, 'report'), { text: '迟报' });
    expect(late.json().data).toMatchObject({ status: 'late', statusLabel: '逾期报送' });
    const detail = (await county.request('GET', `/api/tasks/${taskId}`)).json();
    expect(detail.data.progress).toMatchObject({ total: 2, reported: 2, onTime: 1, late: 1, overdue: 0 });
    expect(detail.policies.manage).toBe(true);
    // A target sees only itself and cannot manage.
    const mine = (await adminA.request('GET', `/api/tasks/${taskId}`)).json();
    expect(mine.data.targets.map((x: { orgId: number }) => x.orgId)).toEqual([a]);
    expect(mine.policies.manage).toBe(false);
  });

  it('refuses targets outside the issuer subtree (400, Chinese, nothing written)', async () => {
    await go('2026-11-23');
    const before = await taskCount();
    const auditBefore = await audits('task.issue');
    const self = await adminA.request(
      'POST',
      '/api/tasks',
      body({ issuerOrgId: t.fixture.townA.id, targetMode: 'chosen', targetOrgIds: [t.fixture.townA.id] }),
    );
    expect(self.statusCode).toBe(400);
    expect(self.json().error.message).toBe('任务下达范围超出本组织管理范围');
    // The county may see branch B, but a task issued as township A may not reach it.
    const other = await county.request(
      'POST',
      '/api/tasks',
      body({ issuerOrgId: t.fixture.townA.id, targetMode: 'chosen', targetOrgIds: [t.fixture.branchB.id] }),
    );
    expect(other.statusCode).toBe(400);
    expect(other.json().error.fields).toEqual({ targetOrgIds: '任务下达范围超出本组织管理范围' });
    const past = await adminA.request(
      'POST',
      '/api/tasks',
      body({ issuerOrgId: t.fixture.townA.id, deadline: '2026-11-01' }),
    );
    expect(past.json().error.message).toBe('截止日期不能早于今天');
    expect(await taskCount()).toBe(before);
    expect(await audits('task.issue')).toBe(auditBefore);
  });

  it('减负: over the monthly cap warns first (nothing written), then issues on confirmation, counted and alerted', async () => {
    const report = (n: number, extra: Record<string, unknown> = {}) =>
      adminA.request(
        'POST',
        '/api/tasks',
        body({
          issuerOrgId: t.fixture.townA.id,
          kind: 'report',
          title: `报表${n}`,
          targetMode: 'branches',
          deadline: '2026-12-10',
          ...extra,
        }),
      );
    for (let n = 1; n <= 3; n++) expect((await report(n)).statusCode).toBe(201);
    const before = await taskCount();
    const warned = await report(4);
    expect(warned.statusCode).toBe(200);
    expect(warned.json()).toMatchObject({
      data: null,
      warning: { code: 'OVER_CAP', message: '本月已下达4项，超过减负上限3项，确定继续？', count: 4, cap: 3 },
    });
    expect(await taskCount()).toBe(before);
    const confirmed = await report(4, { confirmOverCap: true });
    expect(confirmed.statusCode).toBe(201);
    expect(confirmed.json().data.overCap).toBe(true);
    const out = (await adminA.request('GET', '/api/tasks/outbox')).json();
    expect(out.months.at(-1)).toEqual({ month: '2026-11', tasks: 0, reports: 4, overCap: 1 });
    expect(out.caps).toEqual({ tasks: 6, reports: 3 });
    const alert = await t.ctx.db
      .selectFrom('alerts')
      .select(['org_id', 'severity'])
      .where('code', '=', 'TASK_OVER_CAP')
      .where('is_open', '=', 1)
      .execute();
    expect(alert).toEqual([{ org_id: t.fixture.townA.id, severity: 'yellow' }]);
  });

  it('an Excel form: template, a bad row refused naming row and column (nothing written), then a good one', async () => {
    const res = await adminA.request(
      'POST',
      '/api/tasks',
      body({
        issuerOrgId: t.fixture.townA.id,
        kind: 'report',
        title: '党员冬训参学统计',
        targetMode: 'chosen',
        targetOrgIds: [t.fixture.branchA.id],
        deadline: '2026-12-10',
        confirmOverCap: true,
        formColumns: [
          { name: '党小组', type: 'text', required: true },
          { name: '参学人数', type: 'number', required: true },
          { name: '开展日期', type: 'date', required: false },
        ],
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().data.id;
    const tpl = await workerA.request('GET', `/api/tasks/${id}/form.xlsx`);
    expect(tpl.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(1).values).toEqual([undefined, '党小组', '参学人数', '开展日期']);
    const url = `/api/tasks/${id}/targets/${t.fixture.branchA.id}/report`;
    const auditBefore = await audits('task.report');
    const noForm = await workerA.request('POST', url, { text: '见附表' });
    expect(noForm.json().error.message).toBe('本任务须上传填写好的报表（Excel）');
    const bad = await workerA.request('POST', url, {
      text: '见附表',
      form: {
        fileName: '冬训.xlsx',
        contentBase64: await workbook([
          ['党小组', '参学人数', '开展日期'],
          ['第一党小组', 12, '2026-11-20'],
          ['第二党小组', '十五', '2026-11-21'],
        ]),
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('报表有误：第3行“参学人数”列：应填数字');
    expect(bad.json().error.fields).toHaveProperty('form');
    const row = await t.ctx.db
      .selectFrom('task_targets')
      .select(['state', 'report_rows'])
      .where('task_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'pending', report_rows: null });
    expect(await audits('task.report')).toBe(auditBefore);
    const good = await workerA.request('POST', url, {
      text: '见附表',
      form: {
        fileName: '冬训.xlsx',
        contentBase64: await workbook([
          ['党小组', '参学人数', '开展日期'],
          ['第一党小组', 12, '2026-11-20'],
          ['第二党小组', '15', null],
        ]),
      },
    });
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json().data.reportRows).toEqual([
      { 党小组: '第一党小组', 参学人数: 12, 开展日期: '2026-11-20' },
      { 党小组: '第二党小组', 参学人数: 15, 开展日期: null },
    ]);
  });

  it('overdue: an alert on the target, reminders once per target, 催报 by the issuer', async () => {
    await go('2026-12-08'); // report tasks of township A due 12-10: 'soon'
    const first = await remindTaskDeadlines(t.ctx);
    expect(first.created).toBeGreaterThan(0);
    expect((await remindTaskDeadlines(t.ctx)).created).toBe(0);
    await go('2026-12-11');
    await refreshAlerts(t.ctx, { sources: ['tasks.overdue'] });
    const open = await t.ctx.db
      .selectFrom('alerts')
      .select(['org_id', 'severity'])
      .where('code', '=', 'TASK_OVERDUE')
      .where('is_open', '=', 1)
      .execute();
    // Four report tasks to township A's two branches, none reported (the form task was): 8 open.
    expect(open.length).toBe(8);
    expect(new Set(open.map((o) => o.severity))).toEqual(new Set(['orange']));
    const outbox = (await adminA.request('GET', '/api/tasks/outbox')).json().data;
    const pending = outbox.find((x: { title: string }) => x.title === '报表1');
    const urge = await adminA.request('POST', `/api/tasks/${pending.id}/remind`);
    expect(urge.json().data).toMatchObject({ urged: 2 });
    expect((await adminB.request('POST', `/api/tasks/${pending.id}/remind`)).statusCode).toBe(403);
  });

  it('任务按时报送率 equals a hand computation', async () => {
    const def = INDICATOR_BY_KEY.get('taskReportOnTime')!;
    const { own } = await def.measure(t.ctx, t.fixture.county, '2026-12-11', {
      orgFacts: () => {
        throw new Error('unused');
      },
    });
    // County task: township A on time (1/1), township B late (0/1). Township A's four report
    // tasks reached branches A and A2 (0/4 each); the form task reached branch A on time (1/1).
    expect(own.get(t.fixture.townA.id)).toEqual({ num: 1, den: 1 });
    expect(own.get(t.fixture.townB.id)).toEqual({ num: 0, den: 1 });
    expect(own.get(t.fixture.branchA.id)).toEqual({ num: 1, den: 5 });
    expect(own.get(t.fixture.branchA2.id)).toEqual({ num: 0, den: 4 });
  });
});
