// Default deny, proven: every registered /api route declares a policy, and a user scoped to
// township A gets 403/404 (and an authz_denied audit row) for every resource of township B.
import { expect, it } from 'vitest';
import type { z } from 'zod';
import { idFields } from '../src/core/shared/refs.ts';
import { buildApp } from '../src/server/app.ts';
import { hashPassword } from '../src/server/modules/auth/password-hash.ts';
import { insertUser } from '../src/server/modules/users/users.repository.ts';
import type { ForeignBodyCase } from './authz-types.ts';
import { PASSWORD } from './fixture.ts';
import { openTestApp, type TestApp } from './api-harness.ts';
import { describeEachEngine } from './db-harness.ts';
import { org_systemAuthzCases } from '../src/server/modules/org-system/org-system.authz-cases.ts';
import { rosterAuthzCases } from '../src/server/modules/roster/roster.authz-cases.ts';
import { org_lifeAuthzCases } from '../src/server/modules/org-life/org-life.authz-cases.ts';
import { developmentAuthzCases } from '../src/server/modules/development/development.authz-cases.ts';
import { evaluationAuthzCases } from '../src/server/modules/evaluation/evaluation.authz-cases.ts';
import { commitmentsAuthzCases } from '../src/server/modules/commitments/commitments.authz-cases.ts';
import { alertsAuthzCases } from '../src/server/modules/alerts/alerts.authz-cases.ts';
import { workbenchAuthzCases } from '../src/server/modules/workbench/workbench.authz-cases.ts';
import { searchAuthzCases } from '../src/server/modules/search/search.authz-cases.ts';
import { notificationsAuthzCases } from '../src/server/modules/notifications/notifications.authz-cases.ts';
import { responsibilityAuthzCases } from '../src/server/modules/responsibility/responsibility.authz-cases.ts';
import { tasksAuthzCases } from '../src/server/modules/tasks/tasks.authz-cases.ts';
import { inspectionAuthzCases } from '../src/server/modules/inspection/inspection.authz-cases.ts';
import { assessmentAuthzCases } from '../src/server/modules/assessment/assessment.authz-cases.ts';
import { problemsAuthzCases } from '../src/server/modules/problems/problems.authz-cases.ts';
import { duesAuthzCases } from '../src/server/modules/dues/dues.authz-cases.ts';

/**
 * Every /api route with the id it needs from township B and the body a write would send.
 * Adding a route without adding it here fails the inventory test below.
 */
const MODULE_CASES = [org_systemAuthzCases, rosterAuthzCases, org_lifeAuthzCases, developmentAuthzCases, evaluationAuthzCases, commitmentsAuthzCases, alertsAuthzCases, workbenchAuthzCases, searchAuthzCases, notificationsAuthzCases, responsibilityAuthzCases, tasksAuthzCases, inspectionAuthzCases, assessmentAuthzCases, problemsAuthzCases, duesAuthzCases];

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
    'POST /api/users/:id/enable': { url: `/api/users/${users.adminB}/enable` },
    'POST /api/users/:id/reset-password': { url: `/api/users/${users.adminB}/reset-password` },
    'POST /api/users': { url: '/api/users', body: { username: 'intruder', displayName: '越权', scopeOrgId: townB.id, initialPassword: 'Intruder-Pass-9' } },
  };
}

