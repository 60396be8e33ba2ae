// Organisational life's alert sources (预警) on both engines: each alert opens while its condition
// holds and closes through the API write that fixes it (recording the missed meeting, lengthening
// short minutes, submitting and acknowledging the annual plan).
import { expect, it } from 'vitest';
import { openTestApp, type Session, type TestApp } from '../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';
import { refreshAlerts } from '../alerts/alerts.service.ts';

const LONG_MINUTES =
  '会议由支部书记主持，首先通报了本季度村级事务公开情况，随后讨论春季防火值班安排，确定由三名党员分片包干巡查。' +
  '与会党员就村道维修资金使用提出意见，建议先公示预算再施工。会议还研究了两户困难群众临时救助申请，同意上报镇民政办。' +
  '最后书记布置了下季度的学习内容，要求每名党员结合岗位谈一条具体承诺并在下次会议上交流落实情况。';

/** What one branch writes and another copies (neither resembles LONG_MINUTES). */
const COPIED_MINUTES =
  '四月主题党日围绕乡村振兴开展学习讨论，党员观看了产业发展专题片，分组讨论村集体经济发展思路。' +
  '大家建议依托山林资源发展林下种植，由党员带头试种，合作社统一收购。支部书记总结时要求各党小组下月前提交具体方案，' +
  '并安排两名党员联系农技站开展技术培训，确保项目年内见效。';

const pad = (n: number) => String(n).padStart(2, '0');

/** A complete 2026 plan for the types the branch must cover. */
function fullPlan(types: string[]) {
  const out: Array<{ period: string; type: string; theme: string }> = [];
  for (const type of types) {
    const periods =
      type === '主题党日' || type === '支部委员会会议'
        ? Array.from({ length: 12 }, (_, i) => `2026-${pad(i + 1)}`)
        : type === '组织生活会'
          ? ['2026-12']
          : ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'];
    for (const period of periods)
      out.push({ period, type, theme: `${type}：${period}结合东村实际开展学习和为民服务活动` });
  }
  return out;
}

