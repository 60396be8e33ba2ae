// 留党察看 through the API as the member detail page uses it: who may write (policies.discipline),
// record, the record on the member, ending early only by 撤销处分, each write audited.
import { expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';
import { stepsOn } from '../../../core/development/steps.ts';
import { NATIONAL_RULEBOOK } from '../../../core/rulebook/rulebook.ts';
import { makeIdNumber } from '../development/development.test-helpers.ts';

const materials = (step: number) => [
  ...stepsOn(NATIONAL_RULEBOOK, '2024-01-01').find((s) => s.no === step)!.materials,
];

describeEachEngine('roster 留党察看 API', (use) => {
  let t: TestApp;
  let personId: number;

  it('an org admin may record it (policies.discipline), a worker may read the record but not write', async () => {
    t = await openTestApp(use());
    personId = (
      await t.ctx.db.selectFrom('persons').select('id').where('name', '=', '张明').executeTakeFirstOrThrow()
    ).id;
    const admin = await t.login('admin_a');
    const detail = (await admin.request('GET', `/api/roster/members/${personId}`)).json();
    expect(detail.policies.discipline).toBe(true);
    expect(detail.data.discipline).toEqual([]);
    const worker = await t.login('worker_a');
    expect((await worker.request('GET', `/api/roster/members/${personId}`)).json().policies.discipline).toBe(
      false,
    );
    const refused = await worker.request('POST', `/api/roster/members/${personId}/discipline`, {
      kind: '留党察看',
      startOn: '2026-06-01',
      years: 1,
      decisionNo: '甲纪发〔2026〕3号',
    });
    expect(refused.statusCode).toBe(403);
  });

  it('records one year from the start date; the member shows it as 执行中', async () => {
    const admin = await t.login('admin_a');
    const res = await admin.request('POST', `/api/roster/members/${personId}/discipline`, {
      kind: '留党察看',
      startOn: '2026-06-01',
      years: 1,
      decisionNo: '甲纪发〔2026〕3号',
      reason: '违反组织纪律',
    });
    expect(res.statusCode, res.body).toBe(200);
    const [d] = (await admin.request('GET', `/api/roster/members/${personId}`)).json().data.discipline;
    expect(d).toMatchObject({
      startOn: '2026-06-01',
      endOn: '2027-06-01',
      decisionNo: '甲纪发〔2026〕3号',
      status: '执行中',
      active: true,
    });
  });

  it('ends early only by 撤销处分; 恢复党员权利 before expiry is refused naming the date field', async () => {
    const admin = await t.login('admin_a');
    const [d] = (await admin.request('GET', `/api/roster/members/${personId}`)).json().data.discipline;
    const early = await admin.request('POST', `/api/roster/members/${personId}/discipline/${d.id}/end`, {
      on: '2026-11-20',
      outcome: '恢复党员权利',
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.fields.on).toContain('期满前不能恢复党员权利');
    const revoked = await admin.request('POST', `/api/roster/members/${personId}/discipline/${d.id}/end`, {
      on: '2026-11-20',
      outcome: '撤销处分',
      note: '复查后撤销',
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    const [after] = (await admin.request('GET', `/api/roster/members/${personId}`)).json().data.discipline;
    expect(after).toMatchObject({
      status: '已撤销',
      active: false,
      endedOn: '2026-11-20',
      endOutcome: '撤销处分',
    });
    const actions = (
      await t.ctx.db
        .selectFrom('audit_log')
        .select('action')
        .where('object_type', '=', 'roster_discipline')
        .execute()
    ).map((r) => r.action);
    expect(actions).toEqual(['roster.discipline.record', 'roster.discipline.end']);
  });
});

// The record's boundaries and its consequences elsewhere (issue 16): validation naming the field,
// scope (nothing written across townships), and what 留党察看 takes away — the 表决权 in the
// admission vote (out of 应到会), being an 入党介绍人, 选举权 and 被选举权 in a 换届 election.
describeEachEngine('roster 留党察看: rules at the boundary and their consequences', (use) => {
  let t: TestApp;
  const ids: Record<string, number> = {};
  const url = (name: string) => `/api/roster/members/${ids[name]}/discipline`;
  const rows = async () => t.ctx.db.selectFrom('roster_discipline').selectAll().orderBy('id').execute();
  const auditOf = async (action: string) =>
    t.ctx.db
      .selectFrom('audit_log')
      .select(['object_id', 'scope_path', 'actor_username', 'detail'])
      .where('action', '=', action)
      .orderBy('seq')
      .execute();

  it('refuses bad input in Chinese naming the field, and writes nothing', async () => {
    t = await openTestApp(use()); // today: 2026-11-23
    for (const p of await t.ctx.db.selectFrom('persons').select(['id', 'name']).execute()) ids[p.name] = p.id;
    const a = await t.login('admin_a');
    const base = { kind: '留党察看', startOn: '2026-06-01', years: 1, decisionNo: '甲纪发〔2026〕5号' };
    const cases: Array<[string, Record<string, unknown>, string, number, string, RegExp]> = [
      // An empty string gets the generic 不能为空 from the error layer, under the field's key.
      ['no decision number', { ...base, decisionNo: ' ' }, '张明', 400, 'decisionNo', /不能为空/],
      ['not a date', { ...base, startOn: '2026-13-01' }, '张明', 400, 'startOn', /开始日期/],
      ['another kind', { ...base, kind: '警告' }, '张明', 400, 'kind', /留党察看/],
      ['three years', { ...base, years: 3 }, '张明', 400, 'years', /1年或2年/],
      ['neither years nor end', { ...base, years: undefined }, '张明', 400, 'years', /期限/],
      [
        'an end that is not 1 or 2 years',
        { ...base, years: undefined, endOn: '2027-03-01' },
        '张明',
        400,
        'endOn',
        /2027-06-01/,
      ],
      ['years and end disagree', { ...base, years: 2, endOn: '2027-06-01' }, '张明', 400, 'endOn', /不符/],
      ['a start after today', { ...base, startOn: '2026-11-24' }, '张明', 400, 'startOn', /晚于今天/],
      ['a 预备党员', base, '王强', 400, 'startOn', /预备党员.*正式党员/],
    ];
    for (const [name, body, who, status, field, message] of cases) {
      const res = await a.request('POST', url(who), body);
      expect(res.statusCode, name).toBe(status);
      expect(res.json().error.fields, name).toHaveProperty(field);
      expect(res.json().error.fields[field], name).toMatch(message);
      expect(res.json().error.message, name).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await rows()).toEqual([]);
    expect(await auditOf('roster.discipline.record')).toEqual([]);
  });

  it('a township-B admin can neither record nor end one on a township-A member (audited, nothing written)', async () => {
    const b = await t.login('admin_b');
    const denied = async () => (await auditOf('authz_denied')).length;
    const before = await denied();
    const rec = await b.request('POST', url('张明'), {
      kind: '留党察看',
      startOn: '2026-06-01',
      years: 1,
      decisionNo: '乙纪发〔2026〕1号',
    });
    expect([403, 404]).toContain(rec.statusCode);
    expect(await rows()).toEqual([]);
    expect(await denied()).toBe(before + 1);
    // Township A records one; township B cannot end it either.
    const a = await t.login('admin_a');
    const own = await a.request('POST', url('张明'), {
      kind: '留党察看',
      startOn: '2026-06-01',
      years: 1,
      decisionNo: '甲纪发〔2026〕6号',
    });
    expect(own.statusCode, own.body).toBe(200);
    const snapshot = await rows();
    const end = await b.request('POST', `${url('张明')}/${own.json().data.id}/end`, {
      on: '2026-11-20',
      outcome: '撤销处分',
    });
    expect([403, 404]).toContain(end.statusCode);
    expect(await rows()).toEqual(snapshot);
    expect(await auditOf('roster.discipline.end')).toEqual([]);
    expect(await denied()).toBe(before + 2);
  });

  it('records with dates (an end date of exactly two years), audited; an overlapping one is refused', async () => {
    const a = await t.login('admin_a');
    const res = await a.request('POST', url('李华'), {
      kind: '留党察看',
      startOn: '2025-06-01',
      endOn: '2027-06-01',
      decisionNo: '甲纪发〔2025〕9号',
      reason: '违反组织纪律',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().data).toMatchObject({
      startOn: '2025-06-01',
      endOn: '2027-06-01',
      status: '执行中',
      active: true,
      effectiveEnd: '2027-06-01',
    });
    const [audit] = await auditOf('roster.discipline.record').then((r) =>
      r.filter((x) => x.object_id === String(res.json().data.id)),
    );
    expect(audit).toMatchObject({ actor_username: 'admin_a', scope_path: t.fixture.branchA.path });
    expect(JSON.parse(audit!.detail)).toMatchObject({
      personId: ids['李华'],
      after: {
        kind: '留党察看',
        startOn: '2025-06-01',
        endOn: '2027-06-01',
        years: 2,
        decisionNo: '甲纪发〔2025〕9号',
      },
    });
    const before = await rows();
    const overlap = await a.request('POST', url('李华'), {
      kind: '留党察看',
      startOn: '2026-01-01',
      years: 1,
      decisionNo: '甲纪发〔2026〕1号',
    });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().error.fields.startOn).toMatch(/重叠/);
    expect(await rows()).toEqual(before);
  });

  it('admission: a member under 留党察看 cannot introduce and is not in 应到会 of the vote', async () => {
    const worker = await t.login('worker_a');
    const admin = await t.login('admin_a');
    const created = await worker.request('POST', `/api/orgs/${t.fixture.branchA.id}/development/candidates`, {
      name: '周察',
      idNumber: makeIdNumber('1997-05-06', 125),
      appliedOn: '2024-09-02',
    });
    expect(created.statusCode, created.body).toBe(201);
    const cid = created.json().data.candidate.id as number;
    const step = (s: typeof worker, body: Record<string, unknown>) =>
      s.request('POST', `/api/development/candidates/${cid}/steps`, {
        materials: materials(body.step as number),
        ...body,
      });
    const ok = async (s: typeof worker, body: Record<string, unknown>) => {
      const res = await step(s, body);
      expect(res.statusCode, `step ${body.step}: ${res.body}`).toBe(201);
    };
    await ok(worker, { step: 2, doneOn: '2024-09-20', talker: '张明' });
    await ok(worker, { step: 3, doneOn: '2024-10-15', method: '党员推荐' });
    await ok(admin, { step: 4, doneOn: '2024-10-20' });
    await ok(worker, { step: 5, doneOn: '2024-10-21', contacts: [ids['张明']] });
    await ok(worker, { step: 6, doneOn: '2025-03-10', summary: '表现良好' });
    await ok(worker, { step: 6, doneOn: '2025-09-01', summary: '表现良好' });
    await ok(worker, {
      step: 7,
      doneOn: '2025-10-15',
      publicityStart: '2025-10-09',
      publicityEnd: '2025-10-14',
    });
    await ok(admin, { step: 8, doneOn: '2025-10-27' });
    // 李华 is under 留党察看 from 2025-06-01: not an 入党介绍人 (the field and the name are given).
    const barred = await step(worker, {
      step: 9,
      doneOn: '2025-11-03',
      introducers: [ids['张明'], ids['李华']],
    });
    expect(barred.statusCode).toBe(400);
    expect(barred.json().error).toMatchObject({
      code: 'INTRODUCER_INVALID',
      fields: { introducers: expect.stringMatching(/李华.*留党察看/) },
    });
    await ok(worker, { step: 9, doneOn: '2025-11-03', introducers: [ids['张明'], ids['孙离']] });
    await ok(worker, { step: 10, doneOn: '2025-12-01', conclusion: '政治审查合格' });
    await ok(admin, { step: 11, doneOn: '2025-12-10', trainingDays: 3 });
    await ok(worker, { step: 12, doneOn: '2026-01-05' });
    await ok(admin, {
      step: 13,
      doneOn: '2026-01-20',
      publicityStart: '2026-01-12',
      publicityEnd: '2026-01-16',
    });
    await ok(worker, { step: 14, doneOn: '2026-01-26' });
    // On 2026-02-02: full members 张明, 李华, 孙离; 李华 has no 表决权, so she is not in 应到会 and
    // need not (may not) be listed as an exclusion.
    const listed = await step(worker, {
      step: 15,
      doneOn: '2026-02-02',
      vote: {
        exclusions: [{ personId: ids['李华'], name: '李华', case: 'awayUntransferred', note: '外出' }],
        present: 2,
        for: 2,
        against: 0,
        abstain: 0,
      },
    });
    expect(listed.statusCode).toBe(400);
    expect(listed.json().error.fields.vote).toMatch(/李华.*留党察看/);
    // 孙离 excused (an approved case), 李华 out: 应到会 1, so one present is a quorum. Were 李华
    // counted, 应到会 would be 2 and one present no quorum.
    const noQuorum = await step(worker, {
      step: 15,
      doneOn: '2026-02-02',
      vote: { exclusions: [], present: 1, for: 1, against: 0, abstain: 0 },
    });
    expect(noQuorum.json().error).toMatchObject({
      code: 'VOTE_NO_QUORUM',
      fields: { vote: expect.stringMatching(/应到会正式党员2人.*受留党察看处分无表决权1人/) },
    });
    const vote = await step(worker, {
      step: 15,
      doneOn: '2026-02-02',
      vote: {
        exclusions: [
          { personId: ids['孙离'], name: '孙离', case: 'awayUntransferred', note: '外出务工半年以上' },
        ],
        present: 1,
        for: 1,
        against: 0,
        abstain: 0,
      },
    });
    expect(vote.statusCode, vote.body).toBe(201);
    expect(vote.json().data.step.data.vote).toMatchObject({ fullMembers: 3, suspended: 1 });
  });

  it('ends early by 撤销处分 (audited with before and after); the member is no longer under it', async () => {
    const a = await t.login('admin_a');
    const li = (await a.request('GET', `/api/roster/members/${ids['李华']}`)).json().data.discipline;
    expect(li).toHaveLength(1);
    const res = await a.request('POST', `${url('李华')}/${li[0].id}/end`, {
      on: '2026-11-20',
      outcome: '撤销处分',
      note: '复查后撤销',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().data).toMatchObject({
      status: '已撤销',
      active: false,
      endOn: '2027-06-01',
      endedOn: '2026-11-20',
      effectiveEnd: '2026-11-20',
    });
    const audits = (await auditOf('roster.discipline.end')).filter((x) => x.object_id === String(li[0].id));
    expect(audits).toHaveLength(1);
    expect(JSON.parse(audits[0]!.detail)).toMatchObject({
      personId: ids['李华'],
      before: { endedOn: null, endOutcome: null },
      after: { endedOn: '2026-11-20', endOutcome: '撤销处分', note: '复查后撤销' },
    });
    const again = await a.request('POST', `${url('李华')}/${li[0].id}/end`, {
      on: '2026-11-21',
      outcome: '撤销处分',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.fields).toHaveProperty('outcome');
  });

  it('election: a member under 留党察看 neither votes nor stands (张明 from 2026-06-01)', async () => {
    const a = await t.login('admin_a');
    const w = await t.login('worker_a');
    const req = await w.request('POST', `/api/org-system/orgs/${t.fixture.branchA.id}/renewals`, {
      requestedOn: '2026-11-01',
      plannedOn: '2026-11-20',
      seats: 1,
    });
    expect(req.statusCode, req.body).toBe(201);
    const rid = req.json().data.id as number;
    const approved = await a.request('POST', `/api/org-system/renewals/${rid}/approve`, {
      approvedOn: '2026-11-05',
      approvalRef: '甲镇委〔2026〕13号',
    });
    expect(approved.statusCode, approved.body).toBe(200);
    const elections = async () => (await t.ctx.db.selectFrom('os_elections').select('id').execute()).length;
    const before = await elections();
    // On 2026-11-20 the branch has two full members, 张明 and 李华 (hers was revoked on that day).
    const tooMany = await a.request('POST', `/api/org-system/renewals/${rid}/election`, {
      heldOn: '2026-11-20',
      expected: 2,
      present: 2,
      candidates: [{ personId: ids['李华'], votes: 2 }],
      posts: [{ personId: ids['李华'], post: '书记' }],
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error).toMatchObject({
      code: 'ELECTION_EXPECTED',
      fields: { expected: expect.stringMatching(/（1）.*留党察看.*1人/) },
    });
    const stands = await a.request('POST', `/api/org-system/renewals/${rid}/election`, {
      heldOn: '2026-11-20',
      expected: 1,
      present: 1,
      candidates: [{ personId: ids['张明'], votes: 1 }],
      posts: [{ personId: ids['张明'], post: '书记' }],
    });
    expect(stands.statusCode).toBe(400);
    expect(stands.json().error).toMatchObject({
      code: 'ELECTION_CANDIDATE_SUSPENDED',
      fields: { candidates: expect.stringMatching(/张明.*留党察看.*被选举权/) },
    });
    expect(await elections()).toBe(before);
    const held = await a.request('POST', `/api/org-system/renewals/${rid}/election`, {
      heldOn: '2026-11-20',
      expected: 1,
      present: 1,
      candidates: [{ personId: ids['李华'], votes: 1 }],
      posts: [{ personId: ids['李华'], post: '书记' }],
    });
    expect(held.statusCode, held.body).toBe(200);
    expect(held.json().data).toMatchObject({ stage: '已选举', elected: [ids['李华']], unfilled: 0 });
  });
});
