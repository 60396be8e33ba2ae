// Cross-subtree cases for the 党建责任制 routes; test/route-policy.test.ts runs them.
import type { AuthzCases, ForeignBodyCase } from '../../../../test/authz-types.ts';
import type { TestApp } from '../../../../test/api-harness.ts';

const personNamed = async (t: TestApp, name: string) =>
  (await t.ctx.db.selectFrom('persons').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

/** Township-B objects written straight into the tables (test setup only). */
export async function townshipBObjects(t: TestApp) {
  const db = t.ctx.db;
  const now = t.ctx.now().toISOString();
  const { county, townB, branchB } = t.fixture;
  const personB = await personNamed(t, '赵敏');
  const item = await db
    .insertInto('resp_items')
    .values({
      org_id: townB.id,
      org_path: townB.path,
      year: 2026,
      person_id: personB,
      person_name: '赵敏',
      post: '书记',
      duty_kind: '第一责任人',
      contact_org_id: null,
      contact_org_name: null,
      content: '乙镇党委书记抓基层党建述职',
      deadline: '2026-12-31',
      evidence_requirement: '',
      completed_on: null,
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const letter = await db
    .insertInto('resp_letters')
    .values({
      year: 2026,
      title: '2026年度党建工作责任书',
      content: '压实乙镇党委管党治党责任',
      issuer_org_id: county.id,
      issuer_org_path: county.path,
      issuer_org_name: '测试县委',
      org_id: townB.id,
      org_path: townB.path,
      org_name: '乙镇党委',
      issued_on: '2026-11-01',
      acknowledged_on: null,
      acknowledged_by: null,
      acknowledged_name: null,
      created_by: null,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const record = await db
    .insertInto('acc_records')
    .values({
      type: '约谈',
      reason: '支部组织生活长期不正常',
      person_id: personB,
      person_name: '赵敏',
      post: '书记',
      org_id: branchB.id,
      org_path: branchB.path,
      org_name: '乙镇南村党支部',
      rect_item_id: null,
      alert_id: null,
      proposer_org_id: townB.id,
      proposer_org_path: townB.path,
      proposer_org_name: '乙镇党委',
      approver_org_id: county.id,
      approver_org_path: county.path,
      status: 'proposed',
      proposed_by: t.fixture.users.adminB,
      proposed_name: 'admin_b',
      proposed_on: '2026-11-20',
      decided_by: null,
      decided_name: null,
      decided_on: null,
      decision_note: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { personB, itemId: item.id, letterId: letter.id, recordId: record.id };
}

const built = new WeakMap<TestApp, ReturnType<typeof townshipBObjects>>();
const objectsOf = (t: TestApp) => {
  let o = built.get(t);
  if (!o) built.set(t, (o = townshipBObjects(t)));
  return o;
};

export const responsibilityAuthzCases: AuthzCases = {
  cases: async (t) => {
    const { townB, branchB } = t.fixture;
    const o = await objectsOf(t);
    return {
      'GET /api/responsibility/items': { url: `/api/responsibility/items?orgId=${townB.id}&year=2026` },
      'POST /api/responsibility/items': {
        url: '/api/responsibility/items',
        body: {
          orgId: townB.id,
          year: 2026,
          personId: o.personB,
          post: '书记',
          content: '越权列入',
          deadline: '2026-12-31',
        },
      },
      'POST /api/responsibility/items/:id/progress': {
        url: `/api/responsibility/items/${o.itemId}/progress`,
        body: { onDate: '2026-11-23', note: '越权记录进展' },
      },
      'GET /api/responsibility/holders': { url: `/api/responsibility/holders?orgId=${townB.id}` },
      'GET /api/responsibility/summary': { url: `/api/responsibility/summary?orgId=${townB.id}&year=2026` },
      'GET /api/responsibility/letters': { url: `/api/responsibility/letters?orgId=${townB.id}&year=2026` },
      'POST /api/responsibility/letters': {
        url: '/api/responsibility/letters',
        body: { issuerOrgId: townB.id, year: 2026, title: '越权责任书', content: '越权下达' },
      },
      'POST /api/responsibility/letters/:id/acknowledge': {
        url: `/api/responsibility/letters/${o.letterId}/acknowledge`,
      },
      'GET /api/accountability': { url: `/api/accountability?orgId=${townB.id}` },
      'POST /api/accountability': {
        url: '/api/accountability',
        body: { type: '约谈', personId: o.personB, orgId: branchB.id, post: '书记', reason: '越权问责' },
      },
      'GET /api/accountability/:id': { url: `/api/accountability/${o.recordId}` },
      'POST /api/accountability/:id/approve': { url: `/api/accountability/${o.recordId}/approve`, body: {} },
      'POST /api/accountability/:id/reject': {
        url: `/api/accountability/${o.recordId}/reject`,
        body: { note: '越权' },
      },
    };
  },
  noSubject: {},
  foreignBody: async (t): Promise<ForeignBodyCase[]> => {
    const { townA, townB, branchA, branchB } = t.fixture;
    const db = t.ctx.db;
    const now = t.ctx.now().toISOString();
    const o = await objectsOf(t);
    const secretaryA = t.fixture.secretaryA;
    const rect = await db
      .insertInto('rect_items')
      .values({
        source_type: 'manual',
        source_id: null,
        org_id: branchB.id,
        org_path: branchB.path,
        owner_person_id: null,
        owner_name: null,
        title: '乙镇南村三会一课记录不全',
        detail: '补齐记录',
        deadline: '2026-12-31',
        status: 'open',
        evidence: null,
        closed_at: null,
        created_by: null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const alert = await db
      .insertInto('alerts')
      .values({
        code: 'LIFE_MISSED',
        severity: 'orange',
        org_id: branchB.id,
        org_path: branchB.path,
        subject_type: 'org',
        subject_id: String(branchB.id),
        subject_label: '乙镇南村党支部',
        since: '2026-10-01',
        due: null,
        detail: '第三季度党课未开展',
        role: 'org_admin',
        link: '/',
        is_open: 1,
        opened_at: now,
        closed_at: null,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const item = {
      year: 2026,
      personId: secretaryA,
      post: '书记',
      orgId: branchA.id,
      content: '落实三会一课',
      deadline: '2026-12-31',
    };
    const acc = {
      type: '约谈',
      personId: secretaryA,
      orgId: branchA.id,
      post: '书记',
      reason: '组织生活不正常',
    };
    const letter = { year: 2026, title: '党建工作责任书', content: '压实责任' };
    const c = (
      route: string,
      field: string,
      body: object,
      kind: ForeignBodyCase['kind'],
      foreignId: number,
    ): ForeignBodyCase => ({
      route,
      field,
      url: route.split(' ')[1]!,
      body,
      kind,
      foreignId,
    });
    return [
      c('POST /api/responsibility/items', 'orgId', { ...item, orgId: townB.id }, 'org', townB.id),
      c('POST /api/responsibility/items', 'personId', { ...item, personId: o.personB }, 'person', o.personB),
      c(
        'POST /api/responsibility/items',
        'contactOrgId',
        { ...item, orgId: townA.id, contactOrgId: branchB.id },
        'org',
        branchB.id,
      ),
      c(
        'POST /api/responsibility/letters',
        'issuerOrgId',
        { ...letter, issuerOrgId: townB.id },
        'org',
        townB.id,
      ),
      c(
        'POST /api/responsibility/letters',
        'orgIds[]',
        { ...letter, orgIds: [branchA.id, branchB.id] },
        'org',
        branchB.id,
      ),
      c('POST /api/accountability', 'personId', { ...acc, personId: o.personB }, 'person', o.personB),
      c('POST /api/accountability', 'orgId', { ...acc, orgId: branchB.id }, 'org', branchB.id),
      c('POST /api/accountability', 'rectItemId', { ...acc, rectItemId: rect.id }, 'rect_item', rect.id),
      c('POST /api/accountability', 'alertId', { ...acc, alertId: alert.id }, 'alert', alert.id),
    ];
  },
};
