// Cross-subtree cases for the commitments module's routes (issue 8); test/route-policy.test.ts runs them.
import type { AuthzCases } from '../../../../test/authz-types.ts';
import type { TestApp } from '../../../../test/api-harness.ts';

/** A published commitment of township B's branch with one opinion, written straight into the tables (test setup only). */
export async function townshipBCommitment(t: TestApp) {
  const db = t.ctx.db;
  const now = t.ctx.now().toISOString();
  const { branchB } = t.fixture;
  const c = await db
    .insertInto('cm_commitments')
    .values({
      org_id: branchB.id,
      org_path: branchB.path,
      committer_kind: 'org',
      person_id: null,
      committer_name: '乙镇南村党支部',
      org_name: '乙镇南村党支部',
      type: '年度承诺',
      year: 2026,
      title: '乙镇南村年度承诺',
      content: '修缮村道',
      due_on: '2026-12-31',
      is_public: 1,
      status: 'in_progress',
      opinion_ends_on: '2026-02-01',
      published_on: '2026-02-10',
      self_assessment: null,
      leader_grade: null,
      satisfaction: null,
      graded_on: null,
      last_review_on: null,
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const o = await db
    .insertInto('cm_opinions')
    .values({
      commitment_id: c.id,
      org_path: branchB.path,
      content: '希望尽快修好',
      contact: null,
      submitted_at: now,
      handling: null,
      handled_by: null,
      handled_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { commitmentId: c.id, opinionId: o.id };
}

export const commitmentsAuthzCases: AuthzCases = {
  cases: async (t) => {
    const { commitmentId: id, opinionId } = await townshipBCommitment(t);
    const { townB, branchB } = t.fixture;
    return {
      'GET /api/commitments': { url: `/api/commitments?orgId=${townB.id}` },
      'GET /api/commitments/overdue-reviews': { url: `/api/commitments/overdue-reviews?orgId=${townB.id}` },
      'GET /api/commitments/report': { url: `/api/commitments/report?orgId=${townB.id}&year=2026` },
      'POST /api/commitments': {
        url: '/api/commitments',
        body: {
          orgId: branchB.id,
          committerKind: 'org',
          type: '年度承诺',
          year: 2026,
          title: '越权承诺',
          content: '越权',
        },
      },
      'GET /api/commitments/:id': { url: `/api/commitments/${id}` },
      'POST /api/commitments/:id/open-opinion': {
        url: `/api/commitments/${id}/open-opinion`,
        body: { endsOn: '2026-12-31' },
      },
      'POST /api/commitments/:id/opinions/:opinionId/handle': {
        url: `/api/commitments/${id}/opinions/${opinionId}/handle`,
        body: { handling: '越权处理' },
      },
      'POST /api/commitments/:id/publish': { url: `/api/commitments/${id}/publish` },
      'POST /api/commitments/:id/progress': {
        url: `/api/commitments/${id}/progress`,
        body: { note: '越权践诺' },
      },
      'POST /api/commitments/:id/grade': {
        url: `/api/commitments/${id}/grade`,
        body: { selfAssessment: '越权', leaderGrade: '好' },
      },
      'POST /api/commitments/:id/reviews': {
        url: `/api/commitments/${id}/reviews`,
        body: { reviewerPersonId: 1, text: '越权点评', grade: '好' },
      },
    };
  },
  noSubject: {
    'GET /api/public/commitments':
      'public board: published public items only, no personal data (tested in commitments.api.test.ts)',
    'GET /api/public/commitments/:id':
      'public link of an item being consulted or published as public (tested)',
    'POST /api/public/commitments/:id/opinions':
      'anonymous public opinion during the opinion period, rate-limited per IP',
  },
};
