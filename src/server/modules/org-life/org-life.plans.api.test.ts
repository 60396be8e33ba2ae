import { expect, it } from 'vitest';
import { openTestApp, type Session, type TestApp } from '../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';

const pad = (n: number) => String(n).padStart(2, '0');
type Item = { period: string; type: string; theme: string };

/** A full plan for `types`: monthly, quarterly or yearly items as the rulebook asks. */
function fullPlan(types: string[], themes: (p: string, type: string) => string): Item[] {
  const out: Item[] = [];
  for (const type of types) {
    const periods =
      type === '主题党日' || type === '支部委员会会议'
        ? Array.from({ length: 12 }, (_, i) => `2026-${pad(i + 1)}`)
        : type === '组织生活会'
          ? ['2026-12']
          : ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'];
    for (const period of periods) out.push({ period, type, theme: themes(period, type) });
  }
  return out;
}
const THEMES = [
  '学习党章',
  '重温入党誓词',
  '清明祭扫烈士墓',
  '劳动节义务劳动',
  '学习条例',
  '七一党的生日',
  '防汛值班',
  '学习新思想',
  '国庆主题活动',
  '重阳敬老',
  '冬季防火',
  '年终总结',
];
const theme = (p: string, type: string) =>
  `${type}：${THEMES[(Number(p.slice(-2).replace('Q', '')) - 1) % 12]}，结合村里实际开展${p}活动`;

