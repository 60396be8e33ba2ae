// The registry on both engines: alerts open and close with their condition, counters per ancestor
// always equal a recount, and the org-system sources find real conditions.
import { expect, it } from 'vitest';
import type { AlertFinding } from '../../../core/alerts/alerts.rules.ts';
import { openTestApp, type TestApp } from '../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';
import type { AlertSource } from './alerts.registry.ts';
import * as repo from './alerts.repository.ts';
import { countsFor, refreshAlerts, syncSource } from './alerts.service.ts';

/** A source whose findings the test sets. */
function fakeSource(findings: () => AlertFinding[]): AlertSource {
  return {
    id: 'test.fake',
    codes: [
      {
        code: 'TERM_OVERDUE',
        label: '逾期未换届',
        group: '组织',
        role: 'org_admin',
        page: (id) => `/orgs/${id}`,
      },
    ],
    find: async (_ctx, _db, scope) => findings().filter((f) => f.orgPath.startsWith(scope)),
  };
}

async function recount(t: TestApp) {
  const stored = await repo.allCounts(t.ctx.db);
  await t.ctx.db.transaction().execute((trx) => repo.rebuildCounts(trx));
  return { stored, rebuilt: await repo.allCounts(t.ctx.db) };
}

describeEachEngine('alert registry', (use) => {
  let t: TestApp;

  it('opens, keeps, updates and closes alerts as the condition changes; counters equal a recount at each step', async () => {
    t = await openTestApp(use());
    const { branchA, branchB, townA, townB, county } = t.fixture;
    let now: AlertFinding[] = [];
    const src = fakeSource(() => now);
    const sync = (scope = '/') => t.ctx.db.transaction().execute((trx) => syncSource(t.ctx, trx, src, scope));
    const f = (org: { id: number; path: string }, detail = '任期届满未换届'): AlertFinding => ({
      code: 'TERM_OVERDUE',
      orgId: org.id,
      orgPath: org.path,
      subjectType: 'org',
      subjectId: String(org.id),
      subjectLabel: '支部',
      since: '2026-01-01',
      detail,
    });

    now = [f(branchA), f(branchB)];
    expect(await sync()).toMatchObject({ opened: 2, closed: 0 });
    expect((await countsFor(t.ctx, county.id)).byCode).toEqual({ TERM_OVERDUE: 2 });
    expect((await countsFor(t.ctx, townA.id)).byCode).toEqual({ TERM_OVERDUE: 1 });
    expect((await countsFor(t.ctx, county.id)).bySeverity).toEqual({ red: 2, orange: 0, yellow: 0 });

    // Refreshing again changes nothing; a changed detail is an update.
    expect(await sync()).toMatchObject({ opened: 0, closed: 0, updated: 0 });
    now = [f(branchA, '已逾期两个月'), f(branchB)];
    expect(await sync()).toMatchObject({ opened: 0, closed: 0, updated: 1 });

    // A refresh scoped to township A never touches township B's alerts.
    now = [];
    expect(await sync(townA.path)).toMatchObject({ closed: 1 });
    expect((await countsFor(t.ctx, townA.id)).byCode).toEqual({});
    expect((await countsFor(t.ctx, townB.id)).byCode).toEqual({ TERM_OVERDUE: 1 });
    const closed = await t.ctx.db
      .selectFrom('alerts')
      .selectAll()
      .where('org_id', '=', branchA.id)
      .executeTakeFirstOrThrow();
    expect(closed.is_open).toBe(0);
    expect(closed.closed_at).not.toBeNull();

    // The condition returns: a new alert opens, the closed one stays as history.
    now = [f(branchA), f(branchB)];
    expect(await sync()).toMatchObject({ opened: 1 });
    expect(
      await t.ctx.db.selectFrom('alerts').select('id').where('org_id', '=', branchA.id).execute(),
    ).toHaveLength(2);
    const { stored, rebuilt } = await recount(t);
    expect(stored).toEqual(rebuilt);
  });

  it('the org-system term source opens TERM_OVERDUE for a term past its end and closes it when a new term is recorded', async () => {
    const { branchA, county } = t.fixture;
    await t.ctx.db.deleteFrom('alerts').execute();
    await t.ctx.db.deleteFrom('alert_counts').execute();
    const now = t.ctx.now().toISOString();
    const term = await t.ctx.db
      .insertInto('os_terms')
      .values({
        org_id: branchA.id,
        org_path: branchA.path,
        number: 1,
        elected_on: '2020-06-01',
        years: 3,
        term_end: '2023-06-01',
        ended_on: null,
        renewal_id: null,
        basis: null,
        adjust_ref: null,
        adjust_reason: null,
        adjust_approved_on: null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await refreshAlerts(t.ctx, { sources: ['org-system.terms'] });
    const open = await repo.listUnder(t.ctx.db, '/', { code: 'TERM_OVERDUE' }, 10, 0);
    expect(open.total).toBe(1);
    expect(open.rows[0]).toMatchObject({
      org_id: branchA.id,
      since: '2023-06-01',
      due: '2023-06-01',
      link: `/orgs/${branchA.id}/org-system?tab=renewal`,
      role: 'org_admin',
    });
    expect((await countsFor(t.ctx, county.id)).byCode.TERM_OVERDUE).toBe(1);

    await t.ctx.db
      .updateTable('os_terms')
      .set({ term_end: '2031-06-01' })
      .where('id', '=', term.id)
      .execute();
    await refreshAlerts(t.ctx, { sources: ['org-system.terms'] });
    expect((await repo.listUnder(t.ctx.db, '/', { code: 'TERM_OVERDUE' }, 10, 0)).total).toBe(0);
    expect((await countsFor(t.ctx, county.id)).byCode.TERM_OVERDUE).toBeUndefined();
  });

  it('GET /api/alerts pages with a total; a township admin sees only its subtree and is refused another', async () => {
    await refreshAlerts(t.ctx);
    const a = await t.login('admin_a');
    const page = await a.request('GET', '/api/alerts?limit=1');
    expect(page.statusCode).toBe(200);
    const body = page.json();
    expect(body.total).toBeGreaterThanOrEqual(body.data.length);
    for (const row of (await a.request('GET', '/api/alerts?limit=200')).json().data as Array<{
      orgId: number;
    }>) {
      expect([
        t.fixture.townA.id,
        t.fixture.branchA.id,
        t.fixture.branchA2.id,
        t.fixture.groupA.id,
      ]).toContain(row.orgId);
    }
    expect((await a.request('GET', `/api/alerts?orgId=${t.fixture.townB.id}`)).statusCode).toBe(403);
    const counts = (await a.request('GET', '/api/alerts/counts')).json().data;
    expect(counts.orgId).toBe(t.fixture.townA.id);
    expect(Object.keys(counts.bySeverity).sort()).toEqual(['orange', 'red', 'yellow']);
    await t.app.close();
  });
});
