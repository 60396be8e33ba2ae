// 评议考核's alert sources (预警) on both engines: a rectification past its deadline opens
// RECTIFICATION_OVERDUE until the parent approves its closure; a 失联登记 opens LOST_CONTACT until
// contact is restored. Each closes through the API write that fixes it.
import { expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';
import { refreshAlerts } from '../alerts/alerts.service.ts';

describeEachEngine('evaluation alert sources', (use) => {
  let t: TestApp;

  const open = (code: string, subjectId: string) =>
    t.ctx.db
      .selectFrom('alerts')
      .selectAll()
      .where('code', '=', code)
      .where('subject_id', '=', subjectId)
      .where('is_open', '=', 1)
      .execute();

  it('RECTIFICATION_OVERDUE opens after the deadline and closes when the parent approves the closure', async () => {
    t = await openTestApp(use());
    const { branchA } = t.fixture;
    const admin = await t.login('admin_a');
    const made = await admin.request('POST', '/api/rectifications', {
      orgId: branchA.id,
      title: '组织生活记录不规范',
      deadline: '2026-11-30',
    });
    expect(made.statusCode).toBe(201);
    const id = made.json().data.id as number;
    await refreshAlerts(t.ctx, { sources: ['evaluation.rectifications'] });
    expect(await open('RECTIFICATION_OVERDUE', String(id))).toHaveLength(0);

    t.setNow('2026-12-02T02:00:00.000Z');
    await refreshAlerts(t.ctx, { sources: ['evaluation.rectifications'] });
    const [overdue] = await open('RECTIFICATION_OVERDUE', String(id));
    expect(overdue).toMatchObject({
      org_id: branchA.id,
      severity: 'red',
      since: '2026-11-30',
      due: '2026-11-30',
      link: `/orgs/${branchA.id}/evaluation?tab=rectifications`,
    });

    const worker = await t.login('worker_a');
    const asked = await worker.request('POST', `/api/rectifications/${id}/request-closure`, {
      note: '已补齐记录',
      evidence: '整改后的会议记录',
    });
    expect(asked.statusCode).toBe(200);
    // Closure requested is not closed: the alert stays, saying so.
    const [waiting] = await open('RECTIFICATION_OVERDUE', String(id));
    expect(waiting!.detail).toContain('待上级审核');
    // Signed in again: the clock moved past the first session's idle limit.
    const upper = await t.login('admin_a');
    const approved = await upper.request('POST', `/api/rectifications/${id}/review`, {
      approve: true,
      note: '同意销号',
    });
    expect(approved.statusCode).toBe(200);
    expect(await open('RECTIFICATION_OVERDUE', String(id))).toHaveLength(0);
  });

  it('LOST_CONTACT opens with the 失联登记 and closes when contact is restored', async () => {
    const { branchA } = t.fixture;
    const liHua = (
      await t.ctx.db.selectFrom('persons').select('id').where('name', '=', '李华').executeTakeFirstOrThrow()
    ).id;
    const worker = await t.login('worker_a');
    const reg = await worker.request('POST', '/api/evaluation/lost-contacts', {
      orgId: branchA.id,
      personId: liHua,
      since: '2026-05-01',
      searches: '电话无人接听，走访家属未果',
    });
    expect(reg.statusCode).toBe(201);
    const registration = String(reg.json().data.id);
    const [lost] = await open('LOST_CONTACT', registration);
    expect(lost).toMatchObject({
      org_id: branchA.id,
      since: '2026-05-01',
      subject_label: '李华',
      severity: 'red',
    });
    const found = await worker.request('POST', `/api/evaluation/lost-contacts/${reg.json().data.id}/found`, {
      foundOn: '2026-12-01',
    });
    expect(found.statusCode).toBe(200);
    expect(await open('LOST_CONTACT', registration)).toHaveLength(0);
    await t.app.close();
  });
});
