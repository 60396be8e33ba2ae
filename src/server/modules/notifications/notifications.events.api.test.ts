// Events notify inside their own transactions: a scheduled meeting its attendees' accounts, a
// decided transfer request the member's account.
import { expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';

describeEachEngine('notifications from events', (use) => {
  let t: TestApp;
  const mine = async (username: string) => {
    const s = await t.login(username);
    return (await s.request('GET', '/api/notifications')).json() as {
      data: Array<{
        id: number;
        kind: string;
        title: string;
        body: string;
        link: string | null;
        readAt: string | null;
      }>;
      unread: number;
    };
  };

  it('scheduling a meeting notifies the accounts linked to its attendees, with the meeting page as link', async () => {
    t = await openTestApp(use());
    // worker_a's account is also 李华's (a member of branch A, so an attendee).
    await t.ctx.db
      .updateTable('users')
      .set({ person_id: t.fixture.secretaryA })
      .where('id', '=', t.fixture.users.workerA)
      .execute();
    const w = await t.login('worker_a');
    const res = await w.request('POST', '/api/org-life/meetings', {
      orgId: t.fixture.branchA.id,
      type: '主题党日',
      title: '十二月主题党日',
      heldOn: '2026-12-05',
      startTime: '09:00',
      place: '村党群服务中心',
    });
    expect(res.statusCode, res.body).toBe(201);
    const meetingId = res.json().data[0].id as number;
    // member_a is 张明's account, an attendee of branch A: the notice carries the date, time and
    // place; the meeting page is for those who keep the records, so a member's has no link.
    const m = await mine('member_a');
    expect(m.unread).toBe(1);
    expect(m.data[0]).toMatchObject({
      kind: 'meeting.scheduled',
      title: '会议通知：十二月主题党日',
      link: null,
      readAt: null,
    });
    expect(m.data[0]!.body).toContain('2026-12-05 09:00');
    expect(m.data[0]!.body).toContain('村党群服务中心');
    const staff = await mine('worker_a');
    expect(staff.data).toHaveLength(1);
    expect(staff.data[0]).toMatchObject({
      kind: 'meeting.scheduled',
      link: `/org-life/meetings/${meetingId}`,
    });
    // Accounts without an attending person (township B) get nothing.
    expect((await mine('admin_b')).data).toHaveLength(0);
    expect((await mine('admin_a')).data).toHaveLength(0);
    const outbox = await t.ctx.db
      .selectFrom('notification_outbox')
      .select(['status', 'channel'])
      .where('notification_id', '=', m.data[0]!.id)
      .execute();
    expect(outbox).toEqual([{ status: 'sent', channel: 'in_app' }]);
    // The worker opens the meeting page the notification leads to.
    expect((await w.request('GET', `/api/org-life/meetings/${meetingId}`)).statusCode).toBe(200);
  });

  it('a refused schedule (no attendees) notifies nobody: the notification lives and dies with its event', async () => {
    const before = await t.ctx.db.selectFrom('notifications').select('id').execute();
    const a = await t.login('admin_a');
    const res = await a.request('POST', '/api/org-life/meetings', {
      orgId: t.fixture.groupA.id,
      type: '党小组会',
      title: '没有编入党员的党小组会',
      heldOn: '2026-12-06',
    });
    expect(res.statusCode).toBe(400);
    expect(await t.ctx.db.selectFrom('notifications').select('id').execute()).toHaveLength(before.length);
  });

  it('deciding a transfer request notifies the member: declined with the reason, then taken up', async () => {
    const m = await t.login('member_a');
    const a = await t.login('admin_a');
    const file = () =>
      m.request('POST', '/api/roster/me/transfer-request', {
        destination: 'in_system',
        toOrgCode: 'TA-2',
        reason: '搬家到西村',
      });
    const first = await file();
    expect(first.statusCode, first.body).toBe(201);
    const declined = await a.request(
      'POST',
      `/api/roster/transfer-requests/${first.json().data.id}/decline`,
      {
        reason: '请先交清党费',
      },
    );
    expect(declined.statusCode, declined.body).toBe(200);
    let n = (await mine('member_a')).data.find((x) => x.kind === 'transfer.decided')!;
    expect(n).toMatchObject({ title: '组织关系转接申请未予办理', link: '/roster/me' });
    expect(n.body).toContain('甲镇西村党支部');
    expect(n.body).toContain('请先交清党费');

    const second = await file();
    expect(second.statusCode, second.body).toBe(201);
    const converted = await a.request(
      'POST',
      `/api/roster/transfer-requests/${second.json().data.id}/convert`,
    );
    expect(converted.statusCode, converted.body).toBe(201);
    const all = (await mine('member_a')).data.filter((x) => x.kind === 'transfer.decided');
    expect(all).toHaveLength(2);
    n = all[0]!;
    expect(n.title).toBe('组织关系转接申请已受理');
    // The deciding admin is not notified of their own decision.
    expect((await mine('admin_a')).data.filter((x) => x.kind === 'transfer.decided')).toHaveLength(0);
  });
});