/** Routes without a per-object subject, and why they need no cross-subtree case. */
const FOUNDATION_NO_SUBJECT: Record<string, string> = {
  'GET /api/openapi.json': 'documentation: public outside production, signed-in in production (api-docs.api.test.ts)',
  'GET /api/docs': 'documentation: public outside production, signed-in in production (api-docs.api.test.ts)',
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

/**
 * Ids in request bodies (issue 17): every id-like field of a write route's body schema is either
 * marked with the kind of object it names (src/core/shared/refs.ts) — and then the body-refs
 * plugin holds it against the caller's subtree and a case below sends a township-B id in it — or
 * listed here, 'METHOD /url field', with the reason it may point outside the subtree.
 */
const FOUNDATION_UNSCOPED_BODY_IDS: Record<string, string> = {};

const UNSCOPED_BODY_IDS: Record<string, string> = Object.assign(
  {},
  FOUNDATION_UNSCOPED_BODY_IDS,
  ...MODULE_CASES.map((m) => m.unscopedBodyIds ?? {}),
);

/** A system administrator scoped to township A (POST /api/users is theirs alone). */
const SYSADMIN_A = 'sysadmin_a';

async function foundationForeignBody(t: TestApp): Promise<ForeignBodyCase[]> {
  const { townA, townB, branchA2 } = t.fixture;
  const hash = await hashPassword(PASSWORD, t.ctx.config.kdfLogN);
  const now = t.ctx.now().toISOString();
  await t.ctx.db.transaction().execute((trx) =>
    insertUser(trx, { username: SYSADMIN_A, displayName: '甲镇系统管理员', scopeOrgId: townA.id, hash, roles: ['system_admin'], now }),
  );
  return [
    {
      route: 'POST /api/orgs',
      field: 'parentId',
      url: '/api/orgs',
      body: { code: 'TA-9', name: '甲镇新建党支部', kind: '党支部', sector: '农村', parentId: townB.id },
      kind: 'org',
      foreignId: townB.id,
    },
    {
      route: 'POST /api/orgs/:id/move',
      field: 'parentId',
      url: `/api/orgs/${branchA2.id}/move`,
      body: { parentId: townB.id },
      kind: 'org',
      foreignId: townB.id,
    },
    {
      route: 'POST /api/users',
      field: 'scopeOrgId',
      url: '/api/users',
      body: { username: 'town_b_worker', displayName: '乙镇工作人员', scopeOrgId: townB.id, initialPassword: 'Town-B-Worker-9' },
      kind: 'org',
      foreignId: townB.id,
      as: SYSADMIN_A,
    },
  ];
}

const foreignBuilt = new WeakMap<TestApp, Promise<ForeignBodyCase[]>>();

/** Built once per app: the cases create township-A objects to name in their URLs. */
function foreignBodyCases(t: TestApp): Promise<ForeignBodyCase[]> {
  let cases = foreignBuilt.get(t);
  if (!cases) {
    cases = (async () => {
      const all = await foundationForeignBody(t);
      for (const m of MODULE_CASES) if (m.foreignBody) all.push(...(await m.foreignBody(t)));
      return all;
    })();
    foreignBuilt.set(t, cases);
  }
  return cases;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Every write route's id-like body fields: 'METHOD /url field' → the kind it is marked with, or null. */
function bodyIdInventory(routes: ReadonlyArray<{ key: string; body?: unknown }>): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const r of routes) {
    if (!WRITE_METHODS.has(r.key.split(' ')[0]!) || typeof r.body !== 'object' || r.body === null || !('_zod' in r.body)) continue;
    for (const f of idFields(r.body as z.ZodType)) out.set(`${r.key} ${f.path}`, f.ref);
  }
  return out;
}

