// 公开承诺's alert source (预警) on both engines: a published commitment whose 点评 is past the
// rulebook cadence opens REVIEW_OVERDUE; the review through the API closes it.
import { expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';
import { refreshAlerts } from '../alerts/alerts.service.ts';

describeEachEngine('commitments alert source', (use) => {
  let t: TestApp;

  const open = (subjectId: string) =>
    t.ctx.db
      .selectFrom('alerts')
      .selectAll()
      .where('code', '=', 'REVIEW_OVERDUE')
      .where('subject_id', '=', subjectId)
      .where('is_open', '=', 1)
      .execute();

  it('REVIEW_OVERDUE opens for a commitment not reviewed within the cadence and closes with the review', async () => {
    t = await openTestApp(use());
    const { branchA } = t.fixture;
    const person = async (name: string) =>
      (await t.ctx.db.selectFrom('persons').select('id').where('name', '=', name).executeTakeFirstOrThrow())
        .id;
    const admin = await t.login('admin_a');
    const made = await admin.request('POST', '/api/commitments', {
      orgId: branchA.id,
      committerKind: 'member',
      personId: await person('王强'),
      type: '年度承诺',
      year: 2026,
      title: '带头参加村道义务劳动',
      content: '每季度参加一次村道维护义务劳动。',
      dueOn: '2026-12-31',
    });
    expect(made.statusCode).toBe(201);
    const id = made.json().data.id as number;
    // Published in April and never reviewed: the 6-month review fell due on 1 October.
    await t.ctx.db
      .updateTable('cm_commitments')
      .set({ status: 'published', published_on: '2026-04-01', opinion_ends_on: '2026-03-31' })
      .where('id', '=', id)
      .execute();
    await refreshAlerts(t.ctx, { sources: ['commitments.reviews'] });
    const [overdue] = await open(String(id));
    expect(overdue).toMatchObject({
      org_id: branchA.id,
      severity: 'orange',
      due: '2026-10-01',
      since: '2026-10-01',
      link: `/commitments/${id}`,
    });
    expect(overdue!.detail).toContain('带头参加村道义务劳动');

    // The branch secretary (李华) reviews it.
    const review = await admin.request('POST', `/api/commitments/${id}/reviews`, {
      reviewerPersonId: await person('李华'),
      text: '按期参加义务劳动，带头作用明显',
      grade: '好',
    });
    expect(review.statusCode).toBe(201);
    expect(await open(String(id))).toHaveLength(0);
    await t.app.close();
  });
});
