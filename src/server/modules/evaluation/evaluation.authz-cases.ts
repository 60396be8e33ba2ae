// Cross-subtree cases for the evaluation module's routes (issue 7); test/route-policy.test.ts runs them.
import type { AuthzCases, ForeignBodyCase } from '../../../../test/authz-types.ts';
import type { TestApp } from '../../../../test/api-harness.ts';

/** Township B's evaluation objects, written straight into the tables (test setup only). */
async function townshipBObjects(t: TestApp) {
  const db = t.ctx.db;
  const now = t.ctx.now().toISOString();
  const { townB, branchB } = t.fixture;
  const person = await db
    .selectFrom('memberships')
    .select('person_id')
    .where('org_id', '=', branchB.id)
    .orderBy('person_id')
    .executeTakeFirstOrThrow();
  const campaign = await db
    .insertInto('eval_campaigns')
    .values({
      org_id: townB.id,
      org_path: townB.path,
      parent_campaign_id: null,
      year: 2026,
      title: '乙镇述职评议',
      status: 'reporting',
      meeting_on: null,
      weights: JSON.stringify({ vote: 40, indicators: 30, comment: 30 }),
      box_id: null,
      publish_scope_path: null,
      published_at: null,
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const subject = await db
    .insertInto('eval_subjects')
    .values({
      campaign_id: campaign.id,
      org_id: branchB.id,
      org_path: branchB.path,
      org_code: 'TB-1',
      org_name: '乙镇南村党支部',
      person_id: person.person_id,
      name: '赵敏',
      report_order: 1,
      report_text: null,
      submitted_at: null,
      comment_text: null,
      comment_grade: null,
      score_x10: null,
      grade: null,
      tally: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const box = await db
    .insertInto('vote_boxes')
    .values({
      org_path: townB.path,
      source_type: 'evaluation.campaign',
      source_id: campaign.id,
      title: '乙镇测评',
      scheme: JSON.stringify(['好', '较好', '一般', '差']),
      subjects: JSON.stringify([{ key: String(subject.id), label: '赵敏' }]),
      anonymous: 1,
      expected_voters: 5,
      issued_tokens: 0,
      status: 'open',
      opened_at: now,
      closed_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const item = await db
    .insertInto('rect_items')
    .values({
      source_type: 'manual',
      source_id: null,
      org_id: branchB.id,
      org_path: branchB.path,
      owner_person_id: null,
      owner_name: null,
      title: '乙镇整改',
      detail: '',
      deadline: '2027-01-01',
      status: 'closure_requested',
      evidence: '材料',
      closed_at: null,
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const review = await db
    .insertInto('member_reviews')
    .values({
      org_id: branchB.id,
      org_path: branchB.path,
      year: 2026,
      stage: 'published',
      study_note: '学习',
      box_id: null,
      report_to_upper: 1,
      decided_by: '支委会',
      published_at: now,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const entry = await db
    .insertInto('member_review_entries')
    .values({
      review_id: review.id,
      org_path: branchB.path,
      person_id: person.person_id,
      name: '赵敏',
      self_text: null,
      self_at: null,
      grade: '不合格',
      reason: '理由',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const disposition = await db
    .insertInto('member_dispositions')
    .values({
      entry_id: entry.id,
      org_id: branchB.id,
      org_path: branchB.path,
      person_id: person.person_id,
      kind: '除名',
      decided_on: '2026-11-01',
      correct_until: null,
      no_readmission_until: '2031-11-01',
      branch_vote: JSON.stringify({ for: 3, present: 4 }),
      status: 'pending_approval',
      note: '',
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const interview = await db
    .insertInto('eval_interviews')
    .values({
      campaign_id: campaign.id,
      subject_id: subject.id,
      org_id: branchB.id,
      org_path: branchB.path,
      person_id: person.person_id,
      reason: '一般',
      status: 'planned',
      held_on: null,
      notes: null,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const letter = await db
    .insertInto('target_letters')
    .values({
      org_id: branchB.id,
      org_path: branchB.path,
      person_id: person.person_id,
      name: '赵敏',
      year: 2026,
      items: JSON.stringify([{ title: '按时参加组织生活', detail: '' }]),
      status: 'acknowledged',
      acknowledged_at: now,
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const lost = await db
    .insertInto('member_lost_contacts')
    .values({
      org_id: branchB.id,
      org_path: branchB.path,
      person_id: person.person_id,
      since: '2026-01-01',
      searches: '电话、走访均未联系上',
      status: 'lost',
      found_on: null,
      created_by: null,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    letter: letter.id,
    lost: lost.id,
    personB: person.person_id,
    interview: interview.id,
    campaign: campaign.id,
    subject: subject.id,
    box: box.id,
    item: item.id,
    review: review.id,
    entry: entry.id,
    disposition: disposition.id,
  };
}

/** The route-policy test asks for the cases more than once per app: create the objects once. */
const created = new WeakMap<TestApp, ReturnType<typeof townshipBObjects>>();

export const evaluationAuthzCases: AuthzCases = {
  foreignBody: (t) => foreignBody(t),
  unscopedBodyIds: {
    'POST /api/evaluation/campaigns parentCampaignId':
      "the higher level's 述职评议 this one joins: its organisation is an ancestor of the caller's, outside the subtree by design (the service requires the same year and an ancestor organisation)",
    'POST /api/evaluation/campaigns/:id/publish scopeOrgId':
      'the audience of the results may be wider than the caller (an ancestor of its scope) by design; the service allows an ancestor or a descendant of the caller scope and audits any other as authz_denied',
  },
  cases: async (t) => {
    if (!created.has(t)) created.set(t, townshipBObjects(t));
    const b = await created.get(t)!;
    const { townB, branchB } = t.fixture;
    return {
      'POST /api/evaluation/campaigns': {
        url: '/api/evaluation/campaigns',
        body: { orgId: townB.id, year: 2027, title: '越权开展述职评议' },
      },
      'GET /api/evaluation/campaigns/:id': { url: `/api/evaluation/campaigns/${b.campaign}` },
      'GET /api/evaluation/campaigns/:id/linked': { url: `/api/evaluation/campaigns/${b.campaign}/linked` },
      'POST /api/evaluation/campaigns/:id/order': {
        url: `/api/evaluation/campaigns/${b.campaign}/order`,
        body: { subjectIds: [b.subject] },
      },
      'POST /api/evaluation/campaigns/:id/voting': {
        url: `/api/evaluation/campaigns/${b.campaign}/voting`,
        body: { expectedVoters: 5 },
      },
      'POST /api/evaluation/campaigns/:id/publish': {
        url: `/api/evaluation/campaigns/${b.campaign}/publish`,
        body: { scopeOrgId: townB.id },
      },
      'PUT /api/evaluation/subjects/:id/report': {
        url: `/api/evaluation/subjects/${b.subject}/report`,
        body: { reportText: '越权提交', problems: [] },
      },
      'POST /api/evaluation/subjects/:id/attachments': {
        url: `/api/evaluation/subjects/${b.subject}/attachments`,
        body: { fileName: '越权.pdf', mimeType: 'application/pdf', contentBase64: 'JVBERi0xLjQK' },
      },
      'GET /api/evaluation/subjects/:id/attachments/:key': {
        url: `/api/evaluation/subjects/${b.subject}/attachments/${'a'.repeat(64)}`,
      },
      'DELETE /api/evaluation/subjects/:id/attachments/:key': {
        url: `/api/evaluation/subjects/${b.subject}/attachments/${'a'.repeat(64)}`,
      },
      'PUT /api/evaluation/interviews/:id': {
        url: `/api/evaluation/interviews/${b.interview}`,
        body: { heldOn: '2026-11-20', notes: '越权记录' },
      },
      'PUT /api/evaluation/subjects/:id/comment': {
        url: `/api/evaluation/subjects/${b.subject}/comment`,
        body: { text: '越权点评', grade: '差' },
      },
      'GET /api/voting/boxes/:id': { url: `/api/voting/boxes/${b.box}` },
      'POST /api/voting/boxes/:id/close': { url: `/api/voting/boxes/${b.box}/close` },
      'POST /api/voting/boxes/:id/paper': {
        url: `/api/voting/boxes/${b.box}/paper`,
        body: { marks: { [String(b.subject)]: '差' } },
      },
      'GET /api/rectifications': { url: `/api/rectifications?orgId=${townB.id}` },
      'POST /api/rectifications': {
        url: '/api/rectifications',
        body: { orgId: branchB.id, title: '越权整改', deadline: '2027-06-30' },
      },
      'GET /api/rectifications/:id': { url: `/api/rectifications/${b.item}` },
      'POST /api/rectifications/:id/progress': {
        url: `/api/rectifications/${b.item}/progress`,
        body: { note: '越权' },
      },
      'POST /api/rectifications/:id/request-closure': {
        url: `/api/rectifications/${b.item}/request-closure`,
        body: { note: '越权', evidence: '越权' },
      },
      'POST /api/rectifications/:id/review': {
        url: `/api/rectifications/${b.item}/review`,
        body: { approve: true, note: '越权' },
      },
      'GET /api/evaluation/member-reviews': { url: `/api/evaluation/member-reviews?orgId=${branchB.id}` },
      'POST /api/evaluation/member-reviews': {
        url: '/api/evaluation/member-reviews',
        body: { orgId: branchB.id, year: 2027 },
      },
      'GET /api/evaluation/member-reviews/:id': { url: `/api/evaluation/member-reviews/${b.review}` },
      'POST /api/evaluation/member-reviews/:id/stage': {
        url: `/api/evaluation/member-reviews/${b.review}/stage`,
        body: { stage: 'published' },
      },
      'PUT /api/evaluation/member-reviews/:id/self': {
        url: `/api/evaluation/member-reviews/${b.review}/self`,
        body: { text: '越权自评' },
      },
      'POST /api/evaluation/member-reviews/:id/ballot': {
        url: `/api/evaluation/member-reviews/${b.review}/ballot`,
      },
      'PUT /api/evaluation/member-reviews/:id/assessment': {
        url: `/api/evaluation/member-reviews/${b.review}/assessment`,
        body: { grades: [{ personId: 1, grade: '合格' }], decidedBy: '支委会' },
      },
      'POST /api/evaluation/dispositions': {
        url: '/api/evaluation/dispositions',
        body: { entryId: b.entry, kind: '劝其退党', decidedOn: '2026-11-20' },
      },
      'GET /api/evaluation/targets': { url: `/api/evaluation/targets?orgId=${branchB.id}` },
      'POST /api/evaluation/targets': {
        url: '/api/evaluation/targets',
        body: { orgId: branchB.id, year: 2027, personIds: [b.personB], items: [{ title: '越权下达' }] },
      },
      'GET /api/evaluation/targets/:id': { url: `/api/evaluation/targets/${b.letter}` },
      'PUT /api/evaluation/targets/:id/items': {
        url: `/api/evaluation/targets/${b.letter}/items`,
        body: { items: [{ title: '越权修改' }] },
      },
      'POST /api/evaluation/targets/:id/acknowledge': {
        url: `/api/evaluation/targets/${b.letter}/acknowledge`,
      },
      'PUT /api/evaluation/targets/:id/self': {
        url: `/api/evaluation/targets/${b.letter}/self`,
        body: { half: 'H1', score: 100, note: '越权自评' },
      },
      'PUT /api/evaluation/targets/:id/assessment': {
        url: `/api/evaluation/targets/${b.letter}/assessment`,
        body: { half: 'H1', peerScore: 50, orgScore: 50 },
      },
      'GET /api/evaluation/proposals': { url: `/api/evaluation/proposals?orgId=${branchB.id}` },
      'POST /api/evaluation/proposals/decisions': {
        url: '/api/evaluation/proposals/decisions',
        body: {
          orgId: branchB.id,
          personId: b.personB,
          proposal: '停止党籍',
          decision: 'dismissed',
          note: '越权',
        },
      },
      'POST /api/evaluation/lost-contacts': {
        url: '/api/evaluation/lost-contacts',
        body: { orgId: branchB.id, personId: b.personB, since: '2026-01-01', searches: '越权登记' },
      },
      'POST /api/evaluation/lost-contacts/:id/found': {
        url: `/api/evaluation/lost-contacts/${b.lost}/found`,
        body: { foundOn: '2026-11-01' },
      },
      'POST /api/evaluation/dispositions/:id/approve': {
        url: `/api/evaluation/dispositions/${b.disposition}/approve`,
      },
    };
  },
  noSubject: {
    'GET /api/evaluation/campaigns':
      'list filtered to the caller scope and to campaigns published to it (tested in evaluation.api.test.ts)',
    'GET /api/evaluation/my': 'the caller only',
    'GET /api/voting/ballot': 'public: the single-use token is the only credential; no voter is identified',
    'POST /api/voting/ballots': 'public: the single-use token is the only credential; no voter is identified',
  },
};

/** Bodies valid for township A but for one id, which names a township-B object (issue 17). */
async function foreignBody(t: TestApp): Promise<ForeignBodyCase[]> {
  if (!created.has(t)) created.set(t, townshipBObjects(t));
  const b = await created.get(t)!;
  const { townA, townB, branchA, branchB, secretaryA } = t.fixture;
  const db = t.ctx.db;
  const now = t.ctx.now().toISOString();
  const campaignA = await db
    .insertInto('eval_campaigns')
    .values({
      org_id: townA.id,
      org_path: townA.path,
      parent_campaign_id: null,
      year: 2026,
      title: '甲镇述职评议',
      status: 'reporting',
      meeting_on: null,
      weights: JSON.stringify({ vote: 40, indicators: 30, comment: 30 }),
      box_id: null,
      publish_scope_path: null,
      published_at: null,
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const reviewA = await db
    .insertInto('member_reviews')
    .values({
      org_id: branchA.id,
      org_path: branchA.path,
      year: 2026,
      stage: 'assess',
      study_note: '学习',
      box_id: null,
      report_to_upper: 1,
      decided_by: null,
      published_at: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const p = b.personB;
  const grades = (personId: number) => ({ grades: [{ personId, grade: '合格' }], decidedBy: '支委会' });
  const proposal = { proposal: '停止党籍', decision: 'dismissed', note: '已恢复联系' };
  const lost = { since: '2026-01-01', searches: '电话、走访均未联系上' };
  return [
    {
      route: 'POST /api/evaluation/campaigns',
      field: 'orgId',
      url: '/api/evaluation/campaigns',
      body: { orgId: townB.id, year: 2027, title: '述职评议' },
      kind: 'org',
      foreignId: townB.id,
    },
    {
      route: 'POST /api/evaluation/campaigns',
      field: 'orgIds[]',
      url: '/api/evaluation/campaigns',
      body: { orgId: townA.id, year: 2027, title: '述职评议', orgIds: [branchA.id, branchB.id] },
      kind: 'org',
      foreignId: branchB.id,
    },
    {
      route: 'POST /api/evaluation/campaigns/:id/order',
      field: 'subjectIds[]',
      url: `/api/evaluation/campaigns/${campaignA.id}/order`,
      body: { subjectIds: [b.subject] },
      kind: 'campaign_subject',
      foreignId: b.subject,
    },
    // The reproduction: a rectification of branch A owned by township B's member answered 201 with the name.
    {
      route: 'POST /api/rectifications',
      field: 'ownerPersonId',
      url: '/api/rectifications',
      body: { orgId: branchA.id, ownerPersonId: p, title: '整改事项', deadline: '2027-06-30' },
      kind: 'person',
      foreignId: p,
    },
    {
      route: 'POST /api/rectifications',
      field: 'orgId',
      url: '/api/rectifications',
      body: { orgId: branchB.id, ownerPersonId: secretaryA, title: '整改事项', deadline: '2027-06-30' },
      kind: 'org',
      foreignId: branchB.id,
    },
    {
      route: 'POST /api/evaluation/member-reviews',
      field: 'orgId',
      url: '/api/evaluation/member-reviews',
      body: { orgId: branchB.id, year: 2027 },
      kind: 'org',
      foreignId: branchB.id,
    },
    {
      route: 'PUT /api/evaluation/member-reviews/:id/assessment',
      field: 'grades[].personId',
      url: `/api/evaluation/member-reviews/${reviewA.id}/assessment`,
      body: grades(p),
      kind: 'person',
      foreignId: p,
    },
    {
      route: 'POST /api/evaluation/dispositions',
      field: 'entryId',
      url: '/api/evaluation/dispositions',
      body: { entryId: b.entry, kind: '限期改正', decidedOn: '2026-11-20' },
      kind: 'member_review_entry',
      foreignId: b.entry,
    },
    {
      route: 'POST /api/evaluation/targets',
      field: 'orgId',
      url: '/api/evaluation/targets',
      body: { orgId: branchB.id, year: 2027, personIds: [secretaryA], items: [{ title: '按时参加组织生活' }] },
      kind: 'org',
      foreignId: branchB.id,
    },
    {
      route: 'POST /api/evaluation/targets',
      field: 'personIds[]',
      url: '/api/evaluation/targets',
      body: { orgId: branchA.id, year: 2027, personIds: [secretaryA, p], items: [{ title: '按时参加组织生活' }] },
      kind: 'person',
      foreignId: p,
    },
    {
      route: 'POST /api/evaluation/proposals/decisions',
      field: 'orgId',
      url: '/api/evaluation/proposals/decisions',
      body: { ...proposal, orgId: branchB.id, personId: secretaryA },
      kind: 'org',
      foreignId: branchB.id,
    },
    {
      route: 'POST /api/evaluation/proposals/decisions',
      field: 'personId',
      url: '/api/evaluation/proposals/decisions',
      body: { ...proposal, orgId: branchA.id, personId: p },
      kind: 'person',
      foreignId: p,
    },
    {
      route: 'POST /api/evaluation/lost-contacts',
      field: 'orgId',
      url: '/api/evaluation/lost-contacts',
      body: { ...lost, orgId: branchB.id, personId: secretaryA },
      kind: 'org',
      foreignId: branchB.id,
    },
    {
      route: 'POST /api/evaluation/lost-contacts',
      field: 'personId',
      url: '/api/evaluation/lost-contacts',
      body: { ...lost, orgId: branchA.id, personId: p },
      kind: 'person',
      foreignId: p,
    },
  ];
}
