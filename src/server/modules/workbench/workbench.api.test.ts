// The workbench on both engines: the contract shape, KPIs equal to a recount of the subtree, the
// branch worker's to-do for a member's transfer request (gone once it is handled), ranking and
// trends of the children, and refusal for roles the workbench is not for.
import { expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';
import { refreshIndicators } from '../indicators/indicators.service.ts';

describeEachEngine('workbench', (use) => {
  let t: TestApp;

  it('answers the contract: kpis, alert counts by code and severity, todos', async () => {
    t = await openTestApp(use());
    const a = await t.login('admin_a');
    const res = await a.request('GET', `/api/workbench?orgId=${t.fixture.townA.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json().data;
    expect(d.kpis.length).toBeGreaterThanOrEqual(6);
    for (const k of d.kpis) {
      expect(Object.keys(k)).toEqual(expect.arrayContaining(['key', 'label', 'value', 'unit']));
      expect(k.label).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(d.alerts.bySeverity).toEqual({
      red: expect.any(Number),
      orange: expect.any(Number),
      yellow: expect.any(Number),
    });
    expect(typeof d.alerts.byCode).toBe('object');
    expect(Array.isArray(d.todos)).toBe(true);
    // Without orgId: the actor's own scope.
    const own = (await a.request('GET', '/api/workbench')).json().data;
    expect(own.org.id).toBe(t.fixture.townA.id);
  });

  it('counts the subtree, not the direct members: members and orgs equal a recount', async () => {
    const a = await t.login('admin_a');
    const kpis = (await a.request('GET', `/api/workbench?orgId=${t.fixture.townA.id}`)).json().data
      .kpis as Array<{
      key: string;
      value: number | null;
    }>;
    const members = await t.ctx.db
      .selectFrom('memberships')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('org_path', 'like', `${t.fixture.townA.path}%`)
      .where('valid_to', 'is', null)
      .executeTakeFirstOrThrow();
    expect(kpis.find((k) => k.key === 'members')!.value).toBe(Number(members.n));
    // 甲镇党委 itself and its two branches (the 党小组 is not counted).
    expect(kpis.find((k) => k.key === 'orgs')!.value).toBe(3);
    // Of 甲镇党委 and its two branches only branch A has a secretary (李华): 1 of 3.
    expect(kpis.find((k) => k.key === 'secretaryRate')!.value).toBe(33.3);
  });

  it('lists a member transfer request for the branch worker until the branch handles it', async () => {
    const m = await t.login('member_a');
    const filed = await m.request('POST', '/api/roster/me/transfer-request', {
      destination: 'in_system',
      toOrgCode: 'TA-2',
      reason: '搬家到西村',
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const w = await t.login('worker_a');
    const todos = (await w.request('GET', '/api/workbench')).json().data.todos as Array<{
      kind: string;
      title: string;
      link: string;
    }>;
    const req = todos.find((x) => x.kind === 'transfer_request');
    expect(req?.title).toContain('张明');
    expect(req?.link).toBe(`/orgs/${t.fixture.branchA.id}/roster/transfers`);
    const declined = await w.request(
      'POST',
      `/api/roster/transfer-requests/${filed.json().data.id}/decline`,
      {
        reason: '情况有变，暂不转出',
      },
    );
    expect(declined.statusCode, declined.body).toBe(200);
    const after = (await w.request('GET', '/api/workbench')).json().data.todos as Array<{ kind: string }>;
    expect(after.some((x) => x.kind === 'transfer_request')).toBe(false);
    // Township B's worker-less admin sees nothing of it: another subtree.
    const b = await t.login('admin_b');
    const other = (await b.request('GET', '/api/workbench')).json().data.todos as Array<{ title: string }>;
    expect(other.some((x) => x.title.includes('张明'))).toBe(false);
  });

  it('ranks the child organisations and gives 12 months of trends', async () => {
    await refreshIndicators(t.ctx);
    const a = await t.login('admin_a');
    const rank = (await a.request('GET', `/api/workbench/ranking?orgId=${t.fixture.townA.id}`)).json().data;
    const members = rank.indicators.find((i: { key: string }) => i.key === 'members');
    expect(members.rows.map((r: { orgId: number }) => r.orgId).sort()).toEqual(
      [t.fixture.branchA.id, t.fixture.branchA2.id].sort(),
    );
    const values = members.rows.map((r: { value: number }) => r.value);
    expect(values).toEqual([...values].sort((x: number, y: number) => y - x));
    const trends = (await a.request('GET', `/api/workbench/trends?orgId=${t.fixture.townA.id}`)).json().data;
    expect(trends.months).toHaveLength(12);
    for (const s of trends.series) expect(s.values).toHaveLength(12);
  });

  it('is not for members or the 三员', async () => {
    for (const u of ['member_a', 'auditor', 'secadmin', 'sysadmin']) {
      const s = await t.login(u);
      expect((await s.request('GET', '/api/workbench')).statusCode, u).toBe(403);
    }
  });
});
