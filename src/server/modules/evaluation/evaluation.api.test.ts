import { expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';
import { campaignReport } from './campaign.service.ts';
import { evaluationAuthzCases } from './evaluation.authz-cases.ts';

describeEachEngine('evaluation API: 述职评议, voting, rectification, 民主评议党员', (use) => {
  let t: TestApp;
  let campaignId = 0;
  let subjects: Array<{ id: number; name: string; orgCode: string }> = [];
  let tokens: string[] = [];
  let boxId = 0;
  const countRows = async () => ({
    campaigns: (await t.ctx.db.selectFrom('eval_campaigns').select('id').execute()).length,
    ballots: (await t.ctx.db.selectFrom('vote_ballots').select('id').execute()).length,
    used: (await t.ctx.db.selectFrom('vote_tokens').select('token_hash').where('used', '=', 1).execute())
      .length,
    rect: (await t.ctx.db.selectFrom('rect_items').select(['id', 'status']).execute()).length,
  });
  const vote = (token: string, marks: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: '/api/voting/ballots', payload: { token, marks } });

  it('refuses anonymous callers (401)', async () => {
    t = await openTestApp(use());
    // A second secretary in township A so the campaign has two people to rate.
    const p = await t.ctx.db
      .selectFrom('persons')
      .select('id')
      .where('name', '=', '王强')
      .executeTakeFirstOrThrow();
    await t.ctx.db
      .insertInto('positions')
      .values({
        person_id: p.id,
        org_id: t.fixture.branchA2.id,
        post: '书记',
        valid_from: '2024-01-01',
        valid_to: null,
        basis: '选举',
        created_at: '2024-01-01T00:00:00Z',
      })
      .execute();
    expect((await t.app.inject({ method: 'GET', url: '/api/evaluation/campaigns' })).statusCode).toBe(401);
  });

  it.each([
    ['weights not adding up to 100', { weights: { vote: 50, indicators: 30, comment: 30 } }, 'weights'],
    ['an unknown field', { status: 'published' }, 'status'],
    ['an empty title', { title: '' }, 'title'],
  ])('refuses %s with a Chinese error naming the field (400), changing nothing', async (_n, extra, field) => {
    const before = await countRows();
    const s = await t.login('admin_a');
    const res = await s.request('POST', '/api/evaluation/campaigns', {
      orgId: t.fixture.townA.id,
      year: 2026,
      title: '甲镇2026年度述职评议',
      ...extra,
    });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields).join()).toContain(field);
    expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await countRows()).toEqual(before);
  });

  it('refuses the other township (403, audited) and changes nothing', async () => {
    const before = await countRows();
    const s = await t.login('admin_b');
    const res = await s.request('POST', '/api/evaluation/campaigns', {
      orgId: t.fixture.townA.id,
      year: 2026,
      title: '越权',
    });
    expect(res.statusCode).toBe(403);
    expect(await countRows()).toEqual(before);
    expect(
      (await t.ctx.db.selectFrom('audit_log').select('seq').where('action', '=', 'authz_denied').execute())
        .length,
    ).toBeGreaterThan(0);
  });

  it('opens a campaign for the current secretaries below, audited', async () => {
    const s = await t.login('admin_a');
    const res = await s.request('POST', '/api/evaluation/campaigns', {
      orgId: t.fixture.townA.id,
      year: 2026,
      title: '甲镇2026年度述职评议',
    });
    expect(res.statusCode).toBe(201);
    campaignId = res.json().data.id;
    expect(res.json().data.subjects).toBe(2);
    const detail = (await s.request('GET', `/api/evaluation/campaigns/${campaignId}`)).json().data;
    subjects = detail.subjects;
    expect(subjects.map((x) => x.name).sort()).toEqual(['李华', '王强']);
    expect(
      await t.ctx.db
        .selectFrom('audit_log')
        .select('seq')
        .where('action', '=', 'evaluation.campaign.create')
        .execute(),
    ).toHaveLength(1);
    const dup = await s.request('POST', '/api/evaluation/campaigns', {
      orgId: t.fixture.townA.id,
      year: 2026,
      title: '重复',
    });
    expect(dup.statusCode).toBe(409);
  });

  it('needs every 述职报告 before voting, then issues one token per participant', async () => {
    const s = await t.login('admin_a');
    expect(
      (
        await s.request('POST', `/api/evaluation/campaigns/${campaignId}/voting`, { expectedVoters: 5 })
      ).json().error.code,
    ).toBe('REPORTS_MISSING');
    for (const x of subjects) {
      const problems = x.name === '王强' ? ['党员发展把关不严', '三会一课记录不全'] : [];
      const res = await s.request('PUT', `/api/evaluation/subjects/${x.id}/report`, {
        reportText: `${x.name}的述职报告`,
        problems,
      });
      expect(res.statusCode).toBe(200);
    }
    const res = await s.request('POST', `/api/evaluation/campaigns/${campaignId}/voting`, {
      expectedVoters: 5,
    });
    expect(res.statusCode).toBe(200);
    tokens = res.json().data.tokens;
    boxId = res.json().data.box.id;
    expect(tokens).toHaveLength(5);
    expect(new Set(tokens).size).toBe(5);
  });

  it('takes anonymous ballots by token and refuses bad ones clearly', async () => {
    const li = subjects.find((x) => x.name === '李华')!.id;
    const wang = subjects.find((x) => x.name === '王强')!.id;
    const grades = [
      ['好', '一般'],
      ['好', '一般'],
      ['较好', '一般'],
      ['好', '差'],
      ['好', '较好'],
    ];
    for (const [i, [a, b]] of grades.entries()) {
      const res = await vote(tokens[i]!, { [li]: a!, [wang]: b! });
      expect(res.statusCode, res.body).toBe(200);
    }
    const before = await countRows();
    const cases: Array<[string, number, string]> = [];
    const again = await vote(tokens[0]!, { [li]: '差' });
    cases.push(['second vote', again.statusCode, again.json().error.code]);
    const outsider = await vote('x'.repeat(32), { [li]: '好' });
    cases.push(['unknown token', outsider.statusCode, outsider.json().error.code]);
    expect(cases).toEqual([
      ['second vote', 409, 'TOKEN_USED'],
      ['unknown token', 404, 'TOKEN_UNKNOWN'],
    ]);
    expect(await countRows()).toEqual(before);
  });

  it('anonymity: nothing stored links a ballot to a token or a voter', async () => {
    const ballots = await t.ctx.db
      .selectFrom('vote_ballots')
      .selectAll()
      .where('box_id', '=', boxId)
      .execute();
    expect(ballots).toHaveLength(5);
    for (const b of ballots) {
      expect(Object.keys(b).sort()).toEqual(['box_id', 'id', 'marks', 'paper', 'voter_person_id']);
      expect(b.voter_person_id).toBeNull();
      expect(b.id).toMatch(/^[0-9a-f]{32}$/);
    }
    const tokenRows = await t.ctx.db
      .selectFrom('vote_tokens')
      .selectAll()
      .where('box_id', '=', boxId)
      .execute();
    expect(Object.keys(tokenRows[0]!).sort()).toEqual(['box_id', 'token_hash', 'used']);
    const dump = JSON.stringify(
      await t.ctx.db
        .selectFrom('audit_log')
        .select(['detail', 'object_id', 'actor_user_id'])
        .where('action', '=', 'vote.cast')
        .execute(),
    );
    for (const b of ballots) expect(dump).not.toContain(b.id);
    for (const tk of tokens) expect(dump).not.toContain(tk);
    expect(dump).not.toMatch(/"actor_user_id":\d/);
  });

  it('refuses a vote after closing and a grade or person outside the scheme', async () => {
    const s = await t.login('admin_a');
    const wang = subjects.find((x) => x.name === '王强')!.id;
    expect(
      (await s.request('POST', `/api/voting/boxes/${boxId}/paper`, { marks: { [wang]: '优秀' } })).json()
        .error.code,
    ).toBe('BALLOT_GRADE_INVALID');
    expect(
      (await s.request('POST', `/api/voting/boxes/${boxId}/paper`, { marks: { '999999': '好' } })).json()
        .error.code,
    ).toBe('BALLOT_SUBJECT_UNKNOWN');
    expect((await s.request('POST', `/api/voting/boxes/${boxId}/close`)).statusCode).toBe(200);
    const late = await vote(tokens[4]!, { [wang]: '好' });
    expect([late.statusCode, late.json().error.code]).toEqual([409, 'TOKEN_USED']);
    const s2 = await s.request('GET', `/api/voting/boxes/${boxId}`);
    expect(s2.json().data).toMatchObject({ cast: 5, expected: 5, turnoutPercent: 100, quorumMet: true });
    const w = s2.json().data.subjects.find((x: { key: string }) => x.key === String(wang));
    expect(w.counts).toEqual({ 好: 0, 较好: 1, 一般: 3, 差: 1 });
    expect(w.percents).toEqual({ 好: 0, 较好: 20, 一般: 60, 差: 20 });
  });

  it('publishes after 点评: composite score, 等次, 约谈 and rectification items for 一般', async () => {
    const s = await t.login('admin_a');
    expect(
      (
        await s.request('POST', `/api/evaluation/campaigns/${campaignId}/publish`, {
          scopeOrgId: t.fixture.townA.id,
        })
      ).json().error.code,
    ).toBe('COMMENTS_MISSING');
    for (const x of subjects) {
      const res = await s.request('PUT', `/api/evaluation/subjects/${x.id}/comment`, {
        text: `${x.name}点评意见`,
        grade: x.name === '王强' ? '一般' : '好',
      });
      expect(res.statusCode).toBe(200);
    }
    const res = await s.request('POST', `/api/evaluation/campaigns/${campaignId}/publish`, {
      scopeOrgId: t.fixture.townA.id,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().data.rectifications).toBe(2);
    const report = (await campaignReport(t.ctx, campaignId))!;
    expect(Object.keys(report).sort()).toEqual(['campaign', 'people', 'rectifications']);
    const wang = report.people.find((p) => p.name === '王强')!;
    expect(wang).toMatchObject({ orgCode: 'TA-2', tally: { 好: 0, 较好: 1, 一般: 3, 差: 1 }, grade: '一般' });
    // vote (85+70*3+50)/5 = 69, comment 一般 = 70, no indicator (a branch has nothing below): (69*50 + 70*30)/80
    expect(wang.score).toBe(69.4);
    expect(report.people.find((p) => p.name === '李华')!.grade).toBe('好');
    expect(report.rectifications).toBe(2);
    const interviews = await t.ctx.db.selectFrom('eval_interviews').selectAll().execute();
    expect(interviews).toHaveLength(1);
    const future = await s.request('PUT', `/api/evaluation/interviews/${interviews[0]!.id}`, {
      heldOn: '2026-12-01',
      notes: '约谈',
    });
    expect(future.json().error.fields).toHaveProperty('heldOn');
    const held = await s.request('PUT', `/api/evaluation/interviews/${interviews[0]!.id}`, {
      heldOn: '2026-11-23',
      notes: '指出问题，提出整改要求',
    });
    expect(held.json().data).toMatchObject({ status: 'held', heldOn: '2026-11-23' });
    expect((await campaignReport(t.ctx, 'latest'))!.campaign.id).toBe(campaignId);
  });

  it('moves a rectification item: progress → closure with evidence → reviewed by the upper level', async () => {
    const s = await t.login('admin_a');
    const list = (await s.request('GET', `/api/rectifications?orgId=${t.fixture.townA.id}`)).json().data;
    expect(list.summary).toMatchObject({ total: 2, open: 2 });
    const id = list.items[0].id as number;
    expect(
      (await s.request('POST', `/api/rectifications/${id}/progress`, { note: '已补齐记录' })).statusCode,
    ).toBe(200);
    const noEvidence = await s.request('POST', `/api/rectifications/${id}/request-closure`, {
      note: '完成',
      evidence: '',
    });
    expect(noEvidence.statusCode).toBe(400);
    expect(noEvidence.json().error.fields).toHaveProperty('evidence');
    expect(
      (
        await s.request('POST', `/api/rectifications/${id}/request-closure`, {
          note: '完成',
          evidence: '会议记录扫描件',
        })
      ).statusCode,
    ).toBe(200);
    const review = await s.request('POST', `/api/rectifications/${id}/review`, {
      approve: false,
      note: '佐证不足',
    });
    expect(review.json().data.status).toBe('open');
    await s.request('POST', `/api/rectifications/${id}/request-closure`, {
      note: '再次完成',
      evidence: '补充材料',
    });
    const approved = await s.request('POST', `/api/rectifications/${id}/review`, {
      approve: true,
      note: '同意销号',
    });
    expect(approved.json().data.status).toBe('closed');
    const detail = (await s.request('GET', `/api/rectifications/${id}`)).json().data;
    expect(detail.progress.map((p: { kind: string }) => p.kind)).toEqual([
      'progress',
      'request_closure',
      'reject',
      'request_closure',
      'approve',
    ]);
    expect(
      (
        await t.ctx.db
          .selectFrom('audit_log')
          .select('seq')
          .where('action', 'like', 'rectification.%')
          .execute()
      ).length,
    ).toBe(2 + 5);
    t.setNow('2027-06-01T02:00:00.000Z');
    const later = await t.login('admin_a');
    const overdue = (await later.request('GET', '/api/rectifications?overdue=1')).json().data;
    expect(overdue.items).toHaveLength(1);
    expect(overdue.summary.overdue).toBe(1);
    t.setNow('2026-11-23T02:00:00.000Z');
  });

  // 民主评议党员 (same app: branch TA-1, worker_a, member_a)
  let reviewId = 0;
  it('runs study → self → anonymous vote → assessment (优秀 capped) → publication → 处置', async () => {
    const w = await t.login('worker_a');
    const created = await w.request('POST', '/api/evaluation/member-reviews', {
      orgId: t.fixture.branchA.id,
      year: 2026,
    });
    expect(created.statusCode).toBe(201);
    reviewId = created.json().data.id;
    expect(
      (await w.request('POST', `/api/evaluation/member-reviews/${reviewId}/stage`, { stage: 'vote' })).json()
        .error.code,
    ).toBe('STAGE_ORDER');
    expect(
      (await w.request('POST', `/api/evaluation/member-reviews/${reviewId}/stage`, { stage: 'self' })).json()
        .error.fields,
    ).toHaveProperty('studyNote');
    expect(
      (
        await w.request('POST', `/api/evaluation/member-reviews/${reviewId}/stage`, {
          stage: 'self',
          studyNote: '集中学习党章党规',
        })
      ).statusCode,
    ).toBe(200);

    const m = await t.login('member_a');
    expect(
      (
        await m.request('PUT', `/api/evaluation/member-reviews/${reviewId}/self`, {
          text: '本人一年来的表现',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await w.request('POST', `/api/evaluation/member-reviews/${reviewId}/stage`, { stage: 'vote' }))
        .statusCode,
    ).toBe(200);
    const ballot = await m.request('POST', `/api/evaluation/member-reviews/${reviewId}/ballot`);
    expect(ballot.statusCode).toBe(200);
    expect(
      (await m.request('POST', `/api/evaluation/member-reviews/${reviewId}/ballot`)).json().error.code,
    ).toBe('ALREADY_TOOK_BALLOT');
    const entries = (await w.request('GET', `/api/evaluation/member-reviews/${reviewId}`)).json().data
      .entries as Array<{ personId: number; name: string; id: number }>;
    const marks = Object.fromEntries(entries.map((e) => [String(e.personId), '合格']));
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/voting/ballots',
          payload: { token: ballot.json().data.token, marks },
        })
      ).statusCode,
    ).toBe(200);
    // The participant row says 张明 took a ballot; no column of it or of the ballot links the two.
    const participants = await t.ctx.db.selectFrom('vote_participants').selectAll().execute();
    expect(Object.keys(participants[0]!).sort()).toEqual(['box_id', 'person_id']);
    const stored = await t.ctx.db.selectFrom('vote_ballots').selectAll().execute();
    expect(stored.every((b) => b.voter_person_id === null)).toBe(true);

    expect(
      (await w.request('POST', `/api/evaluation/member-reviews/${reviewId}/stage`, { stage: 'assess' }))
        .statusCode,
    ).toBe(200);
    const late = await t.app.inject({
      method: 'POST',
      url: '/api/voting/ballots',
      payload: { token: 'y'.repeat(32), marks },
    });
    expect(late.statusCode).toBe(404);
    const [a, b, c] = entries;
    const over = await w.request('PUT', `/api/evaluation/member-reviews/${reviewId}/assessment`, {
      decidedBy: '支委会',
      grades: [
        { personId: a!.personId, grade: '优秀' },
        { personId: b!.personId, grade: '优秀' },
        { personId: c!.personId, grade: '合格' },
      ],
    });
    expect([over.statusCode, over.json().error.code]).toEqual([400, 'EXCELLENT_OVER_CAP']);
    const noReason = await w.request('PUT', `/api/evaluation/member-reviews/${reviewId}/assessment`, {
      decidedBy: '支委会',
      grades: [{ personId: c!.personId, grade: '不合格' }],
    });
    expect(noReason.json().error.code).toBe('REASON_REQUIRED');
    const okRes = await w.request('PUT', `/api/evaluation/member-reviews/${reviewId}/assessment`, {
      decidedBy: '党员大会',
      grades: [
        { personId: a!.personId, grade: '优秀' },
        { personId: b!.personId, grade: '合格' },
        { personId: c!.personId, grade: '不合格', reason: '长期不参加组织生活' },
      ],
    });
    expect(okRes.statusCode).toBe(200);
    expect(
      (await w.request('POST', `/api/evaluation/member-reviews/${reviewId}/stage`, { stage: 'published' }))
        .statusCode,
    ).toBe(200);

    const tooLong = await w.request('POST', '/api/evaluation/dispositions', {
      entryId: c!.id,
      kind: '限期改正',
      decidedOn: '2026-11-23',
      months: 13,
    });
    expect([tooLong.statusCode, Object.keys(tooLong.json().error.fields ?? {})]).toEqual([400, ['months']]);
    const notUnqualified = await w.request('POST', '/api/evaluation/dispositions', {
      entryId: a!.id,
      kind: '限期改正',
      decidedOn: '2026-11-23',
    });
    expect(notUnqualified.statusCode).toBe(409);
    const d = await w.request('POST', '/api/evaluation/dispositions', {
      entryId: c!.id,
      kind: '限期改正',
      decidedOn: '2026-11-23',
      months: 6,
    });
    expect(d.statusCode).toBe(201);
    expect(d.json().data).toMatchObject({ correctUntil: '2027-05-23', status: 'in_effect' });
    const town = await t.login('admin_a');
    const list = (
      await town.request('GET', `/api/evaluation/member-reviews?orgId=${t.fixture.townA.id}`)
    ).json().data;
    expect(list[0].grades).toEqual({ 优秀: 1, 合格: 1, 基本合格: 0, 不合格: 1 });
    const my = (await m.request('GET', '/api/evaluation/my')).json().data;
    expect(my.reviews[0]).toMatchObject({ stage: 'published', ballotTaken: true });
  });

  it('refuses admin_a every township-B evaluation object (403/404, one authz_denied row each)', async () => {
    const cases = await evaluationAuthzCases.cases(t);
    expect(await evaluationAuthzCases.cases(t)).toEqual(cases); // idempotent: the shared test asks twice
    const a = await t.login('admin_a');
    const denied = async () =>
      (await t.ctx.db.selectFrom('audit_log').select('seq').where('action', '=', 'authz_denied').execute())
        .length;
    for (const [key, c] of Object.entries(cases)) {
      const before = await denied();
      const res = await a.request(key.split(' ')[0] as 'GET' | 'POST' | 'PUT', c.url, c.body);
      expect([403, 404], `${key} ${res.body}`).toContain(res.statusCode);
      expect(await denied(), key).toBe(before + 1);
    }
  });
});
