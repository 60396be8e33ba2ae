import { expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';

describeEachEngine('evaluation API: 党员目标管理 and 处置 proposals from data', (use) => {
  let t: TestApp;
  let people: Record<string, number> = {};
  let letterId = 0;
  const count = async (
    table: 'target_letters' | 'target_assessments' | 'member_lost_contacts' | 'member_proposal_decisions',
  ) => (await t.ctx.db.selectFrom(table).select('id').execute()).length;
  const audits = async (action: string) =>
    (await t.ctx.db.selectFrom('audit_log').select('seq').where('action', '=', action).execute()).length;
  const items = [
    { title: '每月按时参加主题党日', detail: '全年不少于10次' },
    { title: '联系服务群众3户以上' },
  ];

  it('issues target letters to branch members, skipping those who already have one (audited)', async () => {
    t = await openTestApp(use());
    const rows = await t.ctx.db.selectFrom('persons').select(['id', 'name']).execute();
    people = Object.fromEntries(rows.map((r) => [r.name, r.id]));
    const w = await t.login('worker_a');
    const res = await w.request('POST', '/api/evaluation/targets', {
      orgId: t.fixture.branchA.id,
      year: 2026,
      personIds: [people['张明'], people['李华']],
      items,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().data).toMatchObject({ created: 2, skipped: [] });
    letterId = res.json().data.letterIds[0];
    const again = await w.request('POST', '/api/evaluation/targets', {
      orgId: t.fixture.branchA.id,
      year: 2026,
      personIds: [people['张明'], people['王强']],
      items,
    });
    expect(again.json().data).toMatchObject({ created: 1, skipped: [{ name: '张明' }] });
    expect(await count('target_letters')).toBe(3);
    expect(await audits('evaluation.targets.issue')).toBe(2);
  });

  it.each([
    // 孙离 left branch A for township B: a former member passes the body-refs check, the branch refuses.
    ['a member of another branch', () => ({ personIds: [people['孙离']], items }), 'personIds', 400],
    // A member of township B never was the caller's: refused by the body-refs check (403, audited).
    ['a member of another township', () => ({ personIds: [people['赵敏']], items }), '', 403],
    ['no items', () => ({ personIds: [people['张明']], items: [] }), 'items', 400],
    [
      'a repeated target',
      () => ({ personIds: [people['李华']], items: [{ title: '学习' }, { title: '学习' }] }),
      'items.1.title',
      400,
    ],
    [
      'an unknown field',
      () => ({ personIds: [people['张明']], items, status: 'acknowledged' }),
      'status',
      400,
    ],
  ])(
    'refuses %s with a Chinese error naming the field, changing nothing',
    async (_n, body, field, status) => {
      const before = await count('target_letters');
      const w = await t.login('worker_a');
      const res = await w.request('POST', '/api/evaluation/targets', {
        orgId: t.fixture.branchA.id,
        year: 2027,
        ...body(),
      });
      expect(res.statusCode).toBe(status);
      expect(Object.keys(res.json().error.fields ?? {}).join()).toContain(field);
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(await count('target_letters')).toBe(before);
    },
  );

  it('lets only the member acknowledge, and only an acknowledged letter be assessed', async () => {
    const w = await t.login('worker_a');
    const early = await w.request('PUT', `/api/evaluation/targets/${letterId}/assessment`, {
      half: 'H1',
      peerScore: 90,
      orgScore: 90,
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('尚未确认');
    const byWorker = await w.request('POST', `/api/evaluation/targets/${letterId}/acknowledge`);
    expect(byWorker.statusCode).toBe(403);
    const m = await t.login('member_a');
    const my = (await m.request('GET', '/api/evaluation/my')).json().data;
    expect(my.targets).toHaveLength(1);
    expect(my.targets[0]).toMatchObject({ id: letterId, status: 'issued', year: 2026 });
    expect(my.targets[0].items).toHaveLength(2);
    const ack = await m.request('POST', `/api/evaluation/targets/${letterId}/acknowledge`);
    expect(ack.statusCode, ack.body).toBe(200);
    expect((await m.request('POST', `/api/evaluation/targets/${letterId}/acknowledge`)).statusCode).toBe(409);
    // Another member's letter is not member_a's to read.
    const other = (
      await t.ctx.db
        .selectFrom('target_letters')
        .select('id')
        .where('person_id', '=', people['李华']!)
        .executeTakeFirstOrThrow()
    ).id;
    expect((await m.request('GET', `/api/evaluation/targets/${other}`)).statusCode).toBe(403);
  });

  it('combines 自评, 互评 and 组织评价 with the rulebook weights; the 下半年 waits for December', async () => {
    const m = await t.login('member_a');
    const self = await m.request('PUT', `/api/evaluation/targets/${letterId}/self`, {
      half: 'H1',
      score: 95,
      note: '按时参加主题党日10次，联系群众4户',
    });
    expect(self.statusCode, self.body).toBe(200);
    expect(self.json().data).toMatchObject({ selfScore: 95, grade: null });
    const h2 = await m.request('PUT', `/api/evaluation/targets/${letterId}/self`, {
      half: 'H2',
      score: 90,
      note: '下半年',
    });
    expect(h2.statusCode).toBe(409);
    expect(h2.json().error.message).toContain('2026-12-01');
    const w = await t.login('worker_a');
    const bad = await w.request('PUT', `/api/evaluation/targets/${letterId}/assessment`, {
      half: 'H1',
      peerScore: 101,
      orgScore: 88,
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toContain('peerScore');
    const res = await w.request('PUT', `/api/evaluation/targets/${letterId}/assessment`, {
      half: 'H1',
      peerScore: 90,
      orgScore: 88,
      note: '完成较好',
    });
    expect(res.statusCode, res.body).toBe(200);
    // 95×20% + 90×30% + 88×50% = 90 → 优秀
    expect(res.json().data).toMatchObject({
      score: 90,
      grade: '优秀',
      selfScore: 95,
      peerScore: 90,
      orgScore: 88,
    });
    expect(await audits('evaluation.targets.assess')).toBe(1);
    const late = await m.request('PUT', `/api/evaluation/targets/${letterId}/self`, {
      half: 'H1',
      score: 100,
      note: '改',
    });
    expect(late.statusCode).toBe(409);
    const revise = await w.request('PUT', `/api/evaluation/targets/${letterId}/items`, {
      items: [{ title: '改目标' }],
    });
    expect(revise.statusCode).toBe(409);
    t.setNow('2026-12-05T02:00:00.000Z');
    try {
      const w2 = await t.login('worker_a'); // a fresh session after the clock moved
      const dec = await w2.request('PUT', `/api/evaluation/targets/${letterId}/assessment`, {
        half: 'H2',
        peerScore: null,
        orgScore: 72,
      });
      // No 自评 and no 互评: only the 组织评价 counts.
      expect(dec.json().data, dec.body).toMatchObject({ score: 72, grade: '合格', selfScore: null });
    } finally {
      t.setNow('2026-11-23T02:00:00.000Z');
    }
  });

  it('shows the branch overview: letters, acknowledgements and assessments', async () => {
    const w = await t.login('worker_a');
    const res = await w.request('GET', `/api/evaluation/targets?orgId=${t.fixture.branchA.id}&year=2026`);
    expect(res.statusCode).toBe(200);
    const d = res.json().data;
    expect(d.summary).toEqual({ members: 3, letters: 3, acknowledged: 1, assessedH1: 1, assessedH2: 1 });
    expect(d.weights).toEqual({ self: 20, peer: 30, org: 50 });
    const zhang = d.members.find((x: { name: string }) => x.name === '张明');
    expect(zhang.letter.H1).toMatchObject({ grade: '优秀' });
    const wb = await t.login('admin_b');
    expect(
      (await wb.request('GET', `/api/evaluation/targets?orgId=${t.fixture.branchA.id}`)).statusCode,
    ).toBe(403);
  });

  it('proposes 自行脱党 from the attendance ledger and 停止党籍 from 失联登记, for a human to decide', async () => {
    const db = t.ctx.db;
    const a = t.fixture.branchA;
    const now = t.ctx.now().toISOString();
    const meeting = async (heldOn: string, status: Record<string, string>) => {
      const m = await db
        .insertInto('life_meetings')
        .values({
          org_id: a.id,
          org_path: a.path,
          type: '党员大会',
          title: `党员大会 ${heldOn}`,
          held_on: heldOn,
          start_time: null,
          place: null,
          status: 'held',
          series_id: null,
          agenda: null,
          minutes: null,
          resolutions: null,
          speaker: null,
          topic: null,
          minutes_chars: 0,
          recorded_on: heldOn,
          expected_count: 3,
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
      for (const [name, s] of Object.entries(status))
        await db
          .insertInto('life_attendance')
          .values({
            meeting_id: m.id,
            person_id: people[name]!,
            org_path: a.path,
            status: s,
            exclusion: null,
            method: null,
            reason: null,
            signed_at: null,
            recorded_by: null,
          })
          .execute();
    };
    await meeting('2026-03-15', { 张明: '出席', 李华: '出席', 王强: '出席' });
    await meeting('2026-07-10', { 张明: '出席', 李华: '请假', 王强: '缺席' });
    await meeting('2026-10-10', { 张明: '出席', 李华: '请假', 王强: '缺席' });
    const w = await t.login('worker_a');
    const list = async () => (await w.request('GET', `/api/evaluation/proposals?orgId=${a.id}`)).json().data;
    let d = await list();
    expect(d.duesTracked).toBe(true);
    expect(d.duesNote).toContain('党费');
    expect(d.proposals).toEqual([
      expect.objectContaining({
        name: '王强',
        proposal: '按自行脱党处理',
        facts: expect.objectContaining({ lastOrgLifeOn: '2026-03-15', absencesInWindow: 2 }),
        decision: null,
      }),
    ]);
    // 失联登记 for 李华 since May → 停止党籍 proposal; a second one is refused; a future date too.
    const future = await w.request('POST', '/api/evaluation/lost-contacts', {
      orgId: a.id,
      personId: people['李华'],
      since: '2026-12-01',
      searches: '电话无人接听',
    });
    expect(future.statusCode).toBe(400);
    const reg = await w.request('POST', '/api/evaluation/lost-contacts', {
      orgId: a.id,
      personId: people['李华'],
      since: '2026-05-01',
      searches: '电话无人接听，走访家属称外出务工，去向不明',
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const dup = await w.request('POST', '/api/evaluation/lost-contacts', {
      orgId: a.id,
      personId: people['李华'],
      since: '2026-05-02',
      searches: '重复',
    });
    expect(dup.statusCode).toBe(409);
    d = await list();
    expect(
      d.proposals.map((p: { name: string; proposal: string }) => `${p.name}:${p.proposal}`).sort(),
    ).toEqual(['李华:停止党籍', '王强:按自行脱党处理']);
    // Nothing changed the members' status: only proposals.
    expect(await count('member_proposal_decisions')).toBe(0);
    const wrong = await w.request('POST', '/api/evaluation/proposals/decisions', {
      orgId: a.id,
      personId: people['张明'],
      proposal: '停止党籍',
      decision: 'submitted',
      note: '无依据',
    });
    expect(wrong.statusCode).toBe(409);
    const ok = await w.request('POST', '/api/evaluation/proposals/decisions', {
      orgId: a.id,
      personId: people['王强'],
      proposal: '按自行脱党处理',
      decision: 'submitted',
      note: '提交支委会研究，先谈话了解情况',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(await audits('evaluation.proposal.decide')).toBe(1);
    d = await list();
    expect(d.proposals.find((p: { name: string }) => p.name === '王强').decision).toMatchObject({
      decision: 'submitted',
      decisionName: '提交党组织研究',
    });
    // Contact restored: the 停止党籍 proposal disappears.
    const early = await w.request('POST', `/api/evaluation/lost-contacts/${reg.json().data.id}/found`, {
      foundOn: '2026-04-01',
    });
    expect(early.statusCode).toBe(400);
    const found = await w.request('POST', `/api/evaluation/lost-contacts/${reg.json().data.id}/found`, {
      foundOn: '2026-11-20',
    });
    expect(found.statusCode, found.body).toBe(200);
    d = await list();
    expect(d.proposals.map((p: { name: string }) => p.name)).toEqual(['王强']);
    // The township sees its branches' proposals too.
    const town = await t.login('admin_a');
    const td = (await town.request('GET', `/api/evaluation/proposals?orgId=${t.fixture.townA.id}`)).json()
      .data;
    expect(td.proposals.map((p: { name: string }) => p.name)).toEqual(['王强']);
  });
});
