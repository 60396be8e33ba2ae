import { expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';
import { townshipBCommitment } from './commitments.authz-cases.ts';

describeEachEngine('commendations API: 两优一先 round, nominations, 公示, approval, archive', (use) => {
  let t: TestApp;
  let roundId = 0;
  let personNomination = 0;
  let orgNomination = 0;
  let zhangMing = 0;
  let evidenceId = 0;
  const auditCount = async (prefix: string) =>
    (await t.ctx.db.selectFrom('audit_log').select('action').execute()).filter((a) =>
      a.action.startsWith(prefix),
    ).length;
  const nominationRows = async () =>
    (await t.ctx.db.selectFrom('cm_nominations').select(['id', 'status']).orderBy('id').execute()).map(
      (r) => ({
        ...r,
      }),
    );
  const person = async (name: string) =>
    (await t.ctx.db.selectFrom('persons').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const publishedCommitment = async (status: string) => {
    const now = t.ctx.now().toISOString();
    const { branchA } = t.fixture;
    const c = await t.ctx.db
      .insertInto('cm_commitments')
      .values({
        org_id: branchA.id,
        org_path: branchA.path,
        committer_kind: 'org',
        person_id: null,
        committer_name: '甲镇东村党支部',
        org_name: '甲镇东村党支部',
        type: '年度承诺',
        year: 2026,
        title: '修缮东村文化礼堂',
        content: '年内完工',
        due_on: '2026-12-31',
        is_public: 1,
        status,
        opinion_ends_on: '2026-02-01',
        published_on: status === 'draft' ? null : '2026-02-10',
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
    return c.id;
  };
  const nominate = (body: Record<string, unknown>) => ({
    category: '优秀共产党员',
    nomineePersonId: zhangMing,
    reason: '带头兑现承诺，群众满意度高',
    ...body,
  });

  it('refuses anonymous callers (401); a branch cannot open a round (400)', async () => {
    t = await openTestApp(use());
    zhangMing = await person('张明');
    evidenceId = await publishedCommitment('in_progress');
    expect((await t.app.inject({ method: 'GET', url: '/api/commendations/rounds' })).statusCode).toBe(401);
    const w = await t.login('worker_a');
    const res = await w.request('POST', '/api/commendations/rounds', {
      orgId: t.fixture.branchA.id,
      year: 2026,
      title: '支部评选',
      nominateFrom: '2026-11-23',
      nominateTo: '2026-11-25',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'ROUND_OPENER_KIND' });
    expect(res.json().error.fields).toHaveProperty('orgId');
  });

  it('the township 党委 opens a round with a nomination window (audited)', async () => {
    const s = await t.login('admin_a');
    const bad = await s.request('POST', '/api/commendations/rounds', {
      orgId: t.fixture.townA.id,
      year: 2026,
      title: '甲镇评选',
      nominateFrom: '2026-11-30',
      nominateTo: '2026-11-25',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('nominateTo');
    const res = await s.request('POST', '/api/commendations/rounds', {
      orgId: t.fixture.townA.id,
      year: 2026,
      title: '甲镇2026年度两优一先评选',
      nominateFrom: '2026-11-23',
      nominateTo: '2026-11-25',
    });
    expect(res.statusCode).toBe(201);
    roundId = res.json().data.id;
    expect(res.json().data).toMatchObject({ status: 'open', nominationOpen: true, orgName: '甲镇党委' });
    expect(await auditCount('commendation.round.open')).toBe(1);
    // the branch below sees the round it may nominate to
    const w = await t.login('worker_a');
    const list = await w.request('GET', '/api/commendations/rounds');
    expect(list.json().data.map((r: { id: number }) => r.id)).toContain(roundId);
    expect(list.json().data[0].policies).toMatchObject({ nominate: true, manage: false });
  });

  it.each([
    [
      'a member of another township',
      async () => nominate({ nomineePersonId: await person('赵敏') }),
      403, // the body-refs check: township B's member is outside the caller's subtree
      'FORBIDDEN',
    ],
    [
      'a member without the person id',
      () => nominate({ nomineePersonId: undefined }),
      400,
      'NOMINEE_PERSON_REQUIRED',
    ],
    [
      'unknown evidence',
      () => nominate({ evidence: [{ kind: 'meeting', id: 999999 }] }),
      400,
      'EVIDENCE_UNKNOWN',
    ],
    [
      'evidence of another township',
      async () =>
        nominate({ evidence: [{ kind: 'commitment', id: (await townshipBCommitment(t)).commitmentId }] }),
      403, // the body-refs check: township B's commitment is outside the caller's subtree
      'FORBIDDEN',
    ],
    [
      'an unpublished commitment as evidence',
      async () => nominate({ evidence: [{ kind: 'commitment', id: await publishedCommitment('draft') }] }),
      400,
      'EVIDENCE_NOT_FINAL',
    ],
    [
      'a nominee of a sibling branch nominated by it',
      () => nominate({ orgId: t.fixture.branchA2.id }),
      400,
      'NOMINEE_OUT_OF_SCOPE',
    ],
  ])('refuses %s clearly, changing nothing', async (_n, make, status, code) => {
    const before = await nominationRows();
    const s = await t.login(
      code === 'NOMINEE_OUT_OF_SCOPE' && _n.includes('sibling') ? 'admin_a' : 'worker_a',
    );
    const res = await s.request('POST', `/api/commendations/rounds/${roundId}/nominations`, await make());
    expect(res.statusCode).toBe(status);
    expect(res.json().error.code).toBe(code);
    expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await nominationRows()).toEqual(before);
  });

  it('the 党委 itself cannot nominate; branches nominate with evidence (audited), not twice', async () => {
    const a = await t.login('admin_a');
    const own = await a.request('POST', `/api/commendations/rounds/${roundId}/nominations`, nominate({}));
    expect(own.json().error.code).toBe('NOMINATOR_OUT_OF_SCOPE');
    const w = await t.login('worker_a');
    const res = await w.request(
      'POST',
      `/api/commendations/rounds/${roundId}/nominations`,
      nominate({ evidence: [{ kind: 'commitment', id: evidenceId }] }),
    );
    expect(res.statusCode).toBe(201);
    personNomination = res.json().data.id;
    expect(res.json().data).toMatchObject({
      nomineeName: '张明',
      nomineeOrgName: '甲镇东村党支部',
      status: 'nominated',
    });
    expect(res.json().data.evidence[0]).toMatchObject({ kind: 'commitment', id: evidenceId });
    expect(res.json().data.evidence[0].label).toContain('修缮东村文化礼堂');
    const twice = await w.request('POST', `/api/commendations/rounds/${roundId}/nominations`, nominate({}));
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('NOMINEE_DUPLICATE');
    const org = await w.request('POST', `/api/commendations/rounds/${roundId}/nominations`, {
      category: '先进基层党组织',
      nomineeOrgId: t.fixture.branchA.id,
      reason: '三会一课规范，承诺全部兑现',
    });
    expect(org.statusCode).toBe(201);
    orgNomination = org.json().data.id;
    expect(await auditCount('commendation.nominate')).toBe(2);
  });

  it('公示 starts only after the window (working days); nominations after it are refused', async () => {
    t.setNow('2026-11-25T02:00:00.000Z'); // the window's last day
    const a = await t.login('admin_a');
    const early = await a.request('POST', `/api/commendations/rounds/${roundId}/publicity`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('NOMINATION_WINDOW_OPEN');
    t.setNow('2026-11-26T02:00:00.000Z'); // Thursday, the day after
    const w = await t.login('worker_a');
    const late = await w.request('POST', `/api/commendations/rounds/${roundId}/nominations`, {
      category: '优秀党务工作者',
      nomineePersonId: await person('李华'),
      reason: '迟到的提名',
    });
    expect(late.statusCode).toBe(400);
    expect(late.json().error.code).toBe('NOMINATION_WINDOW_CLOSED');
    const a2 = await t.login('admin_a'); // sessions idle out over a day
    const pub = await a2.request('POST', `/api/commendations/rounds/${roundId}/publicity`);
    expect(pub.statusCode).toBe(200);
    // Thu 26, Fri 27, Mon 30, Tue 1, Wed 2: five working days with no holiday in the calendar.
    expect(pub.json().data).toMatchObject({
      status: 'publicity',
      publicityFrom: '2026-11-26',
      publicityEndsOn: '2026-12-02',
      publicityWorkingDays: 5,
    });
  });

  it('the public 公示 page shows names and organisations only', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/public/commendations?org=TA-1' });
    expect(res.statusCode).toBe(200);
    const round = res.json().data.find((r: { id: number }) => r.id === roundId);
    expect(round.nominees.map((n: { name: string }) => n.name).sort()).toEqual(
      ['张明', '甲镇东村党支部'].sort(),
    );
    const text = res.body;
    for (const leak of ['personId', 'PersonId', 'phone', 'idNumber', 'evidence', 'nomineeOrgId'])
      expect(text).not.toContain(leak);
    // other townships see nothing of township A's round
    const b = await t.app.inject({ method: 'GET', url: '/api/public/commendations?org=TB-1' });
    expect(b.json().data.map((r: { id: number }) => r.id)).not.toContain(roundId);
  });

  it('approving before the 公示 ends is refused; a branch cannot decide; rejection needs a reason', async () => {
    t.setNow('2026-12-02T02:00:00.000Z'); // the 公示's last day
    const a = await t.login('admin_a');
    const early = await a.request('POST', `/api/commendations/nominations/${personNomination}/decision`, {
      action: 'approve',
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('PUBLICITY_NOT_ENDED');
    expect(early.json().error.message).toContain('2026-12-02');
    const noReason = await a.request('POST', `/api/commendations/nominations/${orgNomination}/decision`, {
      action: 'reject',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields).toHaveProperty('reason');
    const w = await t.login('worker_a');
    const denials = await auditCount('authz_denied');
    const own = await w.request('POST', `/api/commendations/nominations/${personNomination}/decision`, {
      action: 'approve',
    });
    expect(own.statusCode).toBe(403);
    expect(await auditCount('authz_denied')).toBe(denials + 1);
    expect((await nominationRows()).every((n) => n.status === 'nominated')).toBe(true);
  });

  it('after the 公示: approves, rejects with a reason, refuses deciding twice, archives', async () => {
    t.setNow('2026-12-03T02:00:00.000Z');
    const a = await t.login('admin_a');
    const premature = await a.request('POST', `/api/commendations/rounds/${roundId}/archive`);
    expect(premature.json().error.code).toBe('UNDECIDED_NOMINATIONS');
    const ok = await a.request('POST', `/api/commendations/nominations/${personNomination}/decision`, {
      action: 'approve',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().data).toMatchObject({ status: 'approved', decidedOn: '2026-12-03' });
    const no = await a.request('POST', `/api/commendations/nominations/${orgNomination}/decision`, {
      action: 'reject',
      reason: '公示期间收到反映，核实后暂缓表彰',
    });
    expect(no.json().data).toMatchObject({
      status: 'rejected',
      decisionReason: '公示期间收到反映，核实后暂缓表彰',
    });
    const twice = await a.request('POST', `/api/commendations/nominations/${orgNomination}/decision`, {
      action: 'approve',
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('ALREADY_DECIDED');
    const arch = await a.request('POST', `/api/commendations/rounds/${roundId}/archive`);
    expect(arch.statusCode).toBe(200);
    expect(arch.json().data).toMatchObject({ status: 'archived', archivedOn: '2026-12-03' });
    expect(await auditCount('commendation.approve')).toBe(1);
    expect(await auditCount('commendation.reject')).toBe(1);
    expect(await auditCount('commendation.round.archive')).toBe(1);
  });

  it('the year’s archive lists approved honours by subtree; the public page keeps only them', async () => {
    const w = await t.login('worker_a');
    const res = await w.request('GET', '/api/commendations/archive?year=2026');
    expect(res.json().data.map((x: { nomineeName: string }) => x.nomineeName)).toEqual(['张明']);
    expect(res.json().data[0]).toMatchObject({ category: '优秀共产党员', roundOrgName: '甲镇党委' });
    expect((await w.request('GET', '/api/commendations/archive?year=2025')).json().data).toEqual([]);
    const pub = await t.app.inject({ method: 'GET', url: '/api/public/commendations?org=TA' });
    const round = pub.json().data.find((r: { id: number }) => r.id === roundId);
    expect(round.nominees.map((n: { name: string }) => n.name)).toEqual(['张明']);
  });
});
