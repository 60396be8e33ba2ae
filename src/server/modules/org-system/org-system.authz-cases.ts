// Cross-subtree cases for the org-system module's routes (issue 3); test/route-policy.test.ts runs them.
import type { AuthzCases, ForeignBodyCase } from '../../../../test/authz-types.ts';
import type { TestApp } from '../../../../test/api-harness.ts';

type Cases = Record<string, { url: string; body?: unknown }>;
const built = new WeakMap<TestApp, Promise<Cases>>();

/** Township B's term, renewal, approval and 整顿 case, written straight into the tables. */
async function build(t: TestApp): Promise<Cases> {
  const { branchB } = t.fixture;
  const db = t.ctx.db;
  const now = t.ctx.now().toISOString();
  const term = await db.insertInto('os_terms').values({
    org_id: branchB.id, org_path: branchB.path, number: 1, elected_on: '2021-11-01', years: 5, term_end: '2026-11-01', ended_on: null,
    renewal_id: null, basis: null, adjust_ref: null, adjust_reason: null, adjust_approved_on: null, created_at: now, updated_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  const renewal = await db.insertInto('os_renewals').values({
    org_id: branchB.id, org_path: branchB.path, term_id: term.id, stage: '已请示', seats: 1, requested_on: '2026-10-01', planned_on: '2026-11-10',
    request_note: null, approved_on: null, approval_ref: null, election_id: null, reported_on: null, report_note: null, new_term_id: null,
    created_by: null, created_at: now, updated_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  const person = await db.selectFrom('memberships').select('person_id').where('org_id', '=', branchB.id).executeTakeFirstOrThrow();
  const approval = await db.insertInto('os_post_approvals').values({
    org_id: branchB.id, org_path: branchB.path, person_id: person.person_id, post: '委员', position_id: null, term_id: term.id, state: '待备案',
    decided_on: null, ref: null, decided_by: null, created_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  const weak = await db.insertInto('os_weak_cases').values({
    org_id: branchB.id, org_path: branchB.path, year: 2026, designated_on: '2026-03-01', criteria: '["TEAM_INCOMPLETE"]', source: '人工认定',
    measures: '调整充实班子', first_secretary: null, village_cadres: null, state: '整顿中', closed_on: null, review_note: null, closed_by: null,
    created_by: null, created_at: now, updated_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  const B = `/api/org-system/orgs/${branchB.id}`;
  return {
    'GET /api/org-system/orgs/:id/team': { url: `${B}/team` },
    'GET /api/org-system/orgs/:id/candidates': { url: `${B}/candidates` },
    'POST /api/org-system/orgs/:id/terms': { url: `${B}/terms`, body: { number: 9, electedOn: '2010-01-01', endedOn: '2013-01-01' } },
    'POST /api/org-system/terms/:id/adjust': { url: `/api/org-system/terms/${term.id}/adjust`, body: { months: 6, approvedOn: '2026-10-01', approvalRef: '越权文号', reason: '越权延期' } },
    'POST /api/org-system/orgs/:id/renewals': { url: `${B}/renewals`, body: { requestedOn: '2026-11-01', plannedOn: '2026-11-20', seats: 1 } },
    'POST /api/org-system/renewals/:id/approve': { url: `/api/org-system/renewals/${renewal.id}/approve`, body: { approvedOn: '2026-11-02', approvalRef: '越权批复' } },
    'POST /api/org-system/renewals/:id/election': {
      url: `/api/org-system/renewals/${renewal.id}/election`,
      body: { heldOn: '2026-11-10', expected: 2, present: 2, candidates: [{ personId: person.person_id, votes: 2 }], posts: [{ personId: person.person_id, post: '书记' }] },
    },
    'POST /api/org-system/renewals/:id/report': { url: `/api/org-system/renewals/${renewal.id}/report`, body: { reportedOn: '2026-11-11' } },
    'GET /api/org-system/orgs/:id/approvals': { url: `${B}/approvals` },
    'POST /api/org-system/approvals/:id/decide': { url: `/api/org-system/approvals/${approval.id}/decide`, body: { decision: 'approve', decidedOn: '2026-11-12' } },
    'GET /api/org-system/orgs/:id/structure': { url: `${B}/structure` },
    'GET /api/org-system/orgs/:id/structure.xlsx': { url: `${B}/structure.xlsx` },
    'GET /api/org-system/orgs/:id/term-status': { url: `${B}/term-status` },
    'GET /api/org-system/orgs/:id/units': { url: `${B}/units` },
    'GET /api/org-system/orgs/:id/weak-cases': { url: `${B}/weak-cases` },
    'POST /api/org-system/orgs/:id/weak-cases': { url: `${B}/weak-cases`, body: { year: 2026, designatedOn: '2026-11-01', criteria: ['PETITIONS'], measures: '越权认定' } },
    'POST /api/org-system/weak-cases/:id/progress': { url: `/api/org-system/weak-cases/${weak.id}/progress`, body: { on: '2026-11-01', note: '越权录入' } },
    'POST /api/org-system/weak-cases/:id/close': { url: `/api/org-system/weak-cases/${weak.id}/close`, body: { closedOn: '2026-11-01', reviewNote: '越权销号' } },
    'GET /api/org-system/orgs/:id/gradings': { url: `${B}/gradings` },
    'POST /api/org-system/orgs/:id/gradings': { url: `${B}/gradings`, body: { year: 2025, grade: '一类', evidence: '越权定级', approvedOn: '2026-01-10' } },
  };
}

export const org_systemAuthzCases: AuthzCases = {
  foreignBody: (t) => foreignBody(t),
  cases: (t) => {
    let p = built.get(t);
    if (!p) {
      p = build(t);
      built.set(t, p);
    }
    return p;
  },
  noSubject: {},
};

/** Township A's renewal, its candidates or posts naming township B's member (issue 17). */
async function foreignBody(t: TestApp): Promise<ForeignBodyCase[]> {
  const { branchA, branchB, secretaryA } = t.fixture;
  const db = t.ctx.db;
  const now = t.ctx.now().toISOString();
  const term = await db.insertInto('os_terms').values({
    org_id: branchA.id, org_path: branchA.path, number: 1, elected_on: '2021-11-01', years: 5, term_end: '2026-11-01', ended_on: null,
    renewal_id: null, basis: null, adjust_ref: null, adjust_reason: null, adjust_approved_on: null, created_at: now, updated_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  const renewal = await db.insertInto('os_renewals').values({
    org_id: branchA.id, org_path: branchA.path, term_id: term.id, stage: '已请示', seats: 1, requested_on: '2026-10-01', planned_on: '2026-11-10',
    request_note: null, approved_on: null, approval_ref: null, election_id: null, reported_on: null, report_note: null, new_term_id: null,
    created_by: null, created_at: now, updated_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  const personB = (await db.selectFrom('memberships').select('person_id').where('org_id', '=', branchB.id).where('valid_to', 'is', null).orderBy('person_id').executeTakeFirstOrThrow()).person_id;
  const election = `/api/org-system/renewals/${renewal.id}/election`;
  const vote = { heldOn: '2026-11-10', expected: 2, present: 2 };
  return [
    {
      route: 'POST /api/org-system/renewals/:id/approve',
      field: 'candidateIds[]',
      url: `/api/org-system/renewals/${renewal.id}/approve`,
      body: { approvedOn: '2026-11-02', approvalRef: '甲组复〔2026〕1号', candidateIds: [secretaryA, personB] },
      kind: 'person',
      foreignId: personB,
    },
    {
      route: 'POST /api/org-system/renewals/:id/election',
      field: 'candidates[].personId',
      url: election,
      body: { ...vote, candidates: [{ personId: personB, votes: 2 }], posts: [{ personId: secretaryA, post: '书记' }] },
      kind: 'person',
      foreignId: personB,
    },
    {
      route: 'POST /api/org-system/renewals/:id/election',
      field: 'posts[].personId',
      url: election,
      body: { ...vote, candidates: [{ personId: secretaryA, votes: 2 }], posts: [{ personId: personB, post: '书记' }] },
      kind: 'person',
      foreignId: personB,
    },
  ];
}
