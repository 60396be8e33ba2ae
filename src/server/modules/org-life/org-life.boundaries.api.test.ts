// Issue 16: the org-life rules tried at their boundaries, through the API on both engines —
// a 支委会 without quorum does not count, 党小组会 is owed by branches whose members are in
// 党小组, and a period still under way is 进行中, never 未达标.
import { expect, it } from 'vitest';
import { openTestApp, type Session, type TestApp } from '../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';
import { parsePeriod } from '../../../core/org-life/periods.ts';
import { complianceReport, rebuildCompliance } from './org-life.compliance.ts';
import { allCompliance } from './org-life.repository.ts';

const MINUTES =
  '支委会研究了春耕期间党员联系农户的分工，确定每名委员联系十户困难家庭，逐户了解种子化肥准备情况。' +
  '会议还讨论了村道维修预算公示的安排，要求先公示后施工，并确定由组织委员负责整理党员意见建议，下次会议通报落实情况。';

type Row = { orgCode: string; type: string; required: number; held: number; status: string; reason: string | null };

describeEachEngine('org-life compliance boundaries (issue 16)', (use) => {
  let t: TestApp;
  let worker: Session;
  let committeeMeeting = 0;
  const committee: number[] = [];
  const rows = async (month: string, on: string) =>
    (await complianceReport(t.ctx, 'TA-1', parsePeriod(month)!, on))!.rows as Array<Omit<Row, 'reason'>>;
  const apiRows = async (query: string) =>
    (
      await worker.request('GET', `/api/org-life/orgs/${t.fixture.branchA.id}/compliance?${query}`)
    ).json().data.rows as Row[];
  const consistent = async () => {
    const incremental = await allCompliance(t.ctx.db);
    await t.ctx.db.transaction().execute((trx) => rebuildCompliance(t.ctx, trx));
    expect(await allCompliance(t.ctx.db)).toEqual(incremental);
  };

  it('setup: branch A gets a 支委会 (8 full members, a committee of 6) on 5 March 2026', async () => {
    t = await openTestApp(use());
    t.setNow('2026-03-05T02:00:00.000Z');
    worker = await t.login('worker_a');
    const now = t.ctx.now().toISOString();
    const { branchA } = t.fixture;
    for (const name of ['周一', '吴二', '郑三', '冯四', '陈五']) {
      const { id } = await t.ctx.db
        .insertInto('persons')
        .values({ name, gender: '男', category: '正式党员', birth_date: '1975-01-01', joined_on: '2000-07-01', full_member_on: '2001-07-01', education: null, id_number_enc: null, id_number_bidx: null, id_number_masked: null, phone_enc: null, phone_bidx: null, phone_masked: null, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await t.ctx.db.insertInto('memberships').values({ person_id: id, org_id: branchA.id, org_path: branchA.path, category: '正式党员', valid_from: '2020-01-01', valid_to: null, reason: '转入', created_at: now }).execute();
      await t.ctx.db.insertInto('positions').values({ person_id: id, org_id: branchA.id, post: '委员', valid_from: '2025-01-01', valid_to: null, basis: '选举', created_at: now }).execute();
      committee.push(id);
    }
    const res = await worker.request('POST', '/api/org-life/meetings', {
      orgId: branchA.id,
      type: '支部委员会会议',
      title: '二月支委会',
      heldOn: '2026-02-10',
    });
    expect(res.statusCode).toBe(201);
    committeeMeeting = res.json().data[0].id;
    // 张明 (书记 until 15 February) and the five 委员.
    expect(res.json().data[0].counts).toMatchObject({ expected: 6, present: 0 });
  });

  it('a 支委会 held with nobody present stays on record but does not make February 达标', async () => {
    const rec = await worker.request('PUT', `/api/org-life/meetings/${committeeMeeting}/record`, {
      minutes: MINUTES,
    });
    expect(rec.statusCode).toBe(200);
    expect(rec.json().data).toMatchObject({ status: 'held' });
    const row = (await rows('2026-02', '2026-03-05')).find((r) => r.type === '支部委员会会议')!;
    expect(row).toMatchObject({ required: 1, held: 0, status: '未达标' });
    const api = (await apiRows('year=2026&month=2')).find((r) => r.type === '支部委员会会议')!;
    expect(api.status).toBe('未达标');
    expect(api.reason).toContain('会议未达法定人数');
    const report = await complianceReport(t.ctx, 'TA-1', parsePeriod('2026-02')!, '2026-03-05');
    expect(report!.findings.map((f) => f.code)).toContain('QUORUM_NOT_MET');
    await consistent();
  });

  it.each([
    [3, '未达标', 0], // 3 of 6 is half, not more than half
    [4, '达标', 1],
    [3, '未达标', 0], // one marked absent again: the count goes back
  ])('%i of 6 committee members present → %s (held %i)', async (present, status, held) => {
    const people = [
      (await t.ctx.db.selectFrom('persons').select('id').where('name', '=', '张明').executeTakeFirstOrThrow()).id,
      ...committee,
    ];
    for (const [i, personId] of people.entries()) {
      const res = await worker.request('POST', `/api/org-life/meetings/${committeeMeeting}/attendance`, {
        personId,
        status: i < present ? '出席' : '缺席',
      });
      expect(res.statusCode).toBe(200);
    }
    const row = (await rows('2026-02', '2026-03-05')).find((r) => r.type === '支部委员会会议')!;
    expect(row).toMatchObject({ held, status });
    await consistent();
  });

  it('党小组会: 不适用 while no member is in a group; owed once members are assigned', async () => {
    const none = (await rows('2026-02', '2026-03-05')).find((r) => r.type === '党小组会')!;
    expect(none.status).toBe('不适用');
    const now = t.ctx.now().toISOString();
    for (const name of ['张明', '李华']) {
      const { id } = await t.ctx.db.selectFrom('persons').select('id').where('name', '=', name).executeTakeFirstOrThrow();
      await t.ctx.db
        .insertInto('roster_profiles')
        .values({ person_id: id, native_place: null, degree: null, work_unit: null, post: null, identity: null, address_enc: null, party_status_reason: null, party_status_on: null, floating_destination: null, floating_since: null, community_org_id: null, group_org_id: t.fixture.groupA.id, group_since: '2026-02-01', updated_at: now })
        .execute();
    }
    const feb = (await rows('2026-02', '2026-03-05')).find((r) => r.type === '党小组会')!;
    expect(feb).toMatchObject({ required: 1, held: 0, status: '未达标' });
    // Assigned from 1 February: January owed nothing.
    expect((await rows('2026-01', '2026-03-05')).find((r) => r.type === '党小组会')!.status).toBe('不适用');
    const res = await worker.request('POST', '/api/org-life/meetings', {
      orgId: t.fixture.groupA.id,
      type: '党小组会',
      title: '二月党小组会',
      heldOn: '2026-02-20',
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().data[0].id as number;
    expect(
      (await worker.request('PUT', `/api/org-life/meetings/${id}/record`, { minutes: MINUTES })).statusCode,
    ).toBe(200);
    expect((await rows('2026-02', '2026-03-05')).find((r) => r.type === '党小组会')).toMatchObject({
      required: 1,
      held: 1,
      status: '达标',
    });
    await consistent();
  });

  it('the month under way is 进行中 in the report, the API filter and the heatmap; a closed one 未达标', async () => {
    expect((await rows('2026-03', '2026-03-05')).find((r) => r.type === '主题党日')!.status).toBe('进行中');
    expect((await rows('2026-03', '2026-03-31')).find((r) => r.type === '主题党日')!.status).toBe('进行中');
    expect((await rows('2026-03', '2026-04-01')).find((r) => r.type === '主题党日')!.status).toBe('未达标');
    const open = await apiRows('year=2026&month=3&status=进行中');
    expect(open.map((r) => r.type)).toEqual(expect.arrayContaining(['主题党日', '党小组会', '支部委员会会议']));
    expect(open.every((r) => r.status === '进行中' && r.reason)).toBe(true);
    const heat = async (type: string) =>
      (
        await worker.request(
          'GET',
          `/api/org-life/orgs/${t.fixture.branchA.id}/heatmap?year=2026&type=${encodeURIComponent(type)}`,
        )
      ).json().data.rows[0].cells as Array<{ month: string; status: string }>;
    const theme = await heat('主题党日');
    expect(theme.slice(0, 4).map((c) => c.status)).toEqual(['未达标', '未达标', '进行中', '不适用']);
    const group = await heat('党小组会');
    expect(group[1]).toMatchObject({ month: '2026-02', status: '达标' });
    expect(group[2]).toMatchObject({ month: '2026-03', status: '进行中' });
    await t.app.close();
  });
});
