// 留党察看 through the API as the member detail page uses it: who may write (policies.discipline),
// record, the record on the member, ending early only by 撤销处分, each write audited.
import { expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';

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
