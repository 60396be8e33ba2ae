import { expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';
import { makeIdNumber } from '../development/development.test-helpers.ts';
import type { NotificationChannel } from './channels.ts';
import { notifyDevelopmentDeadlines, notifyTermsDue, sendDailyDigests } from './notifications.jobs.ts';
import { drainOutbox, notify } from './notifications.service.ts';

describeEachEngine('notifications API', (use) => {
  let t: TestApp;

  const rowsOf = (userId: number) =>
    t.ctx.db.selectFrom('notifications').selectAll().where('user_id', '=', userId).orderBy('id').execute();
  const send = (userId: number, key: string, title = `通知${key}`) =>
    t.ctx.db.transaction().execute((trx) =>
      notify(t.ctx, trx, {
        kind: 'term.due',
        title,
        body: `${title}的内容`,
        link: `/orgs/${t.fixture.branchA.id}/org-system`,
        dedupeKey: key,
        recipients: [userId],
        orgPath: t.fixture.branchA.path,
      }),
    );

  it('lists the signed-in user’s own notifications, newest first, with unread and total; pages', async () => {
    t = await openTestApp(use());
    const { workerA, adminA } = t.fixture.users;
    t.setNow('2026-11-23T02:00:00.000Z');
    expect(await send(workerA, 'a', '第一条')).toBe(1);
    t.setNow('2026-11-23T03:00:00.000Z');
    await send(workerA, 'b', '第二条');
    t.setNow('2026-11-23T04:00:00.000Z');
    await send(workerA, 'c', '第三条');
    await send(adminA, 'a', '别人的');
    // The same key again notifies nobody twice.
    expect(await send(workerA, 'a', '第一条重复')).toBe(0);

    const w = await t.login('worker_a');
    const res = await w.request('GET', '/api/notifications?limit=2');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ unread: 3, total: 3, limit: 2, offset: 0 });
    expect(body.data.map((n: { title: string }) => n.title)).toEqual(['第三条', '第二条']);
    expect(Object.keys(body.data[0]).sort()).toEqual([
      'body',
      'createdAt',
      'id',
      'kind',
      'link',
      'readAt',
      'title',
    ]);
    expect(body.data[0]).toMatchObject({
      kind: 'term.due',
      readAt: null,
      link: `/orgs/${t.fixture.branchA.id}/org-system`,
    });
    const page2 = (await w.request('GET', '/api/notifications?limit=2&offset=2')).json();
    expect(page2.data.map((n: { title: string }) => n.title)).toEqual(['第一条']);
    const bad = await w.request('GET', '/api/notifications?limit=0');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('每页条数');
  });

  it('marks one read (audited, idempotent); another user’s answers 404, is audited as denied and changes nothing', async () => {
    const { workerA, adminA } = t.fixture.users;
    const w = await t.login('worker_a');
    const mine = (await rowsOf(workerA))[0]!;
    const theirs = (await rowsOf(adminA))[0]!;
    const audits = async (action: string) =>
      (await t.ctx.db.selectFrom('audit_log').select('seq').where('action', '=', action).execute()).length;

    const deniedBefore = await audits('authz_denied');
    const foreign = await w.request('POST', `/api/notifications/${theirs.id}/read`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.message).toBe('通知不存在');
    expect(await audits('authz_denied')).toBe(deniedBefore + 1);
    expect((await rowsOf(adminA))[0]!.read_at).toBeNull();
    expect((await w.request('POST', '/api/notifications/999999/read')).statusCode).toBe(404);

    const readBefore = await audits('notification.read');
    const res = await w.request('POST', `/api/notifications/${mine.id}/read`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ data: { id: mine.id }, unread: 2 });
    expect(res.json().data.readAt).not.toBeNull();
    expect(await audits('notification.read')).toBe(readBefore + 1);
    // Again: still read, nothing new audited.
    expect((await w.request('POST', `/api/notifications/${mine.id}/read`)).statusCode).toBe(200);
    expect(await audits('notification.read')).toBe(readBefore + 1);
  });

  it('全部已读 marks every unread notification of the caller only', async () => {
    const { workerA, adminA } = t.fixture.users;
    const w = await t.login('worker_a');
    const res = await w.request('POST', '/api/notifications/read-all');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ data: { marked: 2 }, unread: 0 });
    expect((await rowsOf(workerA)).every((n) => n.read_at !== null)).toBe(true);
    expect((await rowsOf(adminA)).every((n) => n.read_at === null)).toBe(true);
    expect((await w.request('GET', '/api/notifications')).json()).toMatchObject({ unread: 0, total: 3 });
    // Anyone signed in has a bell, the 三员 too.
    const s = await t.login('sysadmin');
    expect((await s.request('GET', '/api/notifications')).json()).toMatchObject({
      data: [],
      unread: 0,
      total: 0,
    });
    expect((await t.app.inject({ method: 'GET', url: '/api/notifications' })).statusCode).toBe(401);
  });

  it('writes an outbox row per channel: the in-app one is sent in the notifying transaction', async () => {
    const { workerA } = t.fixture.users;
    const latest = (await rowsOf(workerA)).at(-1)!;
    const outbox = await t.ctx.db
      .selectFrom('notification_outbox')
      .selectAll()
      .where('notification_id', '=', latest.id)
      .execute();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ channel: 'in_app', status: 'sent', attempts: 1, last_error: null });
    expect(outbox[0]!.sent_at).not.toBeNull();
  });

  it('an outside channel waits in the outbox and is delivered (with retries) by the drain, outside the transaction', async () => {
    const { adminA } = t.fixture.users;
    const calls: number[] = [];
    const sms: NotificationChannel = {
      id: 'sms_test',
      label: '短信（测试）',
      inline: false,
      // Fails on its first call, then delivers.
      deliver: (_ctx, n) => {
        calls.push(n.id);
        return Promise.resolve(calls.length === 1 ? { ok: false, error: '网关超时' } : { ok: true });
      },
    };
    await t.ctx.db.transaction().execute((trx) =>
      notify(
        t.ctx,
        trx,
        {
          kind: 'term.due',
          title: '外部渠道',
          body: '外部渠道的内容',
          link: null,
          dedupeKey: 'sms',
          recipients: [adminA],
          orgPath: null,
        },
        [sms],
      ),
    );
    const row = () =>
      t.ctx.db
        .selectFrom('notification_outbox')
        .selectAll()
        .where('channel', '=', 'sms_test')
        .executeTakeFirstOrThrow();
    expect(await row()).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await drainOutbox(t.ctx, [sms])).toEqual({ sent: 0, failed: 0, retrying: 1 });
    expect(await row()).toMatchObject({ status: 'pending', attempts: 1, last_error: '网关超时' });
    expect(await drainOutbox(t.ctx, [sms])).toEqual({ sent: 1, failed: 0, retrying: 0 });
    expect(await row()).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
    expect(await drainOutbox(t.ctx, [sms])).toEqual({ sent: 0, failed: 0, retrying: 0 });
    expect(calls).toHaveLength(2);
  });

  it('daily jobs: 临近换届 to the organisation and its parent, 发展党员 deadlines to the branch workers, once per key', async () => {
    const { workerA, adminA, memberA, adminB } = t.fixture.users;
    const a = await t.login('admin_a');
    // Rural branch: 5-year term, ends 2027-02-01, within the 6 months' reminder.
    const term = await a.request('POST', `/api/org-system/orgs/${t.fixture.branchA.id}/terms`, {
      number: 3,
      electedOn: '2022-02-01',
    });
    expect(term.statusCode, term.body).toBe(201);
    const w = await t.login('worker_a');
    const cand = await w.request('POST', `/api/orgs/${t.fixture.branchA.id}/development/candidates`, {
      name: '陈申',
      idNumber: makeIdNumber('1998-04-12', 123),
      appliedOn: '2026-11-10',
    });
    expect(cand.statusCode, cand.body).toBe(201);
    const candidateId = cand.json().data.candidate.id as number;

    const termKey = `term:${t.fixture.branchA.id}:2027-02-01`;
    const devKey = `development:${candidateId}:2:2026-12-10`;
    const byKey = async (key: string) =>
      (
        await t.ctx.db
          .selectFrom('notifications')
          .select(['user_id', 'title', 'link'])
          .where('dedupe_key', '=', key)
          .execute()
      )
        .map((r) => Number(r.user_id))
        .sort();
    for (let run = 0; run < 2; run++) {
      await notifyTermsDue(t.ctx);
      await notifyDevelopmentDeadlines(t.ctx);
    }
    // worker_a is scoped at the branch, admin_a at its parent township; the member and township B are not told.
    expect(await byKey(termKey)).toEqual([adminA, workerA].sort());
    expect(await byKey(devKey)).toEqual([workerA]);
    expect(await byKey(termKey)).not.toContain(memberA);
    expect(await byKey(termKey)).not.toContain(adminB);
    const dev = await t.ctx.db
      .selectFrom('notifications')
      .selectAll()
      .where('dedupe_key', '=', devKey)
      .executeTakeFirstOrThrow();
    expect(dev).toMatchObject({
      kind: 'development.due',
      link: `/development/candidates/${candidateId}`,
      org_id: t.fixture.branchA.id,
    });
    expect(dev.body).toContain('派人谈话期限');
  });

  it('daily digest: one per user and day, unread notifications and the alerts of their scope; idempotent', async () => {
    const { workerA, adminA, memberA, sysadmin } = t.fixture.users;
    await sendDailyDigests(t.ctx);
    await sendDailyDigests(t.ctx);
    const digests = await t.ctx.db
      .selectFrom('notifications')
      .select(['user_id', 'title', 'body', 'dedupe_key', 'link'])
      .where('kind', '=', 'digest')
      .execute();
    const of = (u: number) => digests.filter((d) => Number(d.user_id) === u);
    expect(of(adminA)).toHaveLength(1);
    expect(of(adminA)[0]!.dedupe_key).toBe('digest:2026-11-23');
    // Those who run organisations are led to their 工作台, where the alerts are.
    expect(of(adminA)[0]!.link).toBe(`/orgs/${t.fixture.townA.id}/workbench`);
    expect(of(adminA)[0]!.body).toMatch(/^您有\d+条未读通知/);
    expect(of(workerA)).toHaveLength(1);
    // Nothing unread for the member, and the 三员 get no digest.
    expect(of(memberA)).toHaveLength(0);
    expect(of(sysadmin)).toHaveLength(0);
    // Next day: a new digest, which does not count the earlier digest as unread.
    t.setNow('2026-11-24T02:00:00.000Z');
    await sendDailyDigests(t.ctx);
    const next = await t.ctx.db
      .selectFrom('notifications')
      .select(['body'])
      .where('user_id', '=', workerA)
      .where('dedupe_key', '=', 'digest:2026-11-24')
      .executeTakeFirstOrThrow();
    const unreadNonDigest = await t.ctx.db
      .selectFrom('notifications')
      .select('id')
      .where('user_id', '=', workerA)
      .where('read_at', 'is', null)
      .where('kind', '!=', 'digest')
      .execute();
    expect(next.body).toContain(`您有${unreadNonDigest.length}条未读通知`);
  });
});