describeEachEngine('org-life annual plans', (use) => {
  let t: TestApp;
  let worker: Session;
  let admin: Session;
  let required: string[];
  const audits = async (action: string) =>
    (await t.ctx.db.selectFrom('audit_log').select('seq').where('action', '=', action).execute()).length;
  const url = (orgId: number, suffix = '') => `/api/org-life/orgs/${orgId}/plans/2026${suffix}`;

  it('no plan yet: the gaps list every required frequency; field errors name the field', async () => {
    t = await openTestApp(use());
    worker = await t.login('worker_a');
    admin = await t.login('admin_a');
    const res = await worker.request('GET', url(t.fixture.branchA.id));
    expect(res.statusCode).toBe(200);
    const d = res.json().data;
    expect(d).toMatchObject({ status: null, statusLabel: '未制定', items: [] });
    required = d.requiredTypes;
    expect(required).toContain('主题党日');
    expect(d.gaps.filter((g: { type: string }) => g.type === '主题党日')).toHaveLength(12);
    expect(res.json().policies).toMatchObject({ edit: true, submit: false, acknowledge: false });

    const bad = await worker.request('PUT', url(t.fixture.branchA.id), {
      items: [{ period: '2026-13', type: '茶话会', theme: '' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual([
      'items.0.period',
      'items.0.theme',
      'items.0.type',
    ]);
    expect(bad.json().error.fields['items.0.period']).toContain('计划期间');
    const otherYear = await worker.request('PUT', url(t.fixture.branchA.id), {
      items: [{ period: '2025-03', type: '主题党日', theme: '去年的事项' }],
    });
    expect(otherYear.statusCode).toBe(400);
    expect(otherYear.json().error.fields['items.0.period']).toContain('不在2026年度内');
    const town = await admin.request('PUT', url(t.fixture.townA.id), { items: [] });
    expect(town.statusCode).toBe(400);
    expect(town.json().error.code).toBe('PLAN_NOT_BRANCH');
    expect(await t.ctx.db.selectFrom('life_plans').select('id').execute()).toHaveLength(0);
  });

  it('a plan lacking one month of 主题党日 is saved as a draft but not submitted', async () => {
    const items = fullPlan(required, theme).filter((i) => !(i.type === '主题党日' && i.period === '2026-07'));
    const before = await audits('life.plan.save');
    const saved = await worker.request('PUT', url(t.fixture.branchA.id), { items });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().data).toMatchObject({
      status: 'draft',
      gaps: [{ type: '主题党日', period: '2026-07', planned: 0, required: 1 }],
    });
    expect(await audits('life.plan.save')).toBe(before + 1);
    const submit = await worker.request('POST', url(t.fixture.branchA.id, '/submit'));
    expect(submit.statusCode).toBe(400);
    expect(submit.json().error).toMatchObject({
      code: 'PLAN_INCOMPLETE',
      fields: { items: expect.stringContaining('2026-07主题党日') },
    });
    const row = await t.ctx.db.selectFrom('life_plans').select('status').executeTakeFirstOrThrow();
    expect(row.status).toBe('draft');
  });

  it('a complete plan is submitted, then locked; only the parent acknowledges it', async () => {
    expect(
      (await worker.request('PUT', url(t.fixture.branchA.id), { items: fullPlan(required, theme) }))
        .statusCode,
    ).toBe(200);
    const before = await audits('life.plan.submit');
    const submit = await worker.request('POST', url(t.fixture.branchA.id, '/submit'));
    expect(submit.statusCode).toBe(200);
    expect(submit.json().data).toMatchObject({ status: 'submitted', gaps: [] });
    expect(await audits('life.plan.submit')).toBe(before + 1);
    const edit = await worker.request('PUT', url(t.fixture.branchA.id), { items: [] });
    expect(edit.statusCode).toBe(409);
    expect((await worker.request('POST', url(t.fixture.branchA.id, '/submit'))).statusCode).toBe(409);

    const denied = await audits('authz_denied');
    const own = await worker.request('POST', url(t.fixture.branchA.id, '/acknowledge'));
    expect(own.statusCode).toBe(403);
    expect(await audits('authz_denied')).toBe(denied + 1);
    const view = await admin.request('GET', url(t.fixture.branchA.id));
    expect(view.json().policies.acknowledge).toBe(true);
    const ack = await admin.request('POST', url(t.fixture.branchA.id, '/acknowledge'));
    expect(ack.statusCode).toBe(200);
    expect(ack.json().data).toMatchObject({ status: 'acknowledged', statusLabel: '上级已确认' });
    expect(await audits('life.plan.acknowledge')).toBe(1);
    expect((await admin.request('POST', url(t.fixture.branchA.id, '/acknowledge'))).statusCode).toBe(409);
  });

  it('plan against actual: held in period, held late, not held, not yet due', async () => {
    const now = t.ctx.now().toISOString();
    const held = (heldOn: string) => ({
      org_id: t.fixture.branchA.id,
      org_path: t.fixture.branchA.path,
      type: '主题党日',
      title: '主题党日',
      held_on: heldOn,
      start_time: null,
      place: null,
      status: 'held',
      series_id: null,
      agenda: null,
      minutes: null,
      resolutions: null,
      speaker: null,
      topic: null,
      minutes_chars: 0,
      recorded_on: heldOn,
      expected_count: 3,
      present_count: 3,
      leave_count: 0,
      absent_count: 0,
      excluded_count: 0,
      created_by: null,
      created_at: now,
      updated_at: now,
    });
    await t.ctx.db
      .insertInto('life_meetings')
      .values([held('2026-01-16'), held('2026-03-02'), held('2026-03-20')])
      .execute();
    // March's two meetings: the first is March's own, the second makes up February's (held late).
    const d = (await worker.request('GET', url(t.fixture.branchA.id))).json().data;
    const outcome = (p: string) =>
      d.items.find((i: Item & { outcome: string }) => i.type === '主题党日' && i.period === p).outcome;
    expect([
      outcome('2026-01'),
      outcome('2026-02'),
      outcome('2026-03'),
      outcome('2026-04'),
      outcome('2026-12'),
    ]).toEqual(['已召开', '推迟召开', '已召开', '未召开', '未到期']);
  });

  it('the township overview: who has a plan; a copied plan is a finding with both branches', async () => {
    // 西村 copies 东村's plan, only the names swapped.
    const copied = fullPlan(required, theme).map((i) => ({ ...i, theme: i.theme.replace('村里', '西村') }));
    expect((await admin.request('PUT', url(t.fixture.branchA2.id), { items: copied })).statusCode).toBe(200);
    const res = await admin.request(
      'GET',
      `/api/org-life/orgs/${t.fixture.townA.id}/plan-overview?year=2026`,
    );
    expect(res.statusCode).toBe(200);
    const d = res.json().data;
    expect(d.totals).toMatchObject({ branches: 2, submitted: 1, acknowledged: 1, draft: 1, none: 0 });
    expect(d.copies).toHaveLength(1);
    expect(d.copies[0]).toMatchObject({
      code: 'PLAN_COPIED',
      a: { orgCode: 'TA-1' },
      b: { orgCode: 'TA-2' },
    });
    expect(d.copies[0].similarity).toBeGreaterThanOrEqual(0.8);
    expect(d.copies[0].detail).toContain('疑似照抄');

    // A plan of its own is not a copy.
    const own = fullPlan(
      required,
      (p, type) => `${type}${p}：西村自拟的第${p}项安排，围绕果园合作社和护林防火`,
    );
    expect((await admin.request('PUT', url(t.fixture.branchA2.id), { items: own })).statusCode).toBe(200);
    const after = (
      await admin.request('GET', `/api/org-life/orgs/${t.fixture.townA.id}/plan-overview?year=2026`)
    ).json().data;
    expect(after.copies).toEqual([]);
    expect(
      (await worker.request('GET', `/api/org-life/orgs/${t.fixture.townA.id}/plan-overview?year=2026`))
        .statusCode,
    ).toBe(403);
  });
});
