// 考核 over HTTP on both engines: one township's total equals a hand computation, weights not
// summing to 100 and manual scores without evidence are refused with nothing written, the CLI
// report's shape, and the feeds (述职评议 indicator, 三类 → 软弱涣散).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openTestApp, type Session, type TestApp } from '../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';
import { PASSWORD } from '../../../../test/fixture.ts';
import { INSPECTION_CHECKLIST } from '../../../core/rulebook/inspection.rules-data.ts';
import { hashPassword } from '../auth/password-hash.ts';
import { insertUser } from '../users/users.repository.ts';
import { assessmentIndicator } from './assessment.feeds.ts';
import { assessmentReport, contractJson } from './assessment.report.ts';

interface Row {
  orgCode: string;
  total: number;
  rank: number;
  indicators: Array<{ key: string; value: number | null; weight: number; score: number }>;
}

async function countRows(t: TestApp, table: 'assess_weights' | 'assess_manual' | 'audit_log') {
  if (table === 'audit_log') return (await t.ctx.db.selectFrom('audit_log').select('seq').execute()).length;
  return (await t.ctx.db.selectFrom(table).select('id').execute()).length;
}

/** The small world of the hand computation (year 2026, today 2026-11-23). */
async function buildWorld(t: TestApp) {
  const { townA, branchA, branchA2, branchB, secretaryA } = t.fixture;
  const db = t.ctx.db;
  const now = t.ctx.now().toISOString();
  // 书记: township A gets one (branch A already has one; branch A2, township B, branch B have none).
  await db
    .insertInto('positions')
    .values({
      person_id: secretaryA,
      org_id: townA.id,
      post: '书记',
      valid_from: '2025-01-01',
      valid_to: null,
      basis: '选举',
      created_at: now,
    })
    .execute();
  // 整改: in township A one closed on time, one closed late, one overdue and open, one not yet due.
  const rect = (
    org: { id: number; path: string },
    deadline: string,
    status: string,
    closedAt: string | null,
  ) => ({
    source_type: 'manual',
    source_id: null,
    org_id: org.id,
    org_path: org.path,
    owner_person_id: null,
    owner_name: null,
    title: '整改事项',
    detail: '按期整改',
    deadline,
    status,
    evidence: closedAt ? '整改报告' : null,
    closed_at: closedAt,
    created_by: null,
    created_at: '2026-03-01T00:00:00.000Z',
    updated_at: now,
  });
  await db
    .insertInto('rect_items')
    .values([
      rect(branchA, '2026-06-30', 'closed', '2026-06-20T03:00:00.000Z'),
      rect(branchA, '2026-08-31', 'closed', '2026-09-10T03:00:00.000Z'),
      rect(branchA2, '2026-09-30', 'open', null),
      rect(branchA, '2026-12-31', 'open', null),
    ])
    .execute();
  // 发展党员违规: two in township A (one since cleared), one in township B.
  const alert = (org: { id: number; path: string }, subject: string, closedAt: string | null) => ({
    code: 'DEV_VIOLATION',
    severity: 'red',
    org_id: org.id,
    org_path: org.path,
    subject_type: 'candidate',
    subject_id: subject,
    subject_label: '发展对象',
    since: '2026-05-01',
    due: null,
    detail: '程序违规',
    role: 'worker',
    link: '/',
    is_open: closedAt ? 0 : 1,
    opened_at: '2026-05-01T00:00:00.000Z',
    closed_at: closedAt,
    updated_at: now,
  });
  await db
    .insertInto('alerts')
    .values([
      alert(branchA, '1:3:X', null),
      alert(branchA2, '2:5:Y', '2026-07-01T00:00:00.000Z'),
      alert(branchB, '3:3:X', null),
    ])
    .execute();
  // 公开承诺 of branch A: one published in February and never reviewed (overdue), one in October.
  const commitment = (title: string, publishedOn: string) => ({
    org_id: branchA.id,
    org_path: branchA.path,
    committer_kind: 'org',
    person_id: null,
    committer_name: '甲镇东村党支部',
    org_name: '甲镇东村党支部',
    type: '年度承诺',
    year: 2026,
    title,
    content: '为民办实事',
    due_on: '2026-12-31',
    is_public: 1,
    status: 'in_progress',
    opinion_ends_on: null,
    published_on: publishedOn,
    self_assessment: null,
    leader_grade: null,
    satisfaction: null,
    graded_on: null,
    last_review_on: null,
    created_by: null,
    created_at: now,
    updated_at: now,
  });
  await db
    .insertInto('cm_commitments')
    .values([commitment('修缮村道', '2026-02-10'), commitment('建设文化广场', '2026-10-01')])
    .execute();
  // A violation cleared before the year does not count.
  await db
    .insertInto('alerts')
    .values({ ...alert(branchA, '4:3:X', '2025-12-01T00:00:00.000Z'), opened_at: '2025-06-01T00:00:00.000Z' })
    .execute();
}

