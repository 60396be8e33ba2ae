// 问题清单 on both engines: an alert and a 组织生活会's problems become items on the one
// rectification engine; the board lists every source of the subtree with counts; bad input is
// refused with the row named and nothing written; closing needs evidence and the upper level.
import { expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';
import { addDays, chinaDate } from '../../../core/shared/dates.ts';
import { problemSubjects } from './problems.authz-cases.ts';

describeEachEngine('problems (问题清单)', (use) => {
  let t: TestApp;
  let subj: { alertId: number; meetingId: number };
  const rectCount = async () =>
    Number(
      (
        await t.ctx.db
          .selectFrom('rect_items')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('turns an open alert into a rectification item once', async () => {
    t = await openTestApp(use());
    subj = await problemSubjects(t, t.fixture.branchA, '甲镇东村');
    const w = await t.login('worker_a');
    const due = addDays(chinaDate(t.ctx.now()), 20);
    const res = await w.request('POST', '/api/problems/from-alert', { alertId: subj.alertId, deadline: due });
    expect(res.statusCode, res.body).toBe(201);
    const item = res.json().data;
    expect(item).toMatchObject({
      sourceType: 'alert',
      sourceId: subj.alertId,
      orgId: t.fixture.branchA.id,
      deadline: due,
      status: 'open',
    });
    expect(item.title).toMatch(/^组织生活未达标：/);
    const again = await w.request('POST', '/api/problems/from-alert', {
      alertId: subj.alertId,
      deadline: due,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/已转为整改事项/);
  });

  it('writes every problem of a 组织生活会 or none, naming the row at fault', async () => {
    const w = await t.login('worker_a');
    const before = await rectCount();
    const today = chinaDate(t.ctx.now());
    const bad = await w.request('POST', '/api/problems/from-meeting', {
      meetingId: subj.meetingId,
      problems: [
        { title: '理论学习不够系统', deadline: addDays(today, 30) },
        { title: '联系群众不够经常', deadline: addDays(today, -1) },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('第2条问题：整改时限不能早于今天');
    expect(await rectCount()).toBe(before);
    const good = await w.request('POST', '/api/problems/from-meeting', {
      meetingId: subj.meetingId,
      problems: [
        { title: '理论学习不够系统', deadline: addDays(today, 30), detail: '制定季度学习计划' },
        { title: '联系群众不够经常', deadline: addDays(today, 60) },
      ],
    });
    expect(good.statusCode, good.body).toBe(201);
    expect(good.json().data.items).toHaveLength(2);
    expect(await rectCount()).toBe(before + 2);
    const dup = await w.request('POST', '/api/problems/from-meeting', {
      meetingId: subj.meetingId,
      problems: [{ title: '理论学习不够系统', deadline: addDays(today, 30) }],
    });
    expect(dup.statusCode).toBe(409);
  });

  it('refuses a meeting that is not a 组织生活会 or 民主生活会, and an empty list', async () => {
    const w = await t.login('worker_a');
    await t.ctx.db
      .updateTable('life_meetings')
      .set({ type: '主题党日' })
      .where('id', '=', subj.meetingId)
      .execute();
    const res = await w.request('POST', '/api/problems/from-meeting', {
      meetingId: subj.meetingId,
      problems: [{ title: '问题', deadline: addDays(chinaDate(t.ctx.now()), 3) }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/组织生活会、民主生活会/);
    await t.ctx.db
      .updateTable('life_meetings')
      .set({ type: '组织生活会' })
      .where('id', '=', subj.meetingId)
      .execute();
    const empty = await w.request('POST', '/api/problems/from-meeting', {
      meetingId: subj.meetingId,
      problems: [],
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toMatch(/请至少填写一条查摆出的问题/);
  });

  it('lists the subtree across sources with counts; filters by source, open and overdue', async () => {
    const a = await t.login('admin_a');
    const res = await a.request('GET', `/api/problems?orgId=${t.fixture.townA.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json().data;
    expect(d.total).toBe(3);
    expect(d.items.map((i: { source: string }) => i.source).sort()).toEqual([
      'alerts',
      'org-life',
      'org-life',
    ]);
    expect(d.summary).toEqual({ open: 3, overdue: 0, closed: 0 });
    expect(d.sources.find((s: { source: string }) => s.source === 'org-life')).toMatchObject({
      label: '组织生活',
      open: 2,
    });
    const onlyAlerts = (
      await a.request('GET', `/api/problems?orgId=${t.fixture.townA.id}&source=alerts`)
    ).json().data;
    expect(onlyAlerts.items).toHaveLength(1);
    // 40 days on, the 20-day and 30-day items are overdue; the 60-day one is not.
    t.setNow(new Date(t.ctx.now().getTime() + 40 * 86400_000).toISOString());
    const a2 = await t.login('admin_a'); // the old session has expired
    const late = (await a2.request('GET', `/api/problems?orgId=${t.fixture.townA.id}&overdue=1`)).json().data;
    expect(late.items.map((i: { overdue: boolean }) => i.overdue)).toEqual([true, true]);
    expect(late.summary.overdue).toBe(2);
    // Township B sees none of it.
    const b = await t.login('admin_b');
    expect((await b.request('GET', `/api/problems?orgId=${t.fixture.townB.id}`)).json().data.total).toBe(0);
  });

  it('closes only with evidence, and only when the upper level accepts', async () => {
    const w = await t.login('worker_a');
    const list = (await w.request('GET', `/api/problems?orgId=${t.fixture.branchA.id}&source=alerts`)).json()
      .data;
    const id = list.items[0].id as number;
    const noEvidence = await w.request('POST', `/api/rectifications/${id}/request-closure`, {
      note: '已补开会议',
      evidence: '',
    });
    expect(noEvidence.statusCode).toBe(400);
    const asked = await w.request('POST', `/api/rectifications/${id}/request-closure`, {
      note: '已补开会议',
      evidence: '会议记录4份',
    });
    expect(asked.statusCode, asked.body).toBe(200);
    const self = await w.request('POST', `/api/rectifications/${id}/review`, { approve: true, note: '同意' });
    expect(self.statusCode).toBe(403);
    const a = await t.login('admin_a');
    const ok = await a.request('POST', `/api/rectifications/${id}/review`, {
      approve: true,
      note: '整改到位',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const after = (await a.request('GET', `/api/problems?orgId=${t.fixture.townA.id}&open=1`)).json().data;
    expect(after.items.every((i: { source: string }) => i.source !== 'alerts')).toBe(true);
  });
});
