import { expect, it } from 'vitest';
import { openTestApp, type Session, type TestApp } from '../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';
import { stepsOn } from '../../../core/development/steps.ts';
import { NATIONAL_RULEBOOK } from '../../../core/rulebook/rulebook.ts';
import { makeIdNumber } from './development.test-helpers.ts';

const materials = (step: number) => [
  ...stepsOn(NATIONAL_RULEBOOK, '2024-01-01').find((s) => s.no === step)!.materials,
];

describeEachEngine('development API', (use) => {
  let t: TestApp;
  let worker: Session;
  let admin: Session;
  let candidateId = 0;
  const persons: Record<string, number> = {};
  const step = (s: Session, body: Record<string, unknown>) =>
    s.request('POST', `/api/development/candidates/${candidateId}/steps`, {
      materials: materials(body.step as number),
      ...body,
    });
  const countRows = async () => ({
    steps: (await t.ctx.db.selectFrom('dev_steps').select('id').execute()).length,
    candidates: (await t.ctx.db.selectFrom('dev_candidates').select('id').execute()).length,
    persons: (await t.ctx.db.selectFrom('persons').select('id').execute()).length,
  });

  it('refuses the anonymous (401) and another township (403, audited)', async () => {
    t = await openTestApp(use());
    for (const p of await t.ctx.db.selectFrom('persons').select(['id', 'name']).execute())
      persons[p.name] = p.id;
    worker = await t.login('worker_a');
    admin = await t.login('admin_a');
    const anon = await t.app.inject({
      method: 'GET',
      url: `/api/orgs/${t.fixture.branchA.id}/development/candidates`,
    });
    expect(anon.statusCode).toBe(401);
    const before = (
      await t.ctx.db.selectFrom('audit_log').select('seq').where('action', '=', 'authz_denied').execute()
    ).length;
    const res = await admin.request('GET', `/api/orgs/${t.fixture.branchB.id}/development/candidates`);
    expect(res.statusCode).toBe(403);
    expect(
      (await t.ctx.db.selectFrom('audit_log').select('seq').where('action', '=', 'authz_denied').execute())
        .length,
    ).toBe(before + 1);
    const member = await t.login('member_a');
    expect(
      (await member.request('GET', `/api/orgs/${t.fixture.branchA.id}/development/candidates`)).statusCode,
    ).toBe(403);
  });

  it('refuses bad input with the field named, and changes nothing', async () => {
    const before = await countRows();
    const url = `/api/orgs/${t.fixture.branchA.id}/development/candidates`;
    const badId = await worker.request('POST', url, {
      name: '错号',
      idNumber: '330102199901011234',
      appliedOn: '2026-11-02',
    });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error).toMatchObject({
      code: 'ID_CHECK_DIGIT',
      fields: { idNumber: expect.any(String) },
    });
    const young = await worker.request('POST', url, {
      name: '少年',
      idNumber: makeIdNumber('2008-11-03'),
      appliedOn: '2026-11-02',
    });
    expect(young.statusCode).toBe(400);
    expect(young.json().error.code).toBe('AGE_UNDER_MIN');
    expect(young.json().error.message).toContain('未满18周岁');
    expect(young.json().error.fields).toHaveProperty('appliedOn');
    const schema = await worker.request('POST', url, {
      name: '',
      idNumber: makeIdNumber('1990-01-01'),
      appliedOn: '2026-13-01',
    });
    expect(schema.statusCode).toBe(400);
    expect(Object.keys(schema.json().error.fields).sort()).toEqual(['appliedOn', 'name']);
    const notBranch = await admin.request('POST', `/api/orgs/${t.fixture.townA.id}/development/candidates`, {
      name: '乡镇',
      idNumber: makeIdNumber('1990-01-01'),
      appliedOn: '2026-11-02',
    });
    expect(notBranch.json().error.code).toBe('NOT_A_BRANCH');
    expect(await countRows()).toEqual(before);
  });

  it('registers an applicant, audited, with the ID number encrypted and masked', async () => {
    const idNumber = makeIdNumber('1998-04-12', 123);
    const res = await worker.request('POST', `/api/orgs/${t.fixture.branchA.id}/development/candidates`, {
      name: '陈申',
      idNumber,
      appliedOn: '2024-09-02',
    });
    expect(res.statusCode).toBe(201);
    const c = res.json().data.candidate;
    candidateId = c.id;
    expect(c).toMatchObject({
      name: '陈申',
      gender: '男',
      birthDate: '1998-04-12',
      status: '申请人',
      lastStep: 1,
      idNumber: '3301**********' + idNumber.slice(-4),
    });
    const row = await t.ctx.db
      .selectFrom('dev_candidates')
      .selectAll()
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(row.id_number_enc).not.toContain(idNumber);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'development.candidate.create')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).not.toContain(idNumber);
    const dup = await worker.request('POST', `/api/orgs/${t.fixture.branchA.id}/development/candidates`, {
      name: '陈申',
      idNumber,
      appliedOn: '2024-09-02',
    });
    expect(dup.statusCode).toBe(409);
  });

  it('refuses a step before its predecessor and a late talk, naming the rule', async () => {
    const before = await countRows();
    const early = await step(worker, { step: 3, doneOn: '2024-10-15', method: '党员推荐' });
    expect(early.statusCode).toBe(400);
    expect(early.json().error).toMatchObject({ code: 'STEP_ORDER', fields: { step: expect.any(String) } });
    const late = await step(worker, { step: 2, doneOn: '2024-10-03', talker: '李华' });
    expect(late.json().error.code).toBe('TALK_LATE');
    expect(late.json().error.message).toContain('规则：收到入党申请书后1个月内派人谈话');
    const missing = await step(worker, { step: 2, doneOn: '2024-09-20' });
    expect(missing.json().error).toMatchObject({
      code: 'FIELD_REQUIRED',
      fields: { talker: expect.any(String) },
    });
    expect(await countRows()).toEqual(before);
  });

  it('walks the record from application to 预备党员: committee steps from above, introducers, vote, approval', async () => {
    expect((await step(worker, { step: 2, doneOn: '2024-09-20', talker: '李华' })).statusCode).toBe(201);
    expect((await step(worker, { step: 3, doneOn: '2024-10-15', method: '党员推荐' })).statusCode).toBe(201);
    const byBranch = await step(worker, { step: 4, doneOn: '2024-10-20' });
    expect(byBranch.statusCode).toBe(403); // 上级党委备案 is not the branch's to record
    expect((await step(admin, { step: 4, doneOn: '2024-10-20' })).statusCode).toBe(201);
    const twoMany = await step(worker, {
      step: 5,
      doneOn: '2024-10-21',
      contacts: [persons['张明'], persons['李华'], persons['王强']],
    });
    expect(twoMany.json().error.code).toBe('CONTACTS_INVALID');
    expect(
      (await step(worker, { step: 5, doneOn: '2024-10-21', contacts: [persons['张明']] })).statusCode,
    ).toBe(201);
    expect((await step(worker, { step: 6, doneOn: '2025-03-10', summary: '表现良好' })).statusCode).toBe(201);
    expect((await step(worker, { step: 6, doneOn: '2025-09-01', summary: '表现良好' })).statusCode).toBe(201);
    const short = await step(worker, {
      step: 7,
      doneOn: '2025-10-14',
      publicityStart: '2025-09-29',
      publicityEnd: '2025-10-13',
    });
    expect(short.json().error.code).toBe('ACTIVIST_PERIOD_SHORT');
    expect(short.json().error.message).toContain('积极分子培养期11个月29天，不满1年');
    // 2025-10-09..10-13: 10-09, 10-10, 10-11 (make-up Saturday), 10-13 = 4 working days
    const pub = await step(worker, {
      step: 7,
      doneOn: '2025-10-15',
      publicityStart: '2025-10-09',
      publicityEnd: '2025-10-13',
    });
    expect(pub.json().error).toMatchObject({ code: 'PUBLICITY_SHORT' });
    expect(pub.json().error.message).toContain('仅4个工作日');
    expect(
      (
        await step(worker, {
          step: 7,
          doneOn: '2025-10-15',
          publicityStart: '2025-10-09',
          publicityEnd: '2025-10-14',
        })
      ).statusCode,
    ).toBe(201);
    expect((await step(admin, { step: 8, doneOn: '2025-10-27' })).statusCode).toBe(201);
    const probationer = await step(worker, {
      step: 9,
      doneOn: '2025-11-03',
      introducers: [persons['张明'], persons['王强']],
    });
    expect(probationer.statusCode).toBe(400);
    expect(probationer.json().error).toMatchObject({
      code: 'INTRODUCER_INVALID',
      fields: { introducers: expect.stringContaining('王强') },
    });
    expect(
      (await step(worker, { step: 9, doneOn: '2025-11-03', introducers: [persons['张明'], persons['李华']] }))
        .statusCode,
    ).toBe(201);
    expect(
      (await step(worker, { step: 10, doneOn: '2025-12-01', conclusion: '政治审查合格' })).statusCode,
    ).toBe(201);
    expect(
      (await step(admin, { step: 11, doneOn: '2025-12-10', trainingDays: 2, trainingHours: 16 })).json().error
        .code,
    ).toBe('TRAINING_SHORT');
    expect((await step(admin, { step: 11, doneOn: '2025-12-10', trainingDays: 3 })).statusCode).toBe(201);
    expect((await step(worker, { step: 12, doneOn: '2026-01-05' })).statusCode).toBe(201);
    expect(
      (
        await step(admin, {
          step: 13,
          doneOn: '2026-01-20',
          publicityStart: '2026-01-12',
          publicityEnd: '2026-01-16',
        })
      ).statusCode,
    ).toBe(201);
    expect((await step(worker, { step: 14, doneOn: '2026-01-26' })).statusCode).toBe(201);
    // On 2026-02-02 the branch had 3 full members (孙离 left on 2026-03-01): 应到会 3, quorum needs 2.
    const noQuorum = await step(worker, {
      step: 15,
      doneOn: '2026-02-02',
      vote: { exclusions: [], present: 1, for: 1, against: 0, abstain: 0 },
    });
    expect(noQuorum.json().error).toMatchObject({
      code: 'VOTE_NO_QUORUM',
      fields: { vote: expect.stringContaining('应到会正式党员3人') },
    });
    // Ordinary leave (因事请假) is not an approved case: 孙离 stays in 应到会 (issue 16).
    const onLeave = await step(worker, {
      step: 15,
      doneOn: '2026-02-02',
      vote: {
        exclusions: [{ personId: persons['孙离'], name: '孙离', case: 'personalLeave', note: '因事请假' }],
        present: 2,
        for: 2,
        against: 0,
        abstain: 0,
      },
    });
    expect(onLeave.statusCode).toBe(400);
    expect(onLeave.body).not.toContain('请假');
    const excused = await step(worker, {
      step: 15,
      doneOn: '2026-02-02',
      vote: {
        exclusions: [
          { personId: persons['孙离'], name: '孙离', case: 'awayUntransferred', note: '外出务工半年以上' },
        ],
        present: 2,
        for: 2,
        against: 0,
        abstain: 0,
      },
    });
    expect(excused.statusCode).toBe(201);
    expect(excused.json().data.step.data.vote).toMatchObject({ fullMembers: 3 });
    expect((await step(admin, { step: 16, doneOn: '2026-02-20', talker: '组织员' })).statusCode).toBe(201);
    const lateApproval = await step(admin, { step: 17, doneOn: '2026-05-04' });
    expect(lateApproval.json().error).toMatchObject({
      code: 'APPROVAL_LATE',
      fields: { lateReason: expect.any(String) },
    });
    const approved = await step(admin, { step: 17, doneOn: '2026-03-10' });
    expect(approved.statusCode).toBe(201);
    expect(approved.json().data.candidate.status).toBe('预备党员');
    const row = await t.ctx.db
      .selectFrom('dev_candidates')
      .selectAll()
      .where('id', '=', candidateId)
      .executeTakeFirstOrThrow();
    const person = await t.ctx.db
      .selectFrom('persons')
      .selectAll()
      .where('id', '=', row.person_id!)
      .executeTakeFirstOrThrow();
    expect(person).toMatchObject({
      name: '陈申',
      category: '预备党员',
      joined_on: '2026-02-02',
      birth_date: '1998-04-12',
    });
    const ms = await t.ctx.db
      .selectFrom('memberships')
      .selectAll()
      .where('person_id', '=', person.id)
      .execute();
    expect(ms.map((m) => [m.org_id, m.category, m.valid_from, m.valid_to])).toEqual([
      [t.fixture.branchA.id, '预备党员', '2026-03-10', null],
    ]);
  });

  it('audits the branch: the probationer needs 考察 entries; with them, nothing is listed', async () => {
    const before = (await admin.request('GET', `/api/orgs/${t.fixture.townA.id}/development/audit`)).json()
      .data;
    expect(before.violations.map((v: { code: string; step: number }) => [v.code, v.step])).toEqual([
      ['REVIEW_GAP', 21],
    ]);
    expect((await step(worker, { step: 19, doneOn: '2026-03-15' })).statusCode).toBe(201);
    expect((await step(admin, { step: 20, doneOn: '2026-04-01' })).statusCode).toBe(201);
    expect(
      (await step(worker, { step: 21, doneOn: '2026-06-01', summary: '按期参加组织生活' })).statusCode,
    ).toBe(201);
    expect((await step(worker, { step: 21, doneOn: '2026-11-01', summary: '表现良好' })).statusCode).toBe(
      201,
    );
    const after = (await admin.request('GET', `/api/orgs/${t.fixture.townA.id}/development/audit`)).json()
      .data;
    expect(after.violations).toEqual([]);
    const board = (
      await worker.request('GET', `/api/orgs/${t.fixture.branchA.id}/development/candidates`)
    ).json().data;
    expect(
      board.candidates.map((c: { name: string; stage: number; violations: number }) => [
        c.name,
        c.stage,
        c.violations,
      ]),
    ).toEqual([['陈申', 5, 0]]);
  });

  it('accepts a rule-breaking step as history and lists it in the audit', async () => {
    const res = await worker.request('POST', `/api/orgs/${t.fixture.branchA.id}/development/candidates`, {
      name: '林补',
      idNumber: makeIdNumber('1995-07-07', 222),
      appliedOn: '2026-08-03',
    });
    const id = res.json().data.candidate.id;
    const late = await worker.request('POST', `/api/development/candidates/${id}/steps`, {
      step: 2,
      doneOn: '2026-09-30',
      talker: '张明',
      materials: ['谈话记录'],
      asHistory: true,
    });
    expect(late.statusCode).toBe(201);
    expect(late.json().data.findings.map((f: { code: string }) => f.code)).toEqual(['TALK_LATE']);
    const audit = (await admin.request('GET', `/api/orgs/${t.fixture.townA.id}/development/audit`)).json()
      .data;
    expect(audit.violations).toEqual([
      expect.objectContaining({
        candidate: '林补',
        step: 2,
        code: 'TALK_LATE',
        detail: expect.stringContaining('超过1个月'),
      }),
    ]);
    const detail = (await worker.request('GET', `/api/development/candidates/${id}`)).json().data;
    expect(detail.steps.find((s: { step: number }) => s.step === 2).asHistory).toBe(true);
    expect(detail.violations[0].ruleTitle).toBe('收到入党申请书后1个月内派人谈话');
  });

  it('generates the 公示 notice and the 支部大会决议 as .docx', async () => {
    const pub = await worker.request(
      'GET',
      `/api/development/candidates/${candidateId}/documents/publicity.docx`,
    );
    expect(pub.statusCode).toBe(200);
    expect(pub.headers['content-type']).toContain('wordprocessingml');
    const body = pub.rawPayload;
    expect(body.subarray(0, 2).toString()).toBe('PK');
    expect(body.toString('utf8')).toContain('关于陈申同志拟接收为中共预备党员的公示');
    expect(body.toString('utf8')).toContain('2026年1月12日至2026年1月16日');
    const res = await worker.request(
      'GET',
      `/api/development/candidates/${candidateId}/documents/resolution.docx`,
    );
    expect(res.rawPayload.toString('utf8')).toContain('应到会有表决权的正式党员2名，实到2名');
  });

  it('转正 after the 预备期: the roster shows a full member from the day it ended', async () => {
    t.setNow('2027-02-10T02:00:00.000Z');
    worker = await t.login('worker_a');
    admin = await t.login('admin_a');
    expect((await step(worker, { step: 22, doneOn: '2027-01-10' })).statusCode).toBe(201);
    const vote = { exclusions: [], present: 2, for: 2, against: 0, abstain: 0 };
    const early = await step(worker, {
      step: 23,
      doneOn: '2027-02-01',
      publicityStart: '2027-01-18',
      publicityEnd: '2027-01-22',
      vote,
      outcome: '按期转正',
    });
    expect(early.json().error.code).toBe('PROBATION_NOT_ENDED');
    expect(
      (
        await step(worker, {
          step: 23,
          doneOn: '2027-02-03',
          publicityStart: '2027-01-25',
          publicityEnd: '2027-01-29',
          vote,
          outcome: '按期转正',
        })
      ).statusCode,
    ).toBe(201);
    const approved = await step(admin, { step: 24, doneOn: '2027-02-09' });
    expect(approved.statusCode).toBe(201);
    expect(approved.json().data.candidate.status).toBe('正式党员');
    const row = await t.ctx.db
      .selectFrom('dev_candidates')
      .selectAll()
      .where('id', '=', candidateId)
      .executeTakeFirstOrThrow();
    const person = await t.ctx.db
      .selectFrom('persons')
      .selectAll()
      .where('id', '=', row.person_id!)
      .executeTakeFirstOrThrow();
    expect(person).toMatchObject({ category: '正式党员', full_member_on: '2027-02-02' });
    const ms = await t.ctx.db
      .selectFrom('memberships')
      .selectAll()
      .where('person_id', '=', person.id)
      .orderBy('valid_from')
      .execute();
    expect(ms.map((m) => [m.category, m.valid_from, m.valid_to])).toEqual([
      ['预备党员', '2026-03-10', '2027-02-02'],
      ['正式党员', '2027-02-02', null],
    ]);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'development.step.record')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail)).toMatchObject({ step: 24, roster: { fullMemberOn: '2027-02-02' } });
    t.setNow('2026-11-23T02:00:00.000Z');
    worker = await t.login('worker_a');
    admin = await t.login('admin_a');
  });

  it('quotas: set by the level above, used by approvals, enforced at 审批', async () => {
    const sys = await t.login('sysadmin');
    const created = await sys.request('POST', '/api/users', {
      username: 'county_org',
      displayName: '县委组织部',
      scopeOrgId: t.fixture.county.id,
      initialPassword: 'County-Org-Pass-1',
    });
    expect(created.statusCode).toBe(201);
    // 三员分立: the account is created without roles; the security administrator grants them.
    const grant = await (await t.login('secadmin')).request('PUT', `/api/users/${created.json().data.id}/roles`, {
      roles: ['org_admin'],
    });
    expect(grant.statusCode).toBe(200);
    const county = await t.login('county_org', 'County-Org-Pass-1');
    expect(
      (
        await admin.request('PUT', `/api/orgs/${t.fixture.townA.id}/development/quotas`, {
          year: 2026,
          quota: 5,
        })
      ).statusCode,
    ).toBe(403);
    const bad = await county.request('PUT', `/api/orgs/${t.fixture.townA.id}/development/quotas`, {
      year: 2026,
      quota: -1,
    });
    expect(bad.json().error.fields).toHaveProperty('quota');
    expect(
      (
        await county.request('PUT', `/api/orgs/${t.fixture.townA.id}/development/quotas`, {
          year: 2026,
          quota: 1,
        })
      ).statusCode,
    ).toBe(200);
    const q = (
      await admin.request('GET', `/api/orgs/${t.fixture.townA.id}/development/quotas?year=2026`)
    ).json().data;
    expect(q).toEqual([expect.objectContaining({ orgName: '甲镇党委', quota: 1, used: 1, remaining: 0 })]);
    expect(
      (
        await t.ctx.db
          .selectFrom('audit_log')
          .select('seq')
          .where('action', '=', 'development.quota.set')
          .execute()
      ).length,
    ).toBe(1);
  });

  it('the working-day calendar: read by all, extended by the system administrator only', async () => {
    const cal = (await admin.request('GET', '/api/development/calendar?year=2026')).json().data as Array<{
      date: string;
      kind: string;
    }>;
    expect(cal).toContainEqual(expect.objectContaining({ date: '2026-10-10', kind: 'workday' }));
    const body = {
      days: [{ date: '2027-02-20', kind: 'workday', name: '春节调休上班' }],
      source: '国务院办公厅关于2027年部分节假日安排的通知',
    };
    expect((await admin.request('PUT', '/api/development/calendar', body)).statusCode).toBe(403);
    const sys = await t.login('sysadmin');
    expect((await sys.request('PUT', '/api/development/calendar', body)).statusCode).toBe(200);
    const bad = await sys.request('PUT', '/api/development/calendar', {
      days: [{ date: '2027-02-30', kind: 'x', name: '' }],
      source: '',
    });
    expect(bad.statusCode).toBe(400);
    const after = (await admin.request('GET', '/api/development/calendar?year=2027')).json().data;
    expect(after).toContainEqual(expect.objectContaining({ date: '2027-02-20', kind: 'workday' }));
    await t.app.close();
  });
});
