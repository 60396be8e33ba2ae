// Cross-subtree cases for the org-life module's routes (issue 5); test/route-policy.test.ts runs them.
import type { AuthzCases, ForeignBodyCase } from '../../../../test/authz-types.ts';
import type { TestApp } from '../../../../test/api-harness.ts';

export const org_lifeAuthzCases: AuthzCases = {
  foreignBody: (t) => foreignBody(t),
  cases: async (t) => {
    const { branchB, townB } = t.fixture;
    const now = t.ctx.now().toISOString();
    const meeting = await t.ctx.db
      .insertInto('life_meetings')
      .values({
        org_id: branchB.id,
        org_path: branchB.path,
        type: '主题党日',
        title: '乙镇南村主题党日',
        held_on: '2026-11-20',
        start_time: null,
        place: null,
        status: 'scheduled',
        series_id: null,
        agenda: null,
        minutes: null,
        resolutions: null,
        speaker: null,
        topic: null,
        minutes_chars: 0,
        recorded_on: null,
        expected_count: 0,
        present_count: 0,
        leave_count: 0,
        absent_count: 0,
        excluded_count: 0,
        created_by: null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const attachment = await t.ctx.db
      .insertInto('life_attachments')
      .values({
        meeting_id: meeting.id,
        org_path: branchB.path,
        file_name: '签到表.pdf',
        mime_type: 'application/pdf',
        size_bytes: 10,
        sha256: 'a'.repeat(64),
        storage_key: 'a'.repeat(64),
        created_by: null,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const series = await t.ctx.db
      .insertInto('life_series')
      .values({
        issuer_org_id: townB.id,
        org_path: townB.path,
        type: '主题党日',
        theme: '乙镇主题党日',
        materials: null,
        held_on: '2026-11-25',
        deadline: '2026-11-30',
        created_by: null,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.ctx.db
      .insertInto('life_plans')
      .values({
        org_id: branchB.id,
        org_path: branchB.path,
        year: 2026,
        status: 'submitted',
        submitted_at: now,
        acknowledged_at: null,
        acknowledged_by: null,
        created_by: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const m = meeting.id;
    return {
      'POST /api/org-life/meetings': {
        url: '/api/org-life/meetings',
        body: { orgId: branchB.id, type: '主题党日', title: '越权安排', heldOn: '2026-11-30' },
      },
      'GET /api/org-life/orgs/:id/meetings': {
        url: `/api/org-life/orgs/${branchB.id}/meetings?from=2026-01-01&to=2027-01-01`,
      },
      'GET /api/org-life/meetings/:id': { url: `/api/org-life/meetings/${m}` },
      'PUT /api/org-life/meetings/:id/record': {
        url: `/api/org-life/meetings/${m}/record`,
        body: { minutes: '越权录入的会议记录' },
      },
      'POST /api/org-life/meetings/:id/cancel': {
        url: `/api/org-life/meetings/${m}/cancel`,
        body: { reason: '越权取消' },
      },
      'POST /api/org-life/meetings/:id/attendance': {
        url: `/api/org-life/meetings/${m}/attendance`,
        body: { personId: 1, status: '缺席' },
      },
      'POST /api/org-life/meetings/:id/sign-in-code': { url: `/api/org-life/meetings/${m}/sign-in-code` },
      'GET /api/org-life/meetings/:id/sign-in': { url: `/api/org-life/meetings/${m}/sign-in` },
      'POST /api/org-life/meetings/:id/sign-in': {
        url: `/api/org-life/meetings/${m}/sign-in`,
        body: { token: 'forged-token-value' },
      },
      'POST /api/org-life/meetings/:id/attachments': {
        url: `/api/org-life/meetings/${m}/attachments`,
        body: {
          fileName: 'x.pdf',
          mimeType: 'application/pdf',
          contentBase64: Buffer.from('%PDF-1.4').toString('base64'),
        },
      },
      'GET /api/org-life/attachments/:id': { url: `/api/org-life/attachments/${attachment.id}` },
      'GET /api/org-life/orgs/:id/compliance': { url: `/api/org-life/orgs/${townB.id}/compliance?year=2026` },
      'GET /api/org-life/orgs/:id/heatmap': { url: `/api/org-life/orgs/${townB.id}/heatmap?year=2026` },
      'GET /api/org-life/orgs/:id/summary': { url: `/api/org-life/orgs/${townB.id}/summary?year=2026` },
      'POST /api/org-life/series': {
        url: '/api/org-life/series',
        body: {
          issuerOrgId: townB.id,
          type: '主题党日',
          theme: '越权下发',
          heldOn: '2026-11-30',
          deadline: '2026-12-10',
          orgIds: [branchB.id],
        },
      },
      'GET /api/org-life/orgs/:id/series': { url: `/api/org-life/orgs/${townB.id}/series?year=2026` },
      'GET /api/org-life/series/:id': { url: `/api/org-life/series/${series.id}` },
      'POST /api/org-life/talks': {
        url: '/api/org-life/talks',
        body: {
          orgId: branchB.id,
          talkerPersonId: 1,
          talkeePersonId: 2,
          heldOn: '2026-11-20',
          topic: '越权登记',
        },
      },
      'GET /api/org-life/orgs/:id/talks': { url: `/api/org-life/orgs/${branchB.id}/talks?year=2026` },
      'GET /api/org-life/orgs/:id/plans/:year': { url: `/api/org-life/orgs/${branchB.id}/plans/2026` },
      'PUT /api/org-life/orgs/:id/plans/:year': {
        url: `/api/org-life/orgs/${branchB.id}/plans/2027`,
        body: { items: [{ period: '2027-01', type: '主题党日', theme: '越权制定的计划' }] },
      },
      'POST /api/org-life/orgs/:id/plans/:year/submit': {
        url: `/api/org-life/orgs/${branchB.id}/plans/2026/submit`,
      },
      'POST /api/org-life/orgs/:id/plans/:year/acknowledge': {
        url: `/api/org-life/orgs/${branchB.id}/plans/2026/acknowledge`,
      },
      'GET /api/org-life/orgs/:id/plan-overview': {
        url: `/api/org-life/orgs/${townB.id}/plan-overview?year=2026`,
      },
      'GET /api/org-life/orgs/:id/talk-coverage': {
        url: `/api/org-life/orgs/${townB.id}/talk-coverage?year=2026`,
      },
    };
  },
  noSubject: {
    'GET /api/org-life/notifications': "the caller's own notifications only (by the account's person)",
    'POST /api/org-life/notifications/:id/read':
      "updates only the caller's own notification; any other id is 404",
  },
};

/** Bodies valid for township A but for one id, which names township B's member or organisation (issue 17). */
async function foreignBody(t: TestApp): Promise<ForeignBodyCase[]> {
  const { townA, townB, branchA, branchB, secretaryA } = t.fixture;
  const now = t.ctx.now().toISOString();
  const db = t.ctx.db;
  const personOf = async (orgId: number) =>
    (
      await db
        .selectFrom('memberships')
        .select('person_id')
        .where('org_id', '=', orgId)
        .where('valid_to', 'is', null)
        .where('person_id', '!=', secretaryA)
        .orderBy('person_id')
        .executeTakeFirstOrThrow()
    ).person_id;
  const personA = await personOf(branchA.id);
  const personB = await personOf(branchB.id);
  const meetingA = await db
    .insertInto('life_meetings')
    .values({
      org_id: branchA.id,
      org_path: branchA.path,
      type: '主题党日',
      title: '甲镇东村主题党日',
      held_on: '2026-11-20',
      start_time: null,
      place: null,
      status: 'scheduled',
      series_id: null,
      agenda: null,
      minutes: null,
      resolutions: null,
      speaker: null,
      topic: null,
      minutes_chars: 0,
      recorded_on: null,
      expected_count: 0,
      present_count: 0,
      leave_count: 0,
      absent_count: 0,
      excluded_count: 0,
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const series = { type: '主题党日', theme: '学习贯彻', heldOn: '2026-11-30', deadline: '2026-12-10' };
  const talk = { heldOn: '2026-11-20', topic: '谈心谈话' };
  return [
    {
      route: 'POST /api/org-life/meetings',
      field: 'orgId',
      url: '/api/org-life/meetings',
      body: { orgId: branchB.id, type: '主题党日', title: '主题党日活动', heldOn: '2026-11-30' },
      kind: 'org',
      foreignId: branchB.id,
    },
    {
      route: 'POST /api/org-life/meetings/:id/attendance',
      field: 'personId',
      url: `/api/org-life/meetings/${meetingA.id}/attendance`,
      body: { personId: personB, status: '请假', reason: '外出' },
      kind: 'person',
      foreignId: personB,
    },
    {
      route: 'POST /api/org-life/series',
      field: 'issuerOrgId',
      url: '/api/org-life/series',
      body: { ...series, issuerOrgId: townB.id, orgIds: [branchA.id] },
      kind: 'org',
      foreignId: townB.id,
    },
    {
      route: 'POST /api/org-life/series',
      field: 'orgIds[]',
      url: '/api/org-life/series',
      body: { ...series, issuerOrgId: townA.id, orgIds: [branchA.id, branchB.id] },
      kind: 'org',
      foreignId: branchB.id,
    },
    {
      route: 'POST /api/org-life/talks',
      field: 'orgId',
      url: '/api/org-life/talks',
      body: { ...talk, orgId: branchB.id, talkerPersonId: secretaryA, talkeePersonId: personA },
      kind: 'org',
      foreignId: branchB.id,
    },
    {
      route: 'POST /api/org-life/talks',
      field: 'talkerPersonId',
      url: '/api/org-life/talks',
      body: { ...talk, orgId: branchA.id, talkerPersonId: personB, talkeePersonId: personA },
      kind: 'person',
      foreignId: personB,
    },
    {
      route: 'POST /api/org-life/talks',
      field: 'talkeePersonId',
      url: '/api/org-life/talks',
      body: { ...talk, orgId: branchA.id, talkerPersonId: secretaryA, talkeePersonId: personB },
      kind: 'person',
      foreignId: personB,
    },
  ];
}