describeEachEngine('assessment API', (use) => {
  let t: TestApp;
  let county: Session;
  let adminA: Session;
  beforeAll(async () => {
    t = await openTestApp(use());
    const hash = await hashPassword(PASSWORD, t.ctx.config.kdfLogN);
    await t.ctx.db.transaction().execute((trx) =>
      insertUser(trx, {
        username: 'admin_county',
        displayName: '县委组织部',
        scopeOrgId: t.fixture.county.id,
        hash,
        roles: ['org_admin'],
        now: t.ctx.now().toISOString(),
      }),
    );
    await buildWorld(t);
    county = await t.login('admin_county');
    // 督查: the county visits township B's branch and records two findings.
    const plan = await county.request('POST', '/api/inspections/plans', {
      orgId: t.fixture.county.id,
      title: '2026年第四季度基层党建督查',
      year: 2026,
      periodFrom: '2026-11-01',
      periodTo: '2026-12-31',
      kind: '常规督查',
      inspectors: ['周建国'],
      targets: [{ orgId: t.fixture.branchB.id, plannedOn: '2026-11-20' }],
    });
    expect(plan.statusCode, plan.body).toBe(201);
    const visit = await county.request('POST', `/api/inspections/plans/${plan.json().data.id}/visits`, {
      orgId: t.fixture.branchB.id,
      visitedOn: '2026-11-20',
      inspectors: ['周建国'],
      checklist: INSPECTION_CHECKLIST.map((c) => ({ code: c.code, result: '符合' })),
      findings: [
        { text: '党员大会记录缺少表决情况', severity: '一般', itemCode: INSPECTION_CHECKLIST[0]!.code },
        { text: '三会一课计划未报镇党委备案', severity: '较重', itemCode: INSPECTION_CHECKLIST[0]!.code },
      ],
      conclusion: '基本规范，个别记录不完整',
    });
    expect(visit.statusCode, visit.body).toBe(201);
    adminA = await t.login('admin_a');
  });
  afterAll(async () => t?.app.close());

  it('a manual score without evidence is refused, nothing written; with evidence it is stored', async () => {
    const before = [await countRows(t, 'assess_manual'), await countRows(t, 'audit_log')];
    const bad = await county.request('POST', '/api/assessment/manual', {
      orgId: t.fixture.townA.id,
      year: 2026,
      key: 'featureWork',
      score: 4,
      evidence: '  ',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('指标“特色工作”须填写评分依据（佐证材料）');
    expect([await countRows(t, 'assess_manual'), await countRows(t, 'audit_log')]).toEqual(before);
    const over = await county.request('POST', '/api/assessment/manual', {
      orgId: t.fixture.townA.id,
      year: 2026,
      key: 'featureWork',
      score: 6,
      evidence: '有佐证',
    });
    expect(over.statusCode).toBe(400);
    const good = await county.request('POST', '/api/assessment/manual', {
      orgId: t.fixture.townA.id,
      year: 2026,
      key: 'featureWork',
      score: 4,
      evidence: '“红色议事厅”基层治理品牌，县委简报刊发',
    });
    expect(good.statusCode, good.body).toBe(200);
    // A township cannot score itself.
    const self = await adminA.request('POST', '/api/assessment/manual', {
      orgId: t.fixture.townA.id,
      year: 2026,
      key: 'satisfaction',
      score: 5,
      evidence: '自评',
    });
    expect(self.statusCode).toBe(403);
  });

  it("township A's total equals the hand computation; township B ranks below", async () => {
    const res = await county.request('GET', `/api/assessment?orgId=${t.fixture.county.id}&year=2026`);
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json().data.rows as Row[];
    const a = rows.find((r) => r.orgCode === 'TA')!;
    const ind = Object.fromEntries(a.indicators.map((i) => [i.key, i]));
    // Township weights (rulebook defaults): 组织生活20 违规10 换届10 书记10 整改15 承诺10 任务10 督查5 特色5 满意度5.
    // 组织生活: no meeting held in 2026 → 0% of the requirements due        → 0
    expect(ind.lifeCompliance!.value).toBe(0);
    // 发展党员违规: 2 in the year (one since cleared; the 2025 one not)      → 10 − 2×2 = 6
    expect(ind.devViolations!.value).toBe(2);
    // 按期换届: no term recorded for 甲镇党委, 东村, 西村 → 0/3               → 0
    expect(ind.termOnTime!.value).toBe(0);
    // 书记配备: 甲镇党委 and 东村 have one, 西村 not → 2/3 = 66.7%           → 10 × 66.7% = 6.67
    expect(ind.secretaryRate!.value).toBe(66.7);
    // 整改按期完成: due or closed 3 (on time 1, late 1, overdue 1) → 33.3%    → 15 × 33.3% = 5.00 (4.995)
    expect(ind.rectificationOnTime!.value).toBe(33.3);
    // 承诺按期点评: 2 in progress, the February one overdue for its 点评 → 50% → 10 × 50% = 5
    expect(ind.commitmentReviewOnTime!.value).toBe(50);
    // 任务按时报送: no task in this world → nothing due → full marks          → 10
    // 督查发现问题: no visit recorded → nothing to deduct                     → 5
    // 特色工作 entered 4; 群众满意度 not scored → 0
    const hand = 0 + (10 - 2 * 2) + 0 + 6.67 + 5 + 5 + 10 + 5 + 4 + 0;
    expect(a.total).toBe(Math.round(hand * 100) / 100);
    expect(a.total).toBe(41.67);
    const b = rows.find((r) => r.orgCode === 'TB')!;
    // 乙镇: 违规1 → 8; 书记 0/2 → 0; 整改 none → 15; 承诺 none → 10; 任务 10; 督查 2 findings → 3 → 46
    expect(b.total).toBe(46);
    expect(rows.map((r) => [r.orgCode, r.rank])).toEqual([
      ['TB', 1],
      ['TA', 2],
    ]);
  });

  // Each computed indicator, per organisation: [indicator, org code, value, points], branch points on branch weights.
  const TABLE: Array<[string, string, number | null, number]> = [
    ['lifeCompliance', 'TA', 0, 0],
    ['lifeCompliance', 'TB', 0, 0],
    ['lifeCompliance', 'TA-1', 0, 0],
    ['devViolations', 'TA', 2, 6],
    ['devViolations', 'TB', 1, 8],
    ['devViolations', 'TA-1', 1, 8],
    ['devViolations', 'TA-2', 1, 8],
    ['termOnTime', 'TA', 0, 0],
    ['termOnTime', 'TA-1', 0, 0],
    ['secretaryRate', 'TA', 66.7, 6.67],
    ['secretaryRate', 'TB', 0, 0],
    ['secretaryRate', 'TA-1', 100, 10],
    ['secretaryRate', 'TA-2', 0, 0],
    ['rectificationOnTime', 'TA', 33.3, 5],
    ['rectificationOnTime', 'TB', null, 15],
    ['rectificationOnTime', 'TA-1', 50, 7.5],
    ['rectificationOnTime', 'TA-2', 0, 0],
    ['commitmentReviewOnTime', 'TA', 50, 5],
    ['commitmentReviewOnTime', 'TB', null, 10],
    ['commitmentReviewOnTime', 'TA-1', 50, 5],
    ['taskReportOnTime', 'TA', null, 10],
    ['inspectionFindings', 'TA', 0, 5],
    ['inspectionFindings', 'TB', 2, 3],
    ['inspectionFindings', 'TA-1', 0, 5],
    ['taskReportOnTime', 'TA-1', null, 5],
  ];
  it('each computed indicator: value and points per organisation (table)', async () => {
    const countyRows = (
      await county.request('GET', `/api/assessment?orgId=${t.fixture.county.id}&year=2026`)
    ).json().data.rows as Row[];
    const townRows = (
      await adminA.request('GET', `/api/assessment?orgId=${t.fixture.townA.id}&year=2026`)
    ).json().data.rows as Row[];
    const all = [...countyRows, ...townRows];
    const got = TABLE.map(([key, code]) => {
      const i = all.find((r) => r.orgCode === code)!.indicators.find((x) => x.key === key)!;
      return [key, code, i.value, i.score];
    });
    expect(got).toEqual(TABLE);
  });

  it('weights not summing to 100 are refused with nothing written; valid weights change the ranking', async () => {
    const lib = (
      await county.request(
        'GET',
        `/api/assessment/weights?orgId=${t.fixture.county.id}&year=2026&level=township`,
      )
    ).json().data.indicators as Array<{ key: string; weight: number }>;
    const before = [await countRows(t, 'assess_weights'), await countRows(t, 'audit_log')];
    const wrong = lib.map((d) => ({ key: d.key, weight: d.key === 'lifeCompliance' ? 25 : d.weight }));
    const res = await county.request('PUT', '/api/assessment/weights', {
      orgId: t.fixture.county.id,
      year: 2026,
      level: 'township',
      weights: wrong,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('各项指标权重之和须为100（当前为105）');
    expect([await countRows(t, 'assess_weights'), await countRows(t, 'audit_log')]).toEqual(before);
    // 特色工作 20, 组织生活 5: township A's entered 特色工作 (4 of 5 → 4 of 20 allowed, still 4) …
    const ok = lib.map((d) => ({
      key: d.key,
      weight: d.key === 'lifeCompliance' ? 5 : d.key === 'featureWork' ? 20 : d.weight,
    }));
    const put = await county.request('PUT', '/api/assessment/weights', {
      orgId: t.fixture.county.id,
      year: 2026,
      level: 'township',
      weights: ok,
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().data.sum).toBe(100);
    // … and township A's own branch weights still come from the rulebook.
    const branchLevel = (
      await adminA.request(
        'GET',
        `/api/assessment/weights?orgId=${t.fixture.townA.id}&year=2026&level=branch`,
      )
    ).json().data;
    expect(branchLevel.source).toBe('规则库默认权重');
    // Back to the defaults for the tests below.
    await county.request('PUT', '/api/assessment/weights', {
      orgId: t.fixture.county.id,
      year: 2026,
      level: 'township',
      weights: lib.map((d) => ({ key: d.key, weight: d.weight })),
    });
  });

  it('重新计算 stores the snapshot; the CLI report has the contract shape; 述职评议 reads the total', async () => {
    const res = await county.request('POST', '/api/assessment/recompute', {
      orgId: t.fixture.county.id,
      year: 2026,
    });
    expect(res.statusCode, res.body).toBe(200);
    const stored = (
      await county.request('GET', `/api/assessment?orgId=${t.fixture.county.id}&year=2026`)
    ).json().data;
    expect(stored.computedAt).not.toBeNull();
    const got = await assessmentReport(t.ctx, 'T0', 2026);
    expect(got!.report.rows.map((r) => [r.orgCode, r.score, r.rank])).toEqual([
      ['TB', 46, 1],
      ['TA', 41.67, 2],
    ]);
    // The CLI's --json document: {"rows":[{"orgCode","score","rank","indicators":[{"key","value","weight","score"}]}]}.
    const doc = JSON.parse(JSON.stringify(contractJson(got!.report))) as {
      rows: Array<Record<string, unknown>>;
    };
    expect(Object.keys(doc)).toEqual(['rows']);
    expect(doc.rows.map((r) => Object.keys(r))).toEqual([
      ['orgCode', 'score', 'rank', 'indicators'],
      ['orgCode', 'score', 'rank', 'indicators'],
    ]);
    const first = (doc.rows[0]!.indicators as Array<Record<string, unknown>>)[0]!;
    expect(first).toEqual({ key: 'lifeCompliance', value: 0, weight: 20, score: 0 });
    expect(await assessmentReport(t.ctx, 'NOPE', 2026)).toBeNull();
    // Both townships scored below 60: 党建考核得分偏低 opened with the stored scores.
    const low = await t.ctx.db
      .selectFrom('alerts')
      .select(['org_id', 'detail'])
      .where('code', '=', 'ASSESS_LOW')
      .where('is_open', '=', 1)
      .orderBy('org_id')
      .execute();
    expect(low.map((a) => [a.org_id, a.detail])).toEqual([
      [t.fixture.townA.id, '2026年度党建考核41.67分，低于60分（第2名）'],
      [t.fixture.townB.id, '2026年度党建考核46分，低于60分（第1名）'],
    ]);
    const ind = await assessmentIndicator(t.ctx.db, t.fixture.townA.id, 2026);
    expect(ind).toMatchObject({ title: '党建考核得分', score: 41.67 });
    // A township's evidence of its own branch (计算依据), computed live before the township recomputes.
    const ev = await adminA.request(
      'GET',
      `/api/assessment/evidence?orgId=${t.fixture.branchA.id}&year=2026`,
    );
    expect(ev.statusCode, ev.body).toBe(200);
    expect(ev.json().data.indicators.find((i: { key: string }) => i.key === 'devViolations').value).toBe(1);
  });

  it('grading a branch 三类 opens a 软弱涣散 case once', async () => {
    const { branchA2 } = t.fixture;
    const body = {
      year: 2026,
      grade: '三类',
      evidence: '组织生活不正常，整改逾期',
      approvedOn: '2026-11-20',
    };
    const r1 = await adminA.request('POST', `/api/org-system/orgs/${branchA2.id}/gradings`, body);
    expect(r1.statusCode, r1.body).toBeLessThan(300);
    const cases = await t.ctx.db
      .selectFrom('os_weak_cases')
      .select(['source', 'state', 'criteria'])
      .where('org_id', '=', branchA2.id)
      .execute();
    expect(cases).toEqual([
      { source: '考核定为三类', state: '整顿中', criteria: JSON.stringify(['TEAM_INCOMPLETE']) },
    ]);
    // …and its item on the rectification engine, listed in the 问题清单.
    const items = await t.ctx.db
      .selectFrom('rect_items')
      .select(['source_type', 'status'])
      .where('org_id', '=', branchA2.id)
      .where('source_type', '=', 'orgsys.weak')
      .execute();
    expect(items).toEqual([{ source_type: 'orgsys.weak', status: 'open' }]);
    await adminA.request('POST', `/api/org-system/orgs/${branchA2.id}/gradings`, body);
    expect(
      (await t.ctx.db.selectFrom('os_weak_cases').select('id').where('org_id', '=', branchA2.id).execute())
        .length,
    ).toBe(1);
    const r2 = await adminA.request('POST', `/api/org-system/orgs/${t.fixture.branchA.id}/gradings`, {
      ...body,
      grade: '一类',
      evidence: '各项工作规范',
    });
    expect(r2.statusCode).toBeLessThan(300);
    expect(
      (
        await t.ctx.db
          .selectFrom('os_weak_cases')
          .select('id')
          .where('org_id', '=', t.fixture.branchA.id)
          .execute()
      ).length,
    ).toBe(0);
  });
});