describeEachEngine('org-life alert sources', (use) => {
  let t: TestApp;
  let worker: Session;

  const open = (code: string, subjectId?: string) => {
    let q = t.ctx.db.selectFrom('alerts').selectAll().where('code', '=', code).where('is_open', '=', 1);
    if (subjectId !== undefined) q = q.where('subject_id', '=', subjectId);
    return q.execute();
  };

  it('LIFE_MISSED opens for a closed quarter without 支部党员大会 and closes when the meeting is recorded; LIFE_QUALITY follows the minutes', async () => {
    t = await openTestApp(use());
    t.setNow('2026-04-02T02:00:00.000Z');
    worker = await t.login('worker_a');
    const { branchA } = t.fixture;
    await refreshAlerts(t.ctx, { sources: ['org-life.compliance', 'org-life.quality'] });
    const subject = `${branchA.id}:2026:支部党员大会`;
    const [missed] = await open('LIFE_MISSED', subject);
    expect(missed).toMatchObject({
      org_id: branchA.id,
      severity: 'orange',
      link: `/orgs/${branchA.id}/org-life`,
    });
    expect(missed!.detail).toContain('2026-Q1');
    // April is under way (进行中): the missed months are named, April is not.
    const themeDay = (await open('LIFE_MISSED', `${branchA.id}:2026:主题党日`))[0]!;
    expect(themeDay.detail).toContain('2026-03');
    expect(themeDay.detail).not.toContain('2026-04');

    // 补开: a 支部党员大会 held on 31 March, everyone present, recorded with too-short minutes.
    const res = await worker.request('POST', '/api/org-life/meetings', {
      orgId: branchA.id,
      type: '支部党员大会',
      title: '一季度党员大会',
      heldOn: '2026-03-31',
    });
    expect(res.statusCode).toBe(201);
    const meetingId = res.json().data[0].id as number;
    const attendees = await t.ctx.db
      .selectFrom('life_attendance')
      .select('person_id')
      .where('meeting_id', '=', meetingId)
      .execute();
    for (const a of attendees) {
      const r = await worker.request('POST', `/api/org-life/meetings/${meetingId}/attendance`, {
        personId: a.person_id,
        status: '出席',
      });
      expect(r.statusCode).toBe(200);
    }
    const short = await worker.request('PUT', `/api/org-life/meetings/${meetingId}/record`, {
      minutes: '传达学习文件，讨论村务。',
    });
    expect(short.statusCode).toBe(200);
    expect(await open('LIFE_MISSED', subject)).toHaveLength(0);
    const closed = await t.ctx.db
      .selectFrom('alerts')
      .selectAll()
      .where('id', '=', missed!.id)
      .executeTakeFirstOrThrow();
    expect(closed.is_open).toBe(0);
    const [quality] = await open('LIFE_QUALITY', `${meetingId}:MINUTES_SHORT`);
    expect(quality).toMatchObject({
      org_id: branchA.id,
      since: '2026-03-31',
      link: `/org-life/meetings/${meetingId}`,
    });

    const long = await worker.request('PUT', `/api/org-life/meetings/${meetingId}/record`, {
      minutes: LONG_MINUTES,
    });
    expect(long.statusCode).toBe(200);
    expect(await open('LIFE_QUALITY', `${meetingId}:MINUTES_SHORT`)).toHaveLength(0);
  });

  it("LIFE_COPIED opens on both sides when one branch copies another's minutes and closes on both when rewritten", async () => {
    const { branchA, branchB } = t.fixture;
    const other = await t.login('admin_b');
    const held = async (s: Session, orgId: number) => {
      const r = await s.request('POST', '/api/org-life/meetings', {
        orgId,
        type: '主题党日',
        title: '四月主题党日',
        heldOn: '2026-04-01',
      });
      expect(r.statusCode).toBe(201);
      return r.json().data[0].id as number;
    };
    const mine = await held(worker, branchA.id);
    const theirs = await held(other, branchB.id);
    expect(
      (await worker.request('PUT', `/api/org-life/meetings/${mine}/record`, { minutes: COPIED_MINUTES }))
        .statusCode,
    ).toBe(200);
    expect(
      (await other.request('PUT', `/api/org-life/meetings/${theirs}/record`, { minutes: COPIED_MINUTES }))
        .statusCode,
    ).toBe(200);
    const copied = await open('LIFE_COPIED');
    expect(copied.map((a) => [a.subject_id, a.org_id]).sort()).toEqual(
      [
        [String(mine), branchA.id],
        [String(theirs), branchB.id],
      ].sort(),
    );
    expect(copied.find((a) => a.org_id === branchB.id)!.detail).toContain('甲镇东村党支部');

    const rewritten = await other.request('PUT', `/api/org-life/meetings/${theirs}/record`, {
      minutes:
        '本次主题党日组织党员到敬老院开展志愿服务，为老人打扫卫生、理发、读报。活动结束后召开座谈会，' +
        '党员交流了参加志愿服务的体会，支部书记要求把为民服务常态化，每月固定一天开展走访慰问，并建立困难群众联系台账，逐户落实帮扶责任人。',
    });
    expect(rewritten.statusCode).toBe(200);
    expect(await open('LIFE_COPIED')).toHaveLength(0);
  });

  it('PLAN_NOT_SUBMITTED closes on submission, PLAN_UNACKNOWLEDGED opens and closes when the parent acknowledges', async () => {
    const { branchA, branchA2 } = t.fixture;
    await refreshAlerts(t.ctx, { sources: ['org-life.plans'] });
    const subject = `${branchA.id}:2026`;
    expect(await open('PLAN_NOT_SUBMITTED', subject)).toHaveLength(1);
    expect(await open('PLAN_NOT_SUBMITTED', `${branchA2.id}:2026`)).toHaveLength(1);

    const url = `/api/org-life/orgs/${branchA.id}/plans/2026`;
    const required = (await worker.request('GET', url)).json().data.requiredTypes as string[];
    expect((await worker.request('PUT', url, { items: fullPlan(required) })).statusCode).toBe(200);
    // A draft is not yet submitted.
    expect(await open('PLAN_NOT_SUBMITTED', subject)).toHaveLength(1);
    expect((await worker.request('POST', `${url}/submit`)).statusCode).toBe(200);
    expect(await open('PLAN_NOT_SUBMITTED', subject)).toHaveLength(0);
    const [waiting] = await open('PLAN_UNACKNOWLEDGED', subject);
    expect(waiting).toMatchObject({ org_id: branchA.id, role: 'org_admin', since: '2026-04-02' });
    // The other branch's alert is untouched by a refresh scoped to branch A.
    expect(await open('PLAN_NOT_SUBMITTED', `${branchA2.id}:2026`)).toHaveLength(1);

    const admin = await t.login('admin_a');
    expect((await admin.request('POST', `${url}/acknowledge`)).statusCode).toBe(200);
    expect(await open('PLAN_UNACKNOWLEDGED', subject)).toHaveLength(0);
    await t.app.close();
  });
});
