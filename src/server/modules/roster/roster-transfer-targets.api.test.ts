// GET /api/roster/transfer-targets: the receiving branch of a transfer is found by name or code
// across the whole tree, but the answer holds nothing beyond id, code, name and parent name.
import { expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';

describeEachEngine('roster transfer targets', (use) => {
  let t: TestApp;

  it('a member of township A finds a branch of township B by name, with its parent and nothing else', async () => {
    t = await openTestApp(use());
    const member = await t.login('member_a');
    const res = await member.request('GET', `/api/roster/transfer-targets?q=${encodeURIComponent('南村')}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().data).toEqual([
      { id: t.fixture.branchB.id, code: 'TB-1', name: '乙镇南村党支部', parentName: '乙镇党委' },
    ]);
  });

  it('finds by code prefix; an exact code comes first; only active branches, never committees or groups', async () => {
    const worker = await t.login('worker_a');
    const codes = async (q: string) =>
      (
        (await worker.request('GET', `/api/roster/transfer-targets?q=${encodeURIComponent(q)}`)).json()
          .data as { code: string }[]
      ).map((r) => r.code);
    expect(await codes('TA')).toEqual(['TA-1', 'TA-2']); // not the township TA, not the group TA-1-1
    expect(await codes('TB-1')).toEqual(['TB-1']);
    expect(await codes('党委')).toEqual([]);
    expect(await codes('小组')).toEqual([]);
    // A dissolved branch is no target.
    await t.ctx.db
      .updateTable('orgs')
      .set({ status: 'dissolved', dissolved_on: '2026-11-01' })
      .where('id', '=', t.fixture.branchA2.id)
      .execute();
    expect(await codes('TA')).toEqual(['TA-1']);
    // LIKE wildcards are text.
    expect(await codes('T%')).toEqual([]);
  });

  it('refuses a search shorter than two characters (no listing of the whole directory), and anonymous and 三员 callers', async () => {
    const member = await t.login('member_a');
    const short = await member.request('GET', '/api/roster/transfer-targets?q=T');
    expect(short.statusCode).toBe(400);
    expect(JSON.stringify(short.json().error)).toContain('至少2个字');
    expect((await member.request('GET', '/api/roster/transfer-targets')).statusCode).toBe(400);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/roster/transfer-targets?q=南村' })).statusCode,
    ).toBe(401);
    const auditor = await t.login('auditor');
    expect(
      (await auditor.request('GET', `/api/roster/transfer-targets?q=${encodeURIComponent('南村')}`))
        .statusCode,
    ).toBe(403);
  });
});
