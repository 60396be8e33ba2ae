// The roster's cross-subtree cases on their own (the shared route-policy test runs them with every module's).
import { expect, it } from 'vitest';
import { openTestApp } from '../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';
import { rosterAuthzCases } from './roster.authz-cases.ts';

describeEachEngine('roster cross-subtree cases', (use) => {
  it('admin_a gets 403/404 and an authz_denied row for every township-B roster resource', async () => {
    const t = await openTestApp(use());
    const cases = await rosterAuthzCases.cases(t);
    await rosterAuthzCases.cases(t); // runs more than once in the shared test: must be repeatable
    const a = await t.login('admin_a');
    const denied = async () => (await t.ctx.db.selectFrom('audit_log').select('seq').where('action', '=', 'authz_denied').execute()).length;
    for (const [key, c] of Object.entries(cases)) {
      const before = await denied();
      const res = await a.request(key.split(' ')[0] as 'GET', c.url, c.body);
      expect([403, 404], `${key} ${res.body}`).toContain(res.statusCode);
      expect(await denied(), key).toBe(before + 1);
    }
    const open = await t.ctx.db.selectFrom('roster_transfers').select('status').execute();
    expect(open.every((o) => o.status === 'pending_acceptance')).toBe(true);
    await t.app.close();
  });
});
