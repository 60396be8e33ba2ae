// Cross-subtree cases for the development module's routes (issue 6); test/route-policy.test.ts runs them.
import type { AuthzCases, ForeignBodyCase } from '../../../../test/authz-types.ts';
import type { TestApp } from '../../../../test/api-harness.ts';
import { recordStepBody } from '../../../core/development/development.schemas.ts';
import { makeIdNumber } from './development.test-helpers.ts';

export const developmentAuthzCases: AuthzCases = {
  foreignBody: (t) => foreignBody(t),
  cases: async (t) => {
    const { branchB, townB } = t.fixture;
    const b = await t.login('admin_b');
    const res = await b.request('POST', `/api/orgs/${branchB.id}/development/candidates`, {
      name: '乙镇申请人',
      idNumber: makeIdNumber('1999-05-01', 777),
      appliedOn: '2026-11-02',
    });
    let id: number;
    if (res.statusCode === 201)
      id = (res.json() as { data: { candidate: { id: number } } }).data.candidate.id;
    else {
      // cases() runs more than once per engine: the candidate may already be there.
      const board = (await b.request('GET', `/api/orgs/${branchB.id}/development/candidates`)).json() as {
        data: { candidates: { id: number; name: string }[] };
      };
      const found = board.data.candidates.find((c) => c.name === '乙镇申请人');
      if (!found) throw new Error(`authz case setup failed: ${res.statusCode} ${res.body}`);
      id = found.id;
    }
    return {
      'GET /api/orgs/:id/development/candidates': { url: `/api/orgs/${branchB.id}/development/candidates` },
      'POST /api/orgs/:id/development/candidates': {
        url: `/api/orgs/${branchB.id}/development/candidates`,
        body: { name: '越权申请人', idNumber: makeIdNumber('1998-01-01', 779), appliedOn: '2026-11-02' },
      },
      'GET /api/orgs/:id/development/audit': { url: `/api/orgs/${townB.id}/development/audit` },
      'GET /api/orgs/:id/development/audit.xlsx': { url: `/api/orgs/${townB.id}/development/audit.xlsx` },
      'GET /api/orgs/:id/development/quotas': { url: `/api/orgs/${townB.id}/development/quotas?year=2026` },
      'PUT /api/orgs/:id/development/quotas': {
        url: `/api/orgs/${townB.id}/development/quotas`,
        body: { year: 2026, quota: 99 },
      },
      'GET /api/development/candidates/:id': { url: `/api/development/candidates/${id}` },
      'POST /api/development/candidates/:id/steps': {
        url: `/api/development/candidates/${id}/steps`,
        body: { step: 2, doneOn: '2026-11-10', talker: '越权谈话人', materials: ['谈话记录'] },
      },
      'POST /api/development/candidates/:id/terminate': {
        url: `/api/development/candidates/${id}/terminate`,
        body: { on: '2026-11-20', reason: '越权终止发展' },
      },
      'GET /api/development/candidates/:id/documents/:kind': {
        url: `/api/development/candidates/${id}/documents/publicity.docx`,
      },
    };
  },
  noSubject: {
    'GET /api/development/steps': 'rulebook data, the same for everyone',
    'GET /api/development/calendar': 'the national working-day calendar, not per organisation',
    'PUT /api/development/calendar': 'system administrators only; the calendar is national data',
    'GET /api/development/import-template.xlsx': 'a blank template: no per-object subject',
    'POST /api/development/imports':
      'imports into the caller scope only; codes outside it are row errors (development.import.test.ts)',
  },
};

/** A step of township A's applicant naming township B's member (issue 17). */
async function foreignBody(t: TestApp): Promise<ForeignBodyCase[]> {
  const { branchA, branchB } = t.fixture;
  const a = await t.login('admin_a');
  const res = await a.request('POST', `/api/orgs/${branchA.id}/development/candidates`, {
    name: '甲镇申请人',
    idNumber: makeIdNumber('1999-06-01', 778),
    appliedOn: '2026-11-02',
  });
  if (res.statusCode !== 201) throw new Error(`foreign-body case setup failed: ${res.statusCode} ${res.body}`);
  const id = (res.json() as { data: { candidate: { id: number } } }).data.candidate.id;
  const personB = (
    await t.ctx.db
      .selectFrom('memberships')
      .select('person_id')
      .where('org_id', '=', branchB.id)
      .where('valid_to', 'is', null)
      .orderBy('person_id')
      .executeTakeFirstOrThrow()
  ).person_id;
  // An excluded member as the vote schema takes one (the shape of an exclusion follows the rulebook).
  const vote = [{ reason: '自费出国半年以上' }, { case: 'abroad' }]
    .map((extra) => ({
      exclusions: [{ personId: personB, name: '赵敏', ...extra }],
      present: 3,
      for: 3,
      against: 0,
      abstain: 0,
    }))
    .find((v) => recordStepBody.safeParse({ step: 15, doneOn: '2026-11-10', vote: v }).success);
  const url = `/api/development/candidates/${id}/steps`;
  const route = 'POST /api/development/candidates/:id/steps';
  return [
    { route, field: 'contacts[]', url, body: { step: 5, doneOn: '2026-11-10', contacts: [personB] }, kind: 'person', foreignId: personB },
    { route, field: 'introducers[]', url, body: { step: 9, doneOn: '2026-11-10', introducers: [personB] }, kind: 'person', foreignId: personB },
    { route, field: 'vote.exclusions[].personId', url, body: { step: 15, doneOn: '2026-11-10', vote }, kind: 'person', foreignId: personB },
  ];
}