describeEachEngine('route policies', (use) => {
  let t: TestApp;
  const routes: Array<{ key: string; policy: unknown; body?: unknown }> = [];

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

  it('every id in a write route body is checked against the caller scope, or listed with the reason it is not', async () => {
    const inventory = bodyIdInventory(routes);
    const cases = await foreignBodyCases(t);
    const covered = new Set(cases.map((c) => `${c.route} ${c.field}`));
    const problems: string[] = [];
    for (const [key, ref] of inventory) {
      if (ref === null && !(key in UNSCOPED_BODY_IDS)) problems.push(`${key}: an id field neither marked (src/core/shared/refs.ts) nor listed with a reason`);
      if (ref !== null && key in UNSCOPED_BODY_IDS) problems.push(`${key}: marked (${ref}) and listed as unscoped`);
      if (ref !== null && !covered.has(key)) problems.push(`${key}: marked (${ref}) but no foreign-body case sends a township-B id in it`);
    }
    for (const key of Object.keys(UNSCOPED_BODY_IDS)) if (!inventory.has(key)) problems.push(`${key}: listed as unscoped, but no write route has that body field`);
    for (const key of covered) if (!inventory.get(key)) problems.push(`${key}: a foreign-body case for a field that is not a marked id`);
    expect(problems).toEqual([]);
    // The routes the check covers: every write route whose body names an id, and at least the two reproductions.
    const checked = new Set([...inventory].filter(([, ref]) => ref !== null).map(([k]) => k.slice(0, k.lastIndexOf(' '))));
    expect(checked).toContain('POST /api/rectifications');
    expect(checked).toContain('POST /api/roster/floating');
  });

  it('a township-A admin naming a township-B object in a request body gets 403, one authz_denied row, and nothing is written', async () => {
    const sessions = new Map<string, Awaited<ReturnType<TestApp['login']>>>();
    const cases = await foreignBodyCases(t);
    const wrong: string[] = [];
    for (const c of cases) {
      const who = c.as ?? 'admin_a';
      if (!sessions.has(who)) sessions.set(who, await t.login(who));
      const before = await lastSeq(t);
      const res = await sessions.get(who)!.request(c.route.split(' ')[0] as 'POST', c.url, c.body);
      // Every write is audited in its own transaction: one new row, the denial, means nothing was written.
      const rows = await t.ctx.db.selectFrom('audit_log').select(['action', 'object_type', 'object_id', 'detail']).where('seq', '>', before).execute();
      const got = {
        status: res.statusCode,
        audit: rows.map((r) => `${r.action} ${r.object_type}:${r.object_id} ${(JSON.parse(r.detail) as { reason?: string }).reason ?? ''}`.trim()),
      };
      const want = { status: 403, audit: [`authz_denied ${c.kind}:${c.foreignId} body-ref`] };
      if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push(`${c.route} ${c.field}: ${JSON.stringify(got)} ${res.statusCode === 403 ? '' : res.body.slice(0, 200)}`);
    }
    expect(wrong).toEqual([]);
    // The two reproductions wrote nothing: no rectification owned by, and no floating registration in township A of, township B's member.
    const personB = cases.find((c) => c.route === 'POST /api/rectifications' && c.field === 'ownerPersonId')!.foreignId;
    const rect = await t.ctx.db.selectFrom('rect_items').select('id').where('owner_person_id', '=', personB).execute();
    expect(rect).toEqual([]);
    const floating = await t.ctx.db
      .selectFrom('roster_floating')
      .select('id')
      .where('person_id', '=', personB)
      .where('org_path', 'like', `${t.fixture.townA.path}%`)
      .execute();
    expect(floating).toEqual([]);
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
    expect((await secA.request('POST', `/api/users/${t.fixture.users.adminB}/reset-password`)).statusCode).toBe(403);
    expect((await secA.request('POST', `/api/users/${t.fixture.users.adminB}/enable`)).statusCode).toBe(403);
    const listed = (await secA.request('GET', '/api/users')).json().data as Array<{ username: string }>;
    expect(listed.map((u) => u.username)).not.toContain('admin_b');
    expect(listed.map((u) => u.username)).toContain('admin_a');
    await t.app.close();
  });
});

async function lastSeq(t: TestApp): Promise<number> {
  const row = await t.ctx.db.selectFrom('audit_log').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
  return Number(row?.seq ?? 0);
}

async function countDenied(t: TestApp): Promise<number> {
  const rows = await t.ctx.db.selectFrom('audit_log').select('seq').where('action', '=', 'authz_denied').execute();
  return rows.length;
}

/** Builds a fresh app and records every route Fastify registers, with its declared policy. */
async function collectRoutes(t: TestApp): Promise<Array<{ key: string; policy: unknown; body?: unknown }>> {
  const collected: Array<{ key: string; policy: unknown; body?: unknown }> = [];
  const app = await buildApp(t.ctx, {
    onRoute: (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      const body = (route.schema as { body?: unknown } | undefined)?.body;
      for (const m of methods) collected.push({ key: `${m} ${route.url}`, policy: (route.config as { policy?: unknown } | undefined)?.policy, body });
    },
  });
  await app.ready();
  await app.close();
  return collected;
}
