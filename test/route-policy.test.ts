// Default deny, proven: every registered /api route declares a policy, and a user scoped to
// township A gets 403/404 (and an authz_denied audit row) for every resource of township B.
import { expect, it } from 'vitest';
import { buildApp } from '../src/server/app.ts';
import { openTestApp, type TestApp } from './api-harness.ts';
import { describeEachEngine } from './db-harness.ts';
import { org_systemAuthzCases } from '../src/server/modules/org-system/org-system.authz-cases.ts';
import { rosterAuthzCases } from '../src/server/modules/roster/roster.authz-cases.ts';
import { org_lifeAuthzCases } from '../src/server/modules/org-life/org-life.authz-cases.ts';
import { developmentAuthzCases } from '../src/server/modules/development/development.authz-cases.ts';
import { evaluationAuthzCases } from '../src/server/modules/evaluation/evaluation.authz-cases.ts';
import { commitmentsAuthzCases } from '../src/server/modules/commitments/commitments.authz-cases.ts';

/**
 * Every /api route with the id it needs from township B and the body a write would send.
 * Adding a route without adding it here fails the inventory test below.
 */
const MODULE_CASES = [org_systemAuthzCases, rosterAuthzCases, org_lifeAuthzCases, developmentAuthzCases, evaluationAuthzCases, commitmentsAuthzCases];

/** Built once per app: module cases may create township-B resources, which must not be created twice. */
const built = new WeakMap<TestApp, Promise<Record<string, { url: string; body?: unknown }>>>();

function crossSubtreeCases(t: TestApp): Promise<Record<string, { url: string; body?: unknown }>> {
  let cases = built.get(t);
  if (!cases) {
    cases = (async () => {
      const modules = {} as Record<string, { url: string; body?: unknown }>;
      for (const m of MODULE_CASES) Object.assign(modules, await m.cases(t));
      return { ...foundationCases(t), ...modules };
    })();
    built.set(t, cases);
  }
  return cases;
}

function foundationCases(t: TestApp): Record<string, { url: string; body?: unknown }> {
  const { branchB, townB, users } = t.fixture;
  return {
    'GET /api/orgs/:id': { url: `/api/orgs/${branchB.id}` },
    'GET /api/orgs/:id/children': { url: `/api/orgs/${townB.id}/children` },
    'PATCH /api/orgs/:id': { url: `/api/orgs/${branchB.id}`, body: { name: '越权更名党支部' } },
    'POST /api/orgs/:id/move': { url: `/api/orgs/${branchB.id}/move`, body: { parentId: t.fixture.townA.id } },
    'POST /api/orgs/:id/dissolve': { url: `/api/orgs/${branchB.id}/dissolve`, body: { dissolvedOn: '2026-11-20', reason: '越权撤销' } },
    'POST /api/orgs': { url: '/api/orgs', body: { code: 'X-1', name: '越权新建党支部', kind: '党支部', sector: '农村', parentId: townB.id } },
    'PUT /api/users/:id/roles': { url: `/api/users/${users.adminB}/roles`, body: { roles: ['org_admin'] } },
    'POST /api/users/:id/unlock': { url: `/api/users/${users.adminB}/unlock` },
    'POST /api/users/:id/disable': { url: `/api/users/${users.adminB}/disable` },
    'POST /api/users': { url: '/api/users', body: { username: 'intruder', displayName: '越权', scopeOrgId: townB.id, initialPassword: 'Intruder-Pass-9' } },
  };
}

/** Routes without a per-object subject, and why they need no cross-subtree case. */
const FOUNDATION_NO_SUBJECT: Record<string, string> = {
  'GET /api/openapi.json': 'public documentation',
  'GET /api/docs': 'public documentation',
  'GET /api/health': 'public liveness probe',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'acts on the caller only',
  'GET /api/me': 'the caller only',
  'POST /api/auth/password': 'the caller only',
  'GET /api/orgs': 'search is filtered to the caller scope (tested in orgs.api.test.ts)',
  'GET /api/users': 'list is filtered to the caller scope (tested below)',
  'GET /api/audit': 'audit admin only; the log is not per-subtree',
  'GET /api/audit/verify': 'audit admin only',
};

