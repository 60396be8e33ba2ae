import { expect, it } from 'vitest';
import { openTestApp, type Session, type TestApp } from '../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';
import { PASSWORD } from '../../../../test/fixture.ts';
import { hashPassword } from '../auth/password-hash.ts';
import { insertUser } from '../users/users.repository.ts';
import { org_lifeAuthzCases } from './org-life.authz-cases.ts';
import {
  complianceFindings,
  complianceFindingsFromMeetings,
  complianceReport,
  findingRowsOf,
  rebuildCompliance,
  rebuildFindings,
} from './org-life.compliance.ts';
import { allCompliance, allFindings } from './org-life.repository.ts';
import { parsePeriod } from '../../../core/org-life/periods.ts';

const MINUTES =
  '会议由支部书记主持，首先通报了本月村级事务公开情况，随后讨论冬季防火值班安排，确定由三名党员分片包干巡查。' +
  '与会党员就村道维修资金使用提出意见，建议先公示预算再施工。会议还研究了两户困难群众临时救助申请，同意上报镇民政办。' +
  '最后书记布置了下月主题党日的学习内容，要求每名党员结合岗位谈一条具体承诺并在下次会议上交流落实情况。';

describeEachEngine('org-life API', (use) => {
  let t: TestApp;
  let worker: Session;
  let meetingId: number;
  const audits = async (action: string) =>
    (await t.ctx.db.selectFrom('audit_log').select('seq').where('action', '=', action).execute()).length;
  const meetingRow = async (id: number) =>
    t.ctx.db.selectFrom('life_meetings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const ledger = async (id: number) =>
    t.ctx.db
      .selectFrom('life_attendance')
      .select(['person_id', 'status'])
      .where('meeting_id', '=', id)
      .orderBy('person_id')
      .execute();

  it('refuses the anonymous (401) and validates with field names (400)', async () => {
    t = await openTestApp(use());
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/org-life/orgs/${t.fixture.townA.id}/compliance?year=2026`,
        })
      ).statusCode,
    ).toBe(401);
    worker = await t.login('worker_a');
    const bad = await worker.request('POST', '/api/org-life/meetings', {
      orgId: t.fixture.branchA.id,
      type: '茶话会',
      heldOn: '2026-02-30',
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().error.fields as Record<string, string>;
    expect(Object.keys(fields).sort()).toEqual(['heldOn', 'title', 'type']);
    expect(fields.heldOn).toContain('会议日期');
    expect(await t.ctx.db.selectFrom('life_meetings').select('id').execute()).toHaveLength(0);
  });

  it('schedules a meeting: snapshots the expected attendees, notifies them, audits', async () => {
    const before = await audits('life.meeting.schedule');
    const res = await worker.request('POST', '/api/org-life/meetings', {
      orgId: t.fixture.branchA.id,
      type: '主题党日',
      title: '十一月主题党日',
      heldOn: '2026-11-23',
      place: '村党群服务中心',
    });
    expect(res.statusCode).toBe(201);
    meetingId = res.json().data[0].id;
    expect(res.json().data[0].counts).toMatchObject({ expected: 3, present: 0 });
    // 孙离 left branch A on 2026-03-01: not expected.
    const names = (
      await t.ctx.db
        .selectFrom('life_attendance as a')
        .innerJoin('persons as p', 'p.id', 'a.person_id')
        .select('p.name')
        .where('a.meeting_id', '=', meetingId)
        .execute()
    )
      .map((r) => r.name)
      .sort();
    expect(names).toEqual(['张明', '李华', '王强'].sort());
    expect(
      await t.ctx.db
        .selectFrom('life_notifications')
        .select('id')
        .where('meeting_id', '=', meetingId)
        .execute(),
    ).toHaveLength(3);
    expect(await audits('life.meeting.schedule')).toBe(before + 1);
  });

  it('党小组会: the expected attendees are the branch members the roster assigns to the group', async () => {
    const group = t.fixture.groupA;
    const body = { orgId: group.id, type: '党小组会', title: '第一党小组学习', heldOn: '2026-11-26' };
    const none = await worker.request('POST', '/api/org-life/meetings', body);
    expect(none.statusCode).toBe(400);
    expect(none.json().error.message).toBe('该党小组没有编入党员，无法安排党小组会');
    const ids = await Promise.all(
      ['张明', '王强'].map(
        async (n) =>
          (await t.ctx.db.selectFrom('persons').select('id').where('name', '=', n).executeTakeFirstOrThrow())
            .id,
      ),
    );
    const now = t.ctx.now().toISOString();
    for (const [i, id] of ids.entries()) {
      await t.ctx.db
        .insertInto('roster_profiles')
        .values({
          person_id: id,
          native_place: null,
          degree: null,
          work_unit: null,
          post: null,
          identity: null,
          address_enc: null,
          party_status_reason: null,
          party_status_on: null,
          floating_destination: null,
          floating_since: null,
          community_org_id: null,
          group_org_id: group.id,
          group_since: i === 0 ? '2026-01-01' : '2026-12-01',
          updated_at: now,
        })
        .onConflict((oc) =>
          oc
            .column('person_id')
            .doUpdateSet({ group_org_id: group.id, group_since: i === 0 ? '2026-01-01' : '2026-12-01' }),
        )
        .execute();
    }
    // 王强 joins the group only from 1 December: not expected on 26 November.
    const res = await worker.request('POST', '/api/org-life/meetings', body);
    expect(res.statusCode).toBe(201);
    const id = res.json().data[0].id as number;
    const names = (
      await t.ctx.db
        .selectFrom('life_attendance as a')
        .innerJoin('persons as p', 'p.id', 'a.person_id')
        .select('p.name')
        .where('a.meeting_id', '=', id)
        .execute()
    ).map((r) => r.name);
    expect(names).toEqual(['张明']);
    expect(
      (await worker.request('POST', `/api/org-life/meetings/${id}/cancel`, { reason: '测试后取消' }))
        .statusCode,
    ).toBe(200);
  });

  it('a township-A admin is refused every township-B resource, with an authz_denied row', async () => {
    const a = await t.login('admin_a');
    const cases = await org_lifeAuthzCases.cases(t);
    for (const [key, c] of Object.entries(cases)) {
      const method = key.split(' ')[0] as 'GET' | 'POST' | 'PUT';
      const before = await audits('authz_denied');
      const res = await a.request(method, c.url, c.body);
      expect([403, 404], key).toContain(res.statusCode);
      expect(await audits('authz_denied'), key).toBe(before + 1);
    }
    const b = await t.ctx.db
      .selectFrom('life_meetings')
      .select(['status', 'minutes'])
      .where('org_id', '=', t.fixture.branchB.id)
      .execute();
    expect(b.every((m) => m.status === 'scheduled' && m.minutes === null)).toBe(true);
  });

  it('QR sign-in: valid once; forged, expired, repeated and non-member sign-ins are refused and change nothing', async () => {
    const code = await worker.request('POST', `/api/org-life/meetings/${meetingId}/sign-in-code`);
    expect(code.statusCode).toBe(200);
    const token = code.json().data.token as string;
    const member = await t.login('member_a');
    const forged = await member.request('POST', `/api/org-life/meetings/${meetingId}/sign-in`, {
      token: token.slice(0, -3) + (token.endsWith('AAA') ? 'BBB' : 'AAA'),
    });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error).toMatchObject({
      code: 'TOKEN_INVALID',
      fields: { token: expect.any(String) },
    });
    const snapshot = await ledger(meetingId);
    expect(snapshot.every((r) => r.status === '待签到')).toBe(true);

    const ok = await member.request('POST', `/api/org-life/meetings/${meetingId}/sign-in`, { token });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().data).toMatchObject({ status: '出席', present: 1, expected: 3 });
    const twice = await member.request('POST', `/api/org-life/meetings/${meetingId}/sign-in`, { token });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('ALREADY_SIGNED_IN');

    // 孙离 has an account but left the branch before the meeting.
    const leftId = (
      await t.ctx.db.selectFrom('persons').select('id').where('name', '=', '孙离').executeTakeFirstOrThrow()
    ).id;
    const hash = await hashPassword(PASSWORD, t.ctx.config.kdfLogN);
    await t.ctx.db.transaction().execute((trx) =>
      insertUser(trx, {
        username: 'member_left',
        displayName: '孙离',
        scopeOrgId: t.fixture.townA.id,
        hash,
        roles: ['member'],
        now: t.ctx.now().toISOString(),
        personId: leftId,
      }),
    );
    const left = await t.login('member_left');
    const outsider = await left.request('POST', `/api/org-life/meetings/${meetingId}/sign-in`, { token });
    expect(outsider.statusCode).toBe(400);
    expect(outsider.json().error.code).toBe('NOT_EXPECTED');

    t.setNow('2026-11-23T02:16:00.000Z');
    const expired = await left.request('POST', `/api/org-life/meetings/${meetingId}/sign-in`, { token });
    expect(expired.json().error.code).toBe('TOKEN_EXPIRED');
    t.setNow('2026-11-23T02:00:00.000Z');
    expect((await meetingRow(meetingId)).present_count).toBe(1);
  });

  it('the organiser records leave (reason required) and signs in on behalf', async () => {
    const wang = (
      await t.ctx.db.selectFrom('persons').select('id').where('name', '=', '王强').executeTakeFirstOrThrow()
    ).id;
    const li = (
      await t.ctx.db.selectFrom('persons').select('id').where('name', '=', '李华').executeTakeFirstOrThrow()
    ).id;
    const noReason = await worker.request('POST', `/api/org-life/meetings/${meetingId}/attendance`, {
      personId: wang,
      status: '请假',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields).toHaveProperty('reason');
    const leave = await worker.request('POST', `/api/org-life/meetings/${meetingId}/attendance`, {
      personId: wang,
      status: '请假',
      reason: '外出务工',
    });
    expect(leave.json().data).toMatchObject({ expected: 3, present: 1, leave: 1 });
    const behalf = await worker.request('POST', `/api/org-life/meetings/${meetingId}/attendance`, {
      personId: li,
      status: '出席',
      reason: '手机没电，由组织委员代签',
    });
    expect(behalf.json().data).toMatchObject({ present: 2 });
  });

  it('recording the minutes makes the branch 达标 for the month; the CLI report has the contract shape', async () => {
    const period = parsePeriod('2026-11')!;
    // Issue 16: on 23 November the month is under way — 进行中, not 未达标; once it is over, 未达标.
    const before = await complianceReport(t.ctx, 'TA', period, '2026-11-23');
    expect(before!.rows.find((r) => r.orgCode === 'TA-1' && r.type === '主题党日')).toMatchObject({
      required: 1,
      held: 0,
      status: '进行中',
    });
    const lastDay = await complianceReport(t.ctx, 'TA', period, '2026-11-30');
    expect(lastDay!.rows.find((r) => r.orgCode === 'TA-1' && r.type === '主题党日')!.status).toBe('进行中');
    const closed = await complianceReport(t.ctx, 'TA', period, '2026-12-01');
    expect(closed!.rows.find((r) => r.orgCode === 'TA-1' && r.type === '主题党日')!.status).toBe('未达标');
    const res = await worker.request('PUT', `/api/org-life/meetings/${meetingId}/record`, {
      agenda: '一、学习；二、讨论',
      minutes: MINUTES,
      resolutions: '同意上报救助申请',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({ status: 'held', recordedOn: '2026-11-23' });
    const after = await complianceReport(t.ctx, 'TA', period, '2026-11-23');
    expect(Object.keys(after!)).toEqual(['org', 'period', 'rows', 'findings']);
    expect(after!.org).toBe('TA');
    expect(after!.period).toBe('2026-11');
    expect(after!.rows.find((r) => r.orgCode === 'TA-1' && r.type === '主题党日')).toEqual({
      orgCode: 'TA-1',
      type: '主题党日',
      required: 1,
      held: 1,
      status: '达标',
    });
    expect(after!.rows.find((r) => r.orgCode === 'TA-1' && r.type === '支部委员会会议')!.status).toBe(
      '不适用',
    );
    expect(after!.rows.find((r) => r.orgCode === 'TA-1' && r.type === '支部党员大会')!.status).toBe('不适用');
    const api = await worker.request(
      'GET',
      `/api/org-life/orgs/${t.fixture.branchA.id}/compliance?year=2026&month=11`,
    );
    expect(api.statusCode).toBe(200);
    const heat = (
      await worker.request(
        'GET',
        `/api/org-life/orgs/${t.fixture.branchA.id}/heatmap?year=2026&type=主题党日`,
      )
    ).json().data;
    expect(heat.rows[0].cells[10]).toMatchObject({ month: '2026-11', status: '达标' });
    expect(heat.rows[0].cells[9]).toMatchObject({ month: '2026-10', status: '未达标' });
    expect(await complianceReport(t.ctx, 'NOPE', period, '2026-11-23')).toBeNull();
  });

  it('compliance filtered by type and status, paged with a total; bad filters are refused in Chinese', async () => {
    const url = `/api/org-life/orgs/${t.fixture.branchA.id}/compliance?year=2026&month=10`;
    const all = (await worker.request('GET', url)).json().data;
    expect(all).not.toHaveProperty('total');
    const expected = all.rows.filter((r: { type: string; status: string }) => r.type === '主题党日' && r.status === '未达标');
    expect(expected.length).toBeGreaterThan(0);
    const filtered = (await worker.request('GET', `${url}&type=主题党日&status=未达标`)).json().data;
    expect(filtered.rows).toEqual(expected);
    expect(filtered.findings).toEqual(all.findings);
    const met = (await worker.request('GET', `${url}&type=主题党日&status=达标`)).json().data;
    expect(met.rows).toEqual(
      all.rows.filter((r: { type: string; status: string }) => r.type === '主题党日' && r.status === '达标'),
    );
    const page = (await worker.request('GET', `${url}&type=主题党日&status=未达标&limit=1&offset=0`)).json().data;
    expect(page).toMatchObject({ total: expected.length, offset: 0, limit: 1 });
    expect(page.rows).toEqual(expected.slice(0, 1));
    const beyond = (await worker.request('GET', `${url}&limit=5&offset=100000`)).json().data;
    expect(beyond).toMatchObject({ rows: [], total: all.rows.length });
    for (const [query, field] of [
      ['&type=开会', 'type'],
      ['&status=差', 'status'],
      ['&limit=0', 'limit'],
      ['&offset=5', 'offset'],
    ] as const) {
      const bad = await worker.request('GET', url + query);
      expect(bad.statusCode, query).toBe(400);
      const message = bad.json().error.fields[`查询参数 ${field}`];
      expect(message, query).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('a copied record across periods is found with its similarity; a late record too', async () => {
    const res = await worker.request('POST', '/api/org-life/meetings', {
      orgId: t.fixture.branchA.id,
      type: '主题党日',
      title: '十月主题党日',
      heldOn: '2026-10-20',
    });
    const id = res.json().data[0].id as number;
    // 34 days later: the record is locked and needs a reason; it will also be late.
    const locked = await worker.request('PUT', `/api/org-life/meetings/${id}/record`, { minutes: MINUTES });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.fields).toHaveProperty('reason');
    expect((await meetingRow(id)).status).toBe('scheduled');
    const ok = await worker.request('PUT', `/api/org-life/meetings/${id}/record`, {
      minutes: MINUTES.replace('三名', '四名'),
      reason: '补录十月会议记录',
    });
    expect(ok.statusCode).toBe(200);
    expect(await audits('life.meeting.record.locked_edit')).toBe(1);
    const report = await complianceReport(t.ctx, 'TA', parsePeriod('2026')!, '2026-11-23');
    const similar = report!.findings.filter((f) => f.code === 'MINUTES_SIMILAR');
    expect(similar).toHaveLength(1);
    expect(similar[0]!.detail).toMatch(/相似度9\d%/);
    expect(report!.findings.some((f) => f.code === 'RECORD_LATE')).toBe(true);
  });

  it('a locked record edited without a reason is refused and unchanged; with a reason it is audited', async () => {
    t.setNow('2026-12-30T02:00:00.000Z');
    worker = await t.login('worker_a');
    const before = await meetingRow(meetingId);
    const refused = await worker.request('PUT', `/api/org-life/meetings/${meetingId}/record`, {
      minutes: MINUTES + '补充。',
    });
    expect(refused.statusCode).toBe(423);
    expect(refused.json().error.code).toBe('RECORD_LOCKED');
    expect(await meetingRow(meetingId)).toEqual(before);
    const edited = await worker.request('PUT', `/api/org-life/meetings/${meetingId}/record`, {
      minutes: MINUTES + '补充。',
      reason: '补记遗漏的一条意见',
    });
    expect(edited.statusCode).toBe(200);
    const row = await t.ctx.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'life.meeting.record.locked_edit')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.detail).reason).toBe('补记遗漏的一条意见');
    t.setNow('2026-11-23T02:00:00.000Z');
    worker = await t.login('worker_a');
  });

  it('the incremental compliance tables equal a rebuild from the meetings', async () => {
    const incremental = await allCompliance(t.ctx.db);
    expect(incremental.rows.length).toBeGreaterThan(0);
    expect(incremental.counters.length).toBeGreaterThan(0);
    await t.ctx.db.transaction().execute((trx) => rebuildCompliance(t.ctx, trx));
    expect(await allCompliance(t.ctx.db)).toEqual(incremental);
  });

  it('the stored quality findings equal a rebuild, and the report equals one judged from the meetings', async () => {
    // By now meetings went through scheduling, sign-in, attendance, recording and locked edits.
    const stored = await allFindings(t.ctx.db);
    expect(stored.length).toBeGreaterThan(0);
    await t.ctx.db.transaction().execute((trx) => rebuildFindings(t.ctx, trx));
    expect(await allFindings(t.ctx.db)).toEqual(stored);
    for (const key of ['2026', '2026-Q4', '2026-10']) {
      const period = parsePeriod(key)!;
      const root = await t.ctx.db
        .selectFrom('orgs')
        .select('path')
        .where('code', '=', 'T0')
        .executeTakeFirstOrThrow();
      const fromScratch = await complianceFindingsFromMeetings(t.ctx, root, period);
      expect(await complianceFindings(t.ctx, root, period), key).toEqual(fromScratch);
    }
    // The meeting recorded above carries exactly the findings the rules give its row.
    const row = await meetingRow(meetingId);
    expect(
      await t.ctx.db.selectFrom('life_findings').select('code').where('meeting_id', '=', meetingId).execute(),
    ).toEqual(findingRowsOf(t.ctx, row).map((f) => ({ code: f.code })));
  });

  it('a 党委 issues a series; each chosen branch gets its own meeting', async () => {
    const admin = await t.login('admin_a');
    const res = await admin.request('POST', '/api/org-life/series', {
      issuerOrgId: t.fixture.townA.id,
      type: '党课',
      theme: '学习新修订的条例',
      heldOn: '2026-11-28',
      deadline: '2026-12-10',
      orgIds: [t.fixture.branchA.id, t.fixture.branchA2.id],
    });
    expect(res.statusCode).toBe(201);
    // TA-2 has no members: skipped, and said so.
    expect(res.json().data).toMatchObject({ created: 1, skipped: ['TA-2'] });
    const s = (await admin.request('GET', `/api/org-life/series/${res.json().data.id}`)).json().data;
    expect(s).toMatchObject({ total: 1, done: 0 });
    const list = await admin.request('GET', `/api/org-life/orgs/${t.fixture.townA.id}/series?year=2026`);
    expect(list.statusCode).toBe(200);
    expect(list.json().data.series).toEqual([
      expect.objectContaining({
        id: res.json().data.id,
        theme: '学习新修订的条例',
        total: 1,
        done: 0,
        overdue: false,
      }),
    ]);
    expect(list.json().data.branches.map((b: { code: string }) => b.code)).toEqual(['TA-1', 'TA-2']);
    expect(list.json().policies).toEqual({ issue: true });
    expect(
      (await admin.request('GET', `/api/org-life/orgs/${t.fixture.townA.id}/series?year=2025`)).json().data
        .series,
    ).toEqual([]);
    const branchView = await worker.request(
      'GET',
      `/api/org-life/orgs/${t.fixture.branchA.id}/series?year=2026`,
    );
    expect(branchView.json()).toMatchObject({
      data: { series: [], branches: [] },
      policies: { issue: false },
    });
    const outside = await admin.request('POST', '/api/org-life/series', {
      issuerOrgId: t.fixture.townA.id,
      type: '党课',
      theme: '越级下发',
      heldOn: '2026-11-28',
      deadline: '2026-12-10',
      orgIds: [t.fixture.branchB.id],
    });
    // A branch of township B in the body: refused by the body-refs check, and audited.
    expect(outside.statusCode).toBe(403);
  });

  it('notifications: the member sees their own; the digest groups them per person', async () => {
    const member = await t.login('member_a');
    const list = (await member.request('GET', '/api/org-life/notifications')).json().data as Array<{
      id: number;
      title: string;
    }>;
    expect(list.length).toBeGreaterThanOrEqual(2);
    expect((await member.request('POST', `/api/org-life/notifications/${list[0]!.id}/read`)).statusCode).toBe(
      200,
    );
    const other = await t.ctx.db
      .selectFrom('life_notifications')
      .select('id')
      .where(
        'person_id',
        '!=',
        (
          await t.ctx.db
            .selectFrom('users')
            .select('person_id')
            .where('username', '=', 'member_a')
            .executeTakeFirstOrThrow()
        ).person_id!,
      )
      .executeTakeFirstOrThrow();
    expect((await member.request('POST', `/api/org-life/notifications/${other.id}/read`)).statusCode).toBe(
      404,
    );
  });

  it('attachments: type sniffed, stored behind the storage interface, downloadable in scope', async () => {
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from('image-bytes'),
    ]);
    const fake = await worker.request('POST', `/api/org-life/meetings/${meetingId}/attachments`, {
      fileName: 'a.png',
      mimeType: 'image/png',
      contentBase64: Buffer.from('MZ executable').toString('base64'),
    });
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error.fields).toHaveProperty('mimeType');
    process.env.DANGJIAN_DATA_DIR = (await import('node:os')).tmpdir();
    const up = await worker.request('POST', `/api/org-life/meetings/${meetingId}/attachments`, {
      fileName: '会场照片.png',
      mimeType: 'image/png',
      contentBase64: png.toString('base64'),
    });
    expect(up.statusCode).toBe(201);
    const down = await worker.request('GET', `/api/org-life/attachments/${up.json().data.id}`);
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(png)).toBe(true);
    delete process.env.DANGJIAN_DATA_DIR;
  });

  it('谈心谈话: recorded between members, coverage per branch', async () => {
    const [zhang, li] = await Promise.all(
      ['张明', '李华'].map(
        async (n) =>
          (await t.ctx.db.selectFrom('persons').select('id').where('name', '=', n).executeTakeFirstOrThrow())
            .id,
      ),
    );
    const res = await worker.request('POST', '/api/org-life/talks', {
      orgId: t.fixture.branchA.id,
      talkerPersonId: li,
      talkeePersonId: zhang,
      heldOn: '2026-11-20',
      topic: '谈工作分工和思想状况',
    });
    expect(res.statusCode).toBe(201);
    const same = await worker.request('POST', '/api/org-life/talks', {
      orgId: t.fixture.branchA.id,
      talkerPersonId: li,
      talkeePersonId: li,
      heldOn: '2026-11-20',
      topic: '自己谈自己',
    });
    expect(same.json().error.fields).toHaveProperty('talkeePersonId');
    const list = (
      await worker.request('GET', `/api/org-life/orgs/${t.fixture.branchA.id}/talks?year=2026`)
    ).json().data;
    expect(list.coverage).toMatchObject({ members: 3, covered: 1 });
    // Pairs (national rule: committee with each other and with every member): the 书记 李华 with 张明 and with 王强.
    expect(list.pairs).toMatchObject({ required: 2, covered: 1 });
    expect(
      list.pairs.missing.map((x: { a: { name: string }; b: { name: string } }) =>
        [x.a.name, x.b.name].sort().join('-'),
      ),
    ).toEqual([['李华', '王强'].sort().join('-')]);
    const admin = await t.login('admin_a');
    const sub = await admin.request(
      'GET',
      `/api/org-life/orgs/${t.fixture.townA.id}/talk-coverage?year=2026`,
    );
    expect(sub.statusCode).toBe(200);
    const rows = sub.json().data.rows as Array<{
      orgCode: string;
      required: number;
      covered: number;
      missing: number;
    }>;
    expect(rows.find((r) => r.orgCode === 'TA-1')).toMatchObject({ required: 2, covered: 1, missing: 1 });
    expect(rows.find((r) => r.orgCode === 'TA-2')).toMatchObject({ required: 0, covered: 0, missing: 0 });
    expect(rows.some((r) => r.orgCode.startsWith('TB'))).toBe(false);
    const bad = await admin.request('GET', `/api/org-life/orgs/${t.fixture.townA.id}/talk-coverage?year=abc`);
    expect(bad.statusCode).toBe(400);
    expect(
      Object.entries(bad.json().error.fields as Record<string, string>).find(([k]) =>
        k.endsWith('year'),
      )?.[1],
    ).toBe('年度必须是数字');
    // The year is under way on 23 November: 进行中; from 1 January the shortfall is final.
    const report = await complianceReport(t.ctx, 'TA-1', parsePeriod('2026')!, '2026-11-23');
    expect(report!.rows.find((r) => r.type === '谈心谈话')).toMatchObject({
      required: 3,
      held: 1,
      status: '进行中',
    });
    const closed = await complianceReport(t.ctx, 'TA-1', parsePeriod('2026')!, '2027-01-01');
    expect(closed!.rows.find((r) => r.type === '谈心谈话')).toMatchObject({ required: 3, status: '未达标' });
    await t.app.close();
  });
});
