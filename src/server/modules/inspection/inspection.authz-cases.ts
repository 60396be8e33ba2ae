// Cross-subtree cases for the 督查 and 通报 routes; test/route-policy.test.ts runs them.
import type { TestApp } from '../../../../test/api-harness.ts';
import type { AuthzCases, ForeignBodyCase } from '../../../../test/authz-types.ts';

const made = new WeakMap<TestApp, Promise<Objects>>();

interface Objects {
  planB: number;
  visitB: number;
  findingB: number;
  photoB: number;
  bulletinB: number;
  planA: number;
}

/** Township B's plan, visit, finding, photo and bulletin, and township A's plan (test setup only, straight into the tables). */
function objects(t: TestApp): Promise<Objects> {
  let p = made.get(t);
  if (!p) {
    p = build(t);
    made.set(t, p);
  }
  return p;
}

async function build(t: TestApp): Promise<Objects> {
  const db = t.ctx.db;
  const now = t.ctx.now().toISOString();
  const { townA, townB, branchA, branchB } = t.fixture;
  const plan = async (
    town: { id: number; path: string },
    name: string,
    branch: { id: number; path: string },
  ) => {
    const p = await db
      .insertInto('insp_plans')
      .values({
        org_id: town.id,
        org_path: town.path,
        org_name: name,
        title: `${name}党建督查`,
        year: 2026,
        period_from: '2026-11-01',
        period_to: '2026-12-31',
        kind: '常规督查',
        inspectors: '["王督查"]',
        note: '',
        created_by: null,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const target = await db
      .insertInto('insp_targets')
      .values({
        plan_id: p.id,
        org_id: branch.id,
        org_path: branch.path,
        org_name: '督查对象',
        planned_on: '2026-11-20',
        plan_org_path: town.path,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { plan: p.id, target: target.id };
  };
  const b = await plan(townB, '乙镇党委', branchB);
  const a = await plan(townA, '甲镇党委', branchA);
  const visit = await db
    .insertInto('insp_visits')
    .values({
      plan_id: b.plan,
      target_id: b.target,
      org_id: branchB.id,
      org_path: branchB.path,
      org_name: '乙镇南村党支部',
      plan_org_path: townB.path,
      visited_on: '2026-11-20',
      inspectors: '["王督查"]',
      checklist: '[]',
      conclusion: '基本规范',
      created_by: null,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const finding = await db
    .insertInto('insp_findings')
    .values({
      visit_id: visit.id,
      plan_id: b.plan,
      org_id: branchB.id,
      org_path: branchB.path,
      plan_org_path: townB.path,
      item_code: 'dues_ledger',
      text: '党费台账不全',
      severity: '一般',
      recorded_on: '2026-11-20',
      rect_item_id: null,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const photo = await db
    .insertInto('insp_photos')
    .values({
      visit_id: visit.id,
      org_path: branchB.path,
      file_name: '现场.png',
      mime: 'image/png',
      size: 9,
      storage_key: '0'.repeat(64),
      created_by: null,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const bulletin = await db
    .insertInto('insp_bulletins')
    .values({
      org_id: townB.id,
      org_path: townB.path,
      org_name: '乙镇党委',
      title: '乙镇督查通报',
      content: '通报内容',
      issued_on: '2026-11-21',
      created_by: null,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('insp_bulletin_recipients')
    .values({
      bulletin_id: bulletin.id,
      org_id: branchB.id,
      org_path: branchB.path,
      org_name: '乙镇南村党支部',
    })
    .execute();
  return {
    planB: b.plan,
    visitB: visit.id,
    findingB: finding.id,
    photoB: photo.id,
    bulletinB: bulletin.id,
    planA: a.plan,
  };
}

/** A 1×1 PNG. */
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

const checklist = [{ code: 'life_records', result: '符合' }];

export const inspectionAuthzCases: AuthzCases = {
  cases: async (t) => {
    const o = await objects(t);
    const { townB, branchB } = t.fixture;
    const planBody = {
      orgId: townB.id,
      title: '越权督查',
      year: 2026,
      periodFrom: '2026-12-01',
      periodTo: '2026-12-31',
      kind: '常规督查',
      inspectors: ['甲'],
      targets: [{ orgId: branchB.id, plannedOn: '2026-12-10' }],
    };
    return {
      'GET /api/inspections/plans': { url: `/api/inspections/plans?orgId=${townB.id}` },
      'POST /api/inspections/plans': { url: '/api/inspections/plans', body: planBody },
      'GET /api/inspections/plans/:id': { url: `/api/inspections/plans/${o.planB}` },
      'POST /api/inspections/plans/:id/visits': {
        url: `/api/inspections/plans/${o.planB}/visits`,
        body: {
          orgId: branchB.id,
          visitedOn: '2026-11-20',
          inspectors: ['甲'],
          checklist,
          conclusion: '越权',
        },
      },
      'GET /api/inspections/visits/:id': { url: `/api/inspections/visits/${o.visitB}` },
      'POST /api/inspections/visits/:id/photos': {
        url: `/api/inspections/visits/${o.visitB}/photos`,
        body: { fileName: '越权.png', mimeType: 'image/png', contentBase64: PNG },
      },
      'GET /api/inspections/photos/:id': { url: `/api/inspections/photos/${o.photoB}` },
      'POST /api/inspections/findings/:id/rectify': {
        url: `/api/inspections/findings/${o.findingB}/rectify`,
        body: {},
      },
      'GET /api/inspections/received': { url: `/api/inspections/received?orgId=${branchB.id}` },
      'GET /api/bulletins': { url: `/api/bulletins?orgId=${townB.id}` },
      'POST /api/bulletins': {
        url: '/api/bulletins',
        body: { orgId: townB.id, title: '越权通报', content: '越权' },
      },
      'GET /api/bulletins/:id': { url: `/api/bulletins/${o.bulletinB}` },
      'GET /api/bulletins/:id/receipts': { url: `/api/bulletins/${o.bulletinB}/receipts` },
    };
  },
  noSubject: {},
  foreignBody: async (t): Promise<ForeignBodyCase[]> => {
    const o = await objects(t);
    const { townA, townB, branchA, branchB } = t.fixture;
    const plan = {
      title: '甲镇督查',
      year: 2026,
      periodFrom: '2026-12-01',
      periodTo: '2026-12-31',
      kind: '常规督查',
      inspectors: ['甲'],
    };
    const bulletin = { orgId: townA.id, title: '甲镇通报', content: '通报正文' };
    return [
      {
        route: 'POST /api/inspections/plans',
        field: 'orgId',
        url: '/api/inspections/plans',
        body: { ...plan, orgId: townB.id, targets: [{ orgId: branchA.id, plannedOn: '2026-12-10' }] },
        kind: 'org',
        foreignId: townB.id,
      },
      {
        route: 'POST /api/inspections/plans',
        field: 'targets[].orgId',
        url: '/api/inspections/plans',
        body: { ...plan, orgId: townA.id, targets: [{ orgId: branchB.id, plannedOn: '2026-12-10' }] },
        kind: 'org',
        foreignId: branchB.id,
      },
      {
        route: 'POST /api/inspections/plans/:id/visits',
        field: 'orgId',
        url: `/api/inspections/plans/${o.planA}/visits`,
        body: {
          orgId: branchB.id,
          visitedOn: '2026-11-20',
          inspectors: ['甲'],
          checklist,
          conclusion: '越权',
        },
        kind: 'org',
        foreignId: branchB.id,
      },
      {
        route: 'POST /api/bulletins',
        field: 'orgId',
        url: '/api/bulletins',
        body: { ...bulletin, orgId: townB.id },
        kind: 'org',
        foreignId: townB.id,
      },
      {
        route: 'POST /api/bulletins',
        field: 'recipientOrgIds[]',
        url: '/api/bulletins',
        body: { ...bulletin, recipientOrgIds: [branchA.id, branchB.id] },
        kind: 'org',
        foreignId: branchB.id,
      },
      {
        route: 'POST /api/bulletins',
        field: 'examples[].orgId',
        url: '/api/bulletins',
        body: { ...bulletin, examples: [{ kind: '批评', text: '台账不全', orgId: branchB.id }] },
        kind: 'org',
        foreignId: branchB.id,
      },
      {
        route: 'POST /api/bulletins',
        field: 'examples[].visitId',
        url: '/api/bulletins',
        body: { ...bulletin, examples: [{ kind: '批评', text: '台账不全', visitId: o.visitB }] },
        kind: 'inspection_visit',
        foreignId: o.visitB,
      },
    ];
  },
};