const NO_SUBJECT: Record<string, string> = Object.assign({}, FOUNDATION_NO_SUBJECT, ...MODULE_CASES.map((m) => m.noSubject));

describeEachEngine('route policies', (use) => {
  let t: TestApp;
  const routes: Array<{ key: string; policy: unknown }> = [];

  it('every registered /api route declares a policy (default deny)', async () => {
    t = await openTestApp(use());
    const collector = await collectRoutes(t);
    routes.push(...collector);
    const api = collector.filter((r) => r.key.split(' ')[1]!.startsWith('/api'));
    expect(api.length).toBeGreaterThan(10);
    const missing = api.filter((r) => !r.policy).map((r) => r.key);
    expect(missing).toEqual([]);
  });

  it('every /api route is classified: a cross-subtree case or a stated reason it has none', async () => {
    const cases = await crossSubtreeCases(t);
    const unclassified = routes
      .map((r) => r.key)
      .filter((k) => k.split(' ')[1]!.startsWith('/api') && !k.startsWith('HEAD '))
      .filter((k) => !(k in cases) && !Object.keys(NO_SUBJECT).some((p) => k === p || k.startsWith(p + '/')));
    expect(unclassified).toEqual([]);
  });

  it('a township-A admin gets 403/404 and an authz_denied row for every resource of township B', async () => {
    const a = await t.login('admin_a');
    for (const [key, c] of Object.entries(await crossSubtreeCases(t))) {
      const method = key.split(' ')[0] as 'GET' | 'POST' | 'PUT' | 'PATCH';
      const before = await countDenied(t);
      const res = await a.request(method, c.url, c.body);
      expect([403, 404], key).toContain(res.statusCode);
      expect(await countDenied(t), key).toBe(before + 1);
    }
    const b = (await t.ctx.db.selectFrom('orgs').select('name').where('id', '=', t.fixture.branchB.id).executeTakeFirstOrThrow()).name;
    expect(b).toBe('乙镇南村党支部');
  });

  it('a security admin scoped to township A cannot act on township B accounts either', async () => {
    const sec = await t.login('secadmin');
    const createRes = await (await t.login('sysadmin')).request('POST', '/api/users', {
      username: 'sec_a', displayName: '甲镇安全员', scopeOrgId: t.fixture.townA.id, initialPassword: 'Town-A-Secure-1',
    });
    expect(createRes.statusCode).toBe(201);
    const id = createRes.json().data.id as number;
    expect((await sec.request('PUT', `/api/users/${id}/roles`, { roles: ['security_admin'] })).statusCode).toBe(200);
    const secA = await t.login('sec_a', 'Town-A-Secure-1');
    expect((await secA.request('POST', `/api/users/${t.fixture.users.adminB}/unlock`)).statusCode).toBe(403);
    const listed = (await secA.request('GET', '/api/users')).json().data as Array<{ username: string }>;
    expect(listed.map((u) => u.username)).not.toContain('admin_b');
    expect(listed.map((u) => u.username)).toContain('admin_a');
    await t.app.close();
  });
});

async function countDenied(t: TestApp): Promise<number> {
  const rows = await t.ctx.db.selectFrom('audit_log').select('seq').where('action', '=', 'authz_denied').execute();
  return rows.length;
}

/** Builds a fresh app and records every route Fastify registers, with its declared policy. */
async function collectRoutes(t: TestApp): Promise<Array<{ key: string; policy: unknown }>> {
  const collected: Array<{ key: string; policy: unknown }> = [];
  const app = await buildApp(t.ctx, {
    onRoute: (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const m of methods) collected.push({ key: `${m} ${route.url}`, policy: (route.config as { policy?: unknown } | undefined)?.policy });
    },
  });
  await app.ready();
  await app.close();
  return collected;
}
