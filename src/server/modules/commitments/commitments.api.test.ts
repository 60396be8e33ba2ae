import { expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';
import { commitmentsReport } from './commitments.service.ts';

describeEachEngine('commitments API: 承诺 → 践诺 → 评诺, leader reviews, public board', (use) => {
  let t: TestApp;
  let id = 0;
  let memberCommitment = 0;
  let zhangMing = 0;
  let liHua = 0;
  let wangQiang = 0;
  const count = async () => ({
    commitments: await t.ctx.db
      .selectFrom('cm_commitments')
      .select(['id', 'status', 'leader_grade'])
      .execute(),
    reviews: (await t.ctx.db.selectFrom('cm_reviews').select('id').execute()).length,
    rect: (await t.ctx.db.selectFrom('rect_items').select('id').execute()).length,
  });
  const auditCount = async (action: string) =>
    (await t.ctx.db.selectFrom('audit_log').select('seq').where('action', '=', action).execute()).length;
  const person = async (name: string) =>
    (await t.ctx.db.selectFrom('persons').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const body = (extra: Record<string, unknown> = {}) => ({
    orgId: t.fixture.branchA.id,
    committerKind: 'org',
    type: '年度承诺',
    year: 2026,
    title: '年内硬化东村村道两公里',
    content: '筹措资金，年底前完成东村主干道硬化，公开账目。',
    dueOn: '2026-12-31',
    ...extra,
  });

  it('refuses anonymous callers (401)', async () => {
    t = await openTestApp(use());
    zhangMing = await person('张明');
    liHua = await person('李华');
    wangQiang = await person('王强');
    // 张明 sits on the township-A 党委 leadership team (委员) from 2024.
    await t.ctx.db
      .insertInto('positions')
      .values({
        person_id: zhangMing,
        org_id: t.fixture.townA.id,
        post: '委员',
        valid_from: '2024-01-01',
        valid_to: null,
        basis: '选举',
        created_at: '2024-01-01T00:00:00Z',
      })
      .execute();
    expect((await t.app.inject({ method: 'GET', url: '/api/commitments' })).statusCode).toBe(401);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/commitments', payload: body() })).statusCode,
    ).toBe(401);
  });

  it.each([
    ['an unknown type', { type: '临时承诺' }, 'type'],
    ['an empty title', { title: '' }, 'title'],
    ['a malformed due date', { dueOn: '2026-13-01' }, 'dueOn'],
    ['a member commitment without the member', { committerKind: 'member' }, 'personId'],
  ])('refuses %s with a Chinese error naming the field (400), changing nothing', async (_n, extra, field) => {
    const before = await count();
    const s = await t.login('admin_a');
    const res = await s.request('POST', '/api/commitments', body(extra));
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields as object)).toContain(field);
    expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await count()).toEqual(before);
  });

  it('refuses the other township (403, audited) and changes nothing', async () => {
    const before = await count();
    const denials = await auditCount('authz_denied');
    const s = await t.login('admin_b');
    const res = await s.request('POST', '/api/commitments', body());
    expect(res.statusCode).toBe(403);
    expect(await count()).toEqual(before);
    expect(await auditCount('authz_denied')).toBe(denials + 1);
  });

  it('drafts a commitment and opens the opinion period (audited)', async () => {
    const s = await t.login('admin_a');
    const res = await s.request('POST', '/api/commitments', body());
    expect(res.statusCode).toBe(201);
    id = res.json().data.id;
    expect(res.json().data).toMatchObject({
      status: 'draft',
      committerName: '甲镇东村党支部',
      type: '年度承诺',
    });
    expect(await auditCount('commitment.create')).toBe(1);
    expect((await s.request('POST', `/api/commitments/${id}/publish`)).json().error.code).toBe(
      'OPINION_REQUIRED',
    );
    const past = await s.request('POST', `/api/commitments/${id}/open-opinion`, { endsOn: '2026-11-22' });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.fields).toHaveProperty('endsOn');
    const open = await s.request('POST', `/api/commitments/${id}/open-opinion`, { endsOn: '2026-11-25' });
    expect(open.statusCode).toBe(200);
    expect(open.json().data).toMatchObject({ status: 'opinion', opinionEndsOn: '2026-11-25' });
  });

  it('collects a public opinion without login; publishing before the period ends is refused', async () => {
    const page = await t.app.inject({ method: 'GET', url: `/api/public/commitments/${id}` });
    expect(page.statusCode).toBe(200);
    expect(page.json().data).toMatchObject({ acceptingOpinions: true, opinionEndsOn: '2026-11-25' });
    const empty = await t.app.inject({
      method: 'POST',
      url: `/api/public/commitments/${id}/opinions`,
      payload: { content: ' ' },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.fields).toHaveProperty('content');
    const sent = await t.app.inject({
      method: 'POST',
      url: `/api/public/commitments/${id}/opinions`,
      payload: { content: '建议同时安装路灯', contact: '村民老陈' },
    });
    expect(sent.statusCode).toBe(201);
    const s = await t.login('admin_a');
    const early = await s.request('POST', `/api/commitments/${id}/publish`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({ code: 'OPINION_PERIOD_OPEN' });
    expect(early.json().error.message).toContain('2026-11-25');
    expect((await count()).commitments.find((c) => c.id === id)!.status).toBe('opinion');
    // not on the public board while unpublished
    const board = await t.app.inject({ method: 'GET', url: '/api/public/commitments?org=TA' });
    expect(board.json().data.items).toEqual([]);
  });

  it('publishes after the period, records the opinion handling and 践诺 progress', async () => {
    t.setNow('2026-11-26T02:00:00.000Z');
    const late = await t.app.inject({
      method: 'POST',
      url: `/api/public/commitments/${id}/opinions`,
      payload: { content: '迟到的意见' },
    });
    expect(late.statusCode).toBe(409);
    const s = await t.login('admin_a');
    const pub = await s.request('POST', `/api/commitments/${id}/publish`);
    expect(pub.statusCode).toBe(200);
    expect(pub.json().data).toMatchObject({ status: 'published', publishedOn: '2026-11-26' });
    const detail = (await s.request('GET', `/api/commitments/${id}`)).json().data;
    expect(detail.opinions).toHaveLength(1);
    const handled = await s.request(
      'POST',
      `/api/commitments/${id}/opinions/${detail.opinions[0].id}/handle`,
      { handling: '采纳，路灯纳入同一工程' },
    );
    expect(handled.statusCode).toBe(200);
    const w = await t.login('worker_a');
    const prog = await w.request('POST', `/api/commitments/${id}/progress`, {
      note: '完成一公里路基',
      evidence: ['照片：路基施工.jpg'],
    });
    expect(prog.statusCode).toBe(201);
    expect(prog.json().data.commitment.status).toBe('in_progress');
    expect(await auditCount('commitment.progress')).toBe(1);
  });

  it('the public board shows only published public items with name and organisation, never personal data', async () => {
    const s = await t.login('admin_a');
    // a published item not marked public, and a member's draft: both stay off the board
    const hidden = (
      await s.request('POST', '/api/commitments', body({ title: '内部承诺', isPublic: false }))
    ).json().data.id;
    await t.ctx.db
      .updateTable('cm_commitments')
      .set({ status: 'published', published_on: '2026-11-26' })
      .where('id', '=', hidden)
      .execute();
    const m = await s.request(
      'POST',
      '/api/commitments',
      body({ committerKind: 'member', personId: wangQiang, title: '带头参加义务劳动' }),
    );
    expect(m.statusCode).toBe(201);
    memberCommitment = m.json().data.id;
    const board = await t.app.inject({ method: 'GET', url: '/api/public/commitments?org=TA' });
    expect(board.statusCode).toBe(200);
    const items = board.json().data.items as Array<Record<string, unknown>>;
    expect(items.map((i) => i.id)).toEqual([id]);
    expect(items[0]).toMatchObject({ committerName: '甲镇东村党支部', orgName: '甲镇东村党支部' });
    const text = board.body;
    expect(text).not.toMatch(/personId|idNumber|id_number|phone|person_id/);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/public/commitments/${memberCommitment}` })).statusCode,
    ).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/public/commitments?org=NOPE' })).statusCode).toBe(
      404,
    );
  });

  it('refuses a review by someone not mapped as reviewer, then accepts the township leader with one rectification', async () => {
    const s = await t.login('admin_a');
    const before = await count();
    // the branch secretary does not review her own branch's organisational commitment
    const wrong = await s.request('POST', `/api/commitments/${id}/reviews`, {
      reviewerPersonId: liHua,
      text: '自我点评',
      grade: '好',
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error).toMatchObject({ code: 'NOT_REVIEWER' });
    expect(wrong.json().error.fields).toHaveProperty('reviewerPersonId');
    // a 党委 委员 who is not linked to the branch (联系点) is not mapped either
    const unlinked = await s.request('POST', `/api/commitments/${id}/reviews`, {
      reviewerPersonId: zhangMing,
      text: '未设联系点的点评',
      grade: '好',
    });
    expect(unlinked.statusCode).toBe(403);
    expect(unlinked.json().error).toMatchObject({ code: 'NOT_REVIEWER' });
    expect(await count()).toEqual(before);
    // 联系点: refusals first, then the link from 张明 to branch A
    const link = (body: Record<string, unknown>) =>
      s.request('POST', '/api/commitments/liaisons', {
        committeeOrgId: t.fixture.townA.id,
        personId: zhangMing,
        orgId: t.fixture.branchA.id,
        ...body,
      });
    expect((await link({ personId: wangQiang })).json().error.code).toBe('LIAISON_NOT_LEADER');
    // township B's branch: refused by the body-refs check before the rule is asked
    expect((await link({ orgId: t.fixture.branchB.id })).json().error.code).toBe('FORBIDDEN');
    expect((await link({ committeeOrgId: t.fixture.branchA.id })).json().error.code).toBe(
      'LIAISON_COMMITTEE_KIND',
    );
    const made = await link({});
    expect(made.statusCode).toBe(201);
    expect(made.json().data).toMatchObject({ personName: '张明', orgName: '甲镇东村党支部', active: true });
    expect((await link({})).statusCode).toBe(409);
    expect(await auditCount('commitment.liaison.create')).toBe(1);
    const listed = await (await t.login('worker_a')).request('GET', '/api/commitments/liaisons');
    expect(listed.json().data.map((l: { personName: string }) => l.personName)).toEqual(['张明']);
    const ok = await s.request('POST', `/api/commitments/${id}/reviews`, {
      reviewerPersonId: zhangMing,
      text: '进度较快，但账目公开不够及时。',
      grade: '较好',
      rectifications: [{ title: '按月公开工程账目', deadline: '2027-01-31' }],
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().data.rectificationIds).toHaveLength(1);
    const after = await count();
    expect(after.reviews).toBe(before.reviews + 1);
    expect(after.rect).toBe(before.rect + 1);
    const rect = await t.ctx.db
      .selectFrom('rect_items')
      .selectAll()
      .where('id', '=', ok.json().data.rectificationIds[0])
      .executeTakeFirstOrThrow();
    expect(rect).toMatchObject({
      source_type: 'commitments.review',
      source_id: id,
      org_id: t.fixture.branchA.id,
    });
    expect(await auditCount('commitment.review')).toBe(1);
    expect(await auditCount('rectification.create')).toBeGreaterThanOrEqual(1);
  });

  it('a member commitment is reviewed by the branch secretary, not by a township leader', async () => {
    await t.ctx.db
      .updateTable('cm_commitments')
      .set({ status: 'published', published_on: '2026-11-26', opinion_ends_on: '2026-11-25' })
      .where('id', '=', memberCommitment)
      .execute();
    const s = await t.login('admin_a');
    const wrong = await s.request('POST', `/api/commitments/${memberCommitment}/reviews`, {
      reviewerPersonId: zhangMing,
      text: '点评',
      grade: '好',
    });
    expect(wrong.statusCode).toBe(403);
    const ok = await s.request('POST', `/api/commitments/${memberCommitment}/reviews`, {
      reviewerPersonId: liHua,
      text: '带头作用明显',
      grade: '好',
    });
    expect(ok.statusCode).toBe(201);
  });

  it.each([
    ['2027-05-25T02:00:00.000Z', false],
    ['2027-05-26T02:00:00.000Z', true],
  ])('overdue reviews on %s (review on 2026-11-26, 6-month cadence) → listed %s', async (now, listed) => {
    t.setNow(now);
    const s = await t.login('admin_a');
    const res = await s.request('GET', `/api/commitments/overdue-reviews?orgId=${t.fixture.townA.id}`);
    expect(res.statusCode).toBe(200);
    const ids = (res.json().data as Array<{ id: number }>).map((x) => x.id);
    expect(ids.includes(id)).toBe(listed);
    const report = await commitmentsReport(t.ctx, t.fixture.townA.path, 2026);
    expect(report.overdueReviews).toBe(listed ? 3 : 0); // the item, the member's item and the hidden published one
    const other = await t.login('admin_b');
    expect(
      (await other.request('GET', `/api/commitments/overdue-reviews?orgId=${t.fixture.townA.id}`)).statusCode,
    ).toBe(403);
  });

  it('a review clears the overdue list', async () => {
    const s = await t.login('admin_a');
    await s.request('POST', `/api/commitments/${id}/reviews`, {
      reviewerPersonId: zhangMing,
      text: '半年点评：按期推进',
      grade: '好',
    });
    const ids = (
      (await s.request('GET', '/api/commitments/overdue-reviews')).json().data as Array<{ id: number }>
    ).map((x) => x.id);
    expect(ids).not.toContain(id);
  });

  it('the review calendar lists each reviewer’s reviews by month (联系点, branch 书记)', async () => {
    const s = await t.login('admin_a');
    const res = await s.request('GET', `/api/commitments/review-calendar?orgId=${t.fixture.townA.id}`);
    expect(res.statusCode).toBe(200);
    const rows = res.json().data.reviewers as Array<{
      reviewer: { name: string; role: string } | null;
      entries: Array<{ id: number; month: string; state: string; dueOn: string }>;
    }>;
    const zhang = rows.find((r) => r.reviewer?.name === '张明')!;
    expect(zhang.reviewer!.role).toBe('联系点');
    const entry = zhang.entries.find((e) => e.id === id)!;
    expect(entry.month).toBe(entry.dueOn.slice(0, 7));
    expect(entry.state).toBe('ok');
    const li = rows.find((r) => r.reviewer?.name === '李华')!;
    expect(li.reviewer!.role).toBe('支部书记');
    expect(li.entries.map((e) => e.id)).toContain(memberCommitment);
    const other = await (
      await t.login('admin_b')
    ).request('GET', `/api/commitments/review-calendar?orgId=${t.fixture.townA.id}`);
    expect(other.statusCode).toBe(403);
  });

  it('grades once (评诺) from above; grading twice is refused', async () => {
    const w = await t.login('worker_a'); // the branch itself may not give its own leader grade
    expect(
      (
        await w.request('POST', `/api/commitments/${id}/grade`, {
          selfAssessment: '基本完成',
          leaderGrade: '好',
        })
      ).statusCode,
    ).toBe(403);
    const s = await t.login('admin_a');
    const bad = await s.request('POST', `/api/commitments/${id}/grade`, {
      selfAssessment: '基本完成',
      leaderGrade: '优',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('leaderGrade');
    const first = await s.request('POST', `/api/commitments/${id}/grade`, {
      selfAssessment: '按期完成村道硬化',
      leaderGrade: '好',
      satisfaction: 96,
    });
    expect(first.statusCode).toBe(200);
    expect(first.json().data).toMatchObject({ status: 'graded', leaderGrade: '好' });
    const second = await s.request('POST', `/api/commitments/${id}/grade`, {
      selfAssessment: '再评',
      leaderGrade: '差',
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('ALREADY_GRADED');
    const row = await t.ctx.db
      .selectFrom('cm_commitments')
      .select('leader_grade')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.leader_grade).toBe('好');
  });

  it('reports by type and status with every key present', async () => {
    const s = await t.login('admin_a');
    const res = await s.request('GET', `/api/commitments/report?orgId=${t.fixture.townA.id}&year=2026`);
    expect(res.statusCode).toBe(200);
    expect(res.json().data.byType).toEqual({ 长远承诺: 0, 年度承诺: 3, 即时承诺: 0 });
    expect(res.json().data.byStatus).toMatchObject({ draft: 0, graded: 1, published: 2 });
  });
  it('an ended 联系点 stops mapping the reviewer on its end day (valid_to exclusive)', async () => {
    t.setNow('2026-12-01T02:00:00.000Z');
    const s = await t.login('admin_a');
    const made = await s.request('POST', `/api/commitments`, body({ title: '联系点边界测试' }));
    const cid = made.json().data.id as number;
    await t.ctx.db
      .updateTable('cm_commitments')
      .set({ status: 'published', opinion_ends_on: '2026-11-20', published_on: '2026-11-21' })
      .where('id', '=', cid)
      .execute();
    const links = (await s.request('GET', '/api/commitments/liaisons')).json().data as Array<{ id: number }>;
    const end = await s.request('POST', `/api/commitments/liaisons/${links[0]!.id}/end`, {
      validTo: '2026-12-02',
    });
    expect(end.statusCode).toBe(200);
    expect(end.json().data).toMatchObject({ validTo: '2026-12-02', active: true });
    const review = () =>
      s.request('POST', `/api/commitments/${cid}/reviews`, {
        reviewerPersonId: zhangMing,
        text: '点评',
        grade: '好',
      });
    expect((await review()).statusCode).toBe(201); // the day before the end day
    t.setNow('2026-12-02T02:00:00.000Z');
    const s2 = await t.login('admin_a');
    const late = await s2.request('POST', `/api/commitments/${cid}/reviews`, {
      reviewerPersonId: zhangMing,
      text: '点评',
      grade: '好',
    });
    expect(late.statusCode).toBe(403);
    expect(late.json().error.code).toBe('NOT_REVIEWER');
    expect(await auditCount('commitment.liaison.end')).toBe(1);
  });
});
