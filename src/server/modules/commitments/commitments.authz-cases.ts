// Cross-subtree cases for the commitments module's routes (issue 8); test/route-policy.test.ts runs them.
import type { AuthzCases, ForeignBodyCase } from '../../../../test/authz-types.ts';
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
  const p = await db
    .insertInto('cm_progress')
    .values({
      commitment_id: c.id,
      org_path: branchB.path,
      note: '已开工',
      evidence: '[]',
      on_date: '2026-03-01',
      actor_user_id: null,
      actor_name: null,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const photo = await db
    .insertInto('cm_photos')
    .values({
      commitment_id: c.id,
      progress_id: p.id,
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
  return { commitmentId: c.id, opinionId: o.id, progressId: p.id, photoId: photo.id };
}

/** The smallest byte string whose magic bytes say PNG (tests only). */
export const PNG_BASE64 = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]).toString(
  'base64',
);

/** A 两优一先 round of township B's 党委 with one nomination from its branch (test setup only). */
export async function townshipBRound(t: TestApp) {
  const db = t.ctx.db;
  const now = t.ctx.now().toISOString();
  const { townB, branchB } = t.fixture;
  const r = await db
    .insertInto('cm_commendation_rounds')
    .values({
      org_id: townB.id,
      org_path: townB.path,
      org_name: '乙镇党委',
      year: 2026,
      title: '乙镇2026年两优一先评选',
      nominate_from: '2026-11-01',
      nominate_to: '2026-11-30',
      status: 'open',
      publicity_from: null,
      publicity_ends_on: null,
      publicity_working_days: null,
      archived_on: null,
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const n = await db
    .insertInto('cm_nominations')
    .values({
      round_id: r.id,
      org_id: branchB.id,
      org_path: branchB.path,
      org_name: '乙镇南村党支部',
      category: '先进基层党组织',
      nominee_person_id: null,
      nominee_org_id: branchB.id,
      nominee_name: '乙镇南村党支部',
      nominee_org_name: '乙镇南村党支部',
      reason: '承诺事项全部兑现',
      evidence: '[]',
      status: 'nominated',
      decision_reason: null,
      decided_on: null,
      decided_by: null,
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { roundId: r.id, nominationId: n.id };
}

export const commitmentsAuthzCases: AuthzCases = {
  foreignBody: (t) => foreignBody(t),
  unscopedBodyIds: {
    'POST /api/commitments/liaisons personId':
      'a leadership-team member of the 党委 named by committeeOrgId (checked): the service requires a post in that 党委, while the member\'s own 组织关系 may sit outside the caller subtree (a cadre of the county organs)',
    'POST /api/commitments/:id/reviews reviewerPersonId':
      'the reviewer is a leader of a higher 党委 or its liaison by design (decideReviewer requires a post in an ancestor of the commitment\'s organisation), so usually outside the caller subtree',
  },
  cases: async (t) => {
    const { commitmentId: id, opinionId, progressId, photoId } = await townshipBCommitment(t);
    const { roundId, nominationId } = await townshipBRound(t);
    const { townB, branchB } = t.fixture;
    const zhao = await t.ctx.db
      .selectFrom('persons')
      .select(['id', 'name'])
      .where('name', '=', '赵敏')
      .executeTakeFirstOrThrow();
    const link = await t.ctx.db
      .insertInto('cm_liaisons')
      .values({
        committee_org_id: townB.id,
        committee_path: townB.path,
        person_id: zhao.id,
        person_name: zhao.name,
        org_id: branchB.id,
        org_path: branchB.path,
        valid_from: '2026-01-01',
        valid_to: null,
        created_by: null,
        created_at: t.ctx.now().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return {
      'GET /api/commitments/liaisons': { url: `/api/commitments/liaisons?orgId=${townB.id}` },
      'POST /api/commitments/liaisons': {
        url: '/api/commitments/liaisons',
        body: { committeeOrgId: townB.id, personId: zhao.id, orgId: branchB.id },
      },
      'POST /api/commitments/liaisons/:id/end': {
        url: `/api/commitments/liaisons/${link.id}/end`,
        body: { validTo: '2026-12-31' },
      },
      'GET /api/commendations/rounds': { url: `/api/commendations/rounds?orgId=${townB.id}` },
      'POST /api/commendations/rounds': {
        url: '/api/commendations/rounds',
        body: {
          orgId: townB.id,
          year: 2026,
          title: '越权评选',
          nominateFrom: '2026-11-23',
          nominateTo: '2026-11-30',
        },
      },
      'GET /api/commendations/archive': { url: `/api/commendations/archive?orgId=${townB.id}&year=2026` },
      'GET /api/commendations/rounds/:id': { url: `/api/commendations/rounds/${roundId}` },
      'POST /api/commendations/rounds/:id/nominations': {
        url: `/api/commendations/rounds/${roundId}/nominations`,
        body: { category: '先进基层党组织', nomineeOrgId: branchB.id, reason: '越权提名' },
      },
      'POST /api/commendations/rounds/:id/publicity': {
        url: `/api/commendations/rounds/${roundId}/publicity`,
      },
      'POST /api/commendations/rounds/:id/archive': { url: `/api/commendations/rounds/${roundId}/archive` },
      'POST /api/commendations/nominations/:id/decision': {
        url: `/api/commendations/nominations/${nominationId}/decision`,
        body: { action: 'reject', reason: '越权审批' },
      },
      'GET /api/commitments': { url: `/api/commitments?orgId=${townB.id}` },
      'GET /api/commitments/overdue-reviews': { url: `/api/commitments/overdue-reviews?orgId=${townB.id}` },
      'GET /api/commitments/review-calendar': { url: `/api/commitments/review-calendar?orgId=${townB.id}` },
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
      'POST /api/commitments/:id/progress/:progressId/photos': {
        url: `/api/commitments/${id}/progress/${progressId}/photos`,
        body: { fileName: 'x.png', mimeType: 'image/png', contentBase64: PNG_BASE64 },
      },
      'GET /api/commitments/photos/:id': { url: `/api/commitments/photos/${photoId}` },
      'POST /api/commitments/:id/satisfaction': {
        url: `/api/commitments/${id}/satisfaction`,
        body: { ballots: 5 },
      },
      'POST /api/commitments/:id/reviews': {
        url: `/api/commitments/${id}/reviews`,
        body: { reviewerPersonId: 1, text: '越权点评', grade: '好' },
      },
    };
  },
  noSubject: {
    'GET /api/public/commendations':
      'public 公示: rounds in 公示 or archived, names and organisations only (tested in commendations.api.test.ts)',
    'GET /api/public/commitments':
      'public board: published public items only, no personal data (tested in commitments.api.test.ts)',
    'GET /api/public/commitments/:id':
      'public link of an item being consulted or published as public (tested)',
    'POST /api/public/commitments/:id/opinions':
      'anonymous public opinion during the opinion period, rate-limited per IP',
  },
};

/** Bodies valid for township A but for one id, which names a township-B object (issue 17). */
async function foreignBody(t: TestApp): Promise<ForeignBodyCase[]> {
  const { townA, townB, branchA, branchB, secretaryA } = t.fixture;
  const db = t.ctx.db;
  const now = t.ctx.now().toISOString();
  const { commitmentId } = await townshipBCommitment(t);
  const personB = (
    await db
      .selectFrom('memberships')
      .select('person_id')
      .where('org_id', '=', branchB.id)
      .where('valid_to', 'is', null)
      .orderBy('person_id')
      .executeTakeFirstOrThrow()
  ).person_id;
  const roundA = await db
    .insertInto('cm_commendation_rounds')
    .values({
      org_id: townA.id,
      org_path: townA.path,
      org_name: '甲镇党委',
      year: 2026,
      title: '甲镇2026年两优一先评选',
      nominate_from: '2026-11-01',
      nominate_to: '2026-11-30',
      status: 'open',
      publicity_from: null,
      publicity_ends_on: null,
      publicity_working_days: null,
      archived_on: null,
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const nominations = `/api/commendations/rounds/${roundA.id}/nominations`;
  const nominate = 'POST /api/commendations/rounds/:id/nominations';
  const commitment = { committerKind: 'org', type: '年度承诺', year: 2026, title: '年度承诺', content: '修缮村道' };
  return [
    {
      route: 'POST /api/commendations/rounds',
      field: 'orgId',
      url: '/api/commendations/rounds',
      body: { orgId: townB.id, year: 2026, title: '两优一先评选', nominateFrom: '2026-11-23', nominateTo: '2026-11-30' },
      kind: 'org',
      foreignId: townB.id,
    },
    {
      route: nominate,
      field: 'orgId',
      url: nominations,
      body: { orgId: branchB.id, category: '先进基层党组织', nomineeOrgId: branchA.id, reason: '承诺事项全部兑现' },
      kind: 'org',
      foreignId: branchB.id,
    },
    {
      route: nominate,
      field: 'nomineePersonId',
      url: nominations,
      body: { orgId: branchA.id, category: '优秀共产党员', nomineePersonId: personB, reason: '带头致富' },
      kind: 'person',
      foreignId: personB,
    },
    {
      route: nominate,
      field: 'nomineeOrgId',
      url: nominations,
      body: { orgId: townA.id, category: '先进基层党组织', nomineeOrgId: branchB.id, reason: '承诺事项全部兑现' },
      kind: 'org',
      foreignId: branchB.id,
    },
    {
      route: nominate,
      field: 'evidence[].id',
      url: nominations,
      body: {
        orgId: branchA.id,
        category: '先进基层党组织',
        nomineeOrgId: branchA.id,
        reason: '承诺事项全部兑现',
        evidence: [{ kind: 'commitment', id: commitmentId }],
      },
      kind: 'commitment',
      foreignId: commitmentId,
    },
    {
      route: 'POST /api/commitments/liaisons',
      field: 'committeeOrgId',
      url: '/api/commitments/liaisons',
      body: { committeeOrgId: townB.id, personId: secretaryA, orgId: branchA.id },
      kind: 'org',
      foreignId: townB.id,
    },
    {
      route: 'POST /api/commitments/liaisons',
      field: 'orgId',
      url: '/api/commitments/liaisons',
      body: { committeeOrgId: townA.id, personId: secretaryA, orgId: branchB.id },
      kind: 'org',
      foreignId: branchB.id,
    },
    {
      route: 'POST /api/commitments',
      field: 'orgId',
      url: '/api/commitments',
      body: { ...commitment, orgId: branchB.id },
      kind: 'org',
      foreignId: branchB.id,
    },
    {
      route: 'POST /api/commitments',
      field: 'personId',
      url: '/api/commitments',
      body: { ...commitment, orgId: branchA.id, committerKind: 'member', personId: personB },
      kind: 'person',
      foreignId: personB,
    },
  ];
}
