// 三员分立 through the API: accounts are created without roles, only the security administrator
// grants roles (never to themself), and no account holds a 三员 role with any other role.
import { describe, expect, it } from 'vitest';
import { decideRoles } from '../src/core/auth/roles.ts';
import { buildApp } from '../src/server/app.ts';
import type { RoutePolicy } from '../src/server/http/policy.ts';
import { planAccounts } from '../src/server/seed/accounts.ts';
import { buildPlan } from '../src/server/seed/scales.ts';
import { openTestApp, type Session, type TestApp } from './api-harness.ts';
import { describeEachEngine } from './db-harness.ts';

/** Routes open to any signed-in account, whatever its roles: the caller's own session and password. */
// The account's own session, password and notifications (another user's notification is a 404).
const SELF_ROUTES = [
  'POST /api/auth/logout',
  'GET /api/me',
  'POST /api/auth/password',
  'GET /api/notifications',
  'POST /api/notifications/:id/read',
  'POST /api/notifications/read-all',
];

describeEachEngine('users API: 三员分立', (use) => {
  let t: TestApp;
  let sys: Session;
  let sec: Session;
  let plainId: number;
  const rolesOf = async (id: number) =>
    (
      await t.ctx.db
        .selectFrom('user_roles')
        .select('role')
        .where('user_id', '=', id)
        .orderBy('role')
        .execute()
    ).map((r) => r.role);
  const audits = (action: string, id: number) =>
    t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', action)
      .where('object_id', '=', String(id))
      .execute();
  const newAccount = {
    username: 'plain_a',
    displayName: '甲镇新账号',
    scopeOrgId: 0,
    initialPassword: 'Plain-Account-Pass-9',
  };

  it('the system admin cannot create an account with roles: 400 naming the field roles, nothing created', async () => {
    t = await openTestApp(use());
    sys = await t.login('sysadmin');
    sec = await t.login('secadmin');
    newAccount.scopeOrgId = t.fixture.branchA.id;
    for (const roles of [['org_admin'], ['system_admin'], []]) {
      const res = await sys.request('POST', '/api/users', { ...newAccount, roles });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields.roles).toMatch(/安全管理员/);
      expect(res.json().error.message).toMatch(/roles/);
    }
    const taken = await t.ctx.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', newAccount.username)
      .executeTakeFirst();
    expect(taken).toBeUndefined();
  });

  it('an account created without roles holds none (response, list, audit, /api/me)', async () => {
    const res = await sys.request('POST', '/api/users', newAccount);
    expect(res.statusCode).toBe(201);
    expect(res.json().data.roles).toEqual([]);
    plainId = res.json().data.id;
    expect(await rolesOf(plainId)).toEqual([]);
    const listed = (await sys.request('GET', '/api/users?q=plain_a')).json().data as Array<{
      id: number;
      roles: string[];
    }>;
    expect(listed.find((u) => u.id === plainId)?.roles).toEqual([]);
    const created = await audits('user.create', plainId);
    expect(created).toHaveLength(1);
    expect(JSON.parse(created[0]!.detail).after.roles).toEqual([]);
    const plain = await t.login('plain_a', newAccount.initialPassword);
    expect((await plain.request('GET', '/api/me')).json().data.roles).toEqual([]);
  });

  it('an account without roles reaches no business route: every /api route but its own session and password answers 403', async () => {
    const plain = await t.login('plain_a', newAccount.initialPassword);
    const routes: Array<{ method: string; url: string; policy?: RoutePolicy }> = [];
    const app = await buildApp(t.ctx, {
      onRoute: (route) => {
        const methods = Array.isArray(route.method) ? route.method : [route.method];
        for (const method of methods)
          routes.push({
            method,
            url: route.url,
            policy: (route.config as { policy?: RoutePolicy } | undefined)?.policy,
          });
      },
    });
    await app.ready();
    await app.close();
    const api = routes.filter(
      (r) => r.url.startsWith('/api/') && r.method !== 'HEAD' && r.method !== 'OPTIONS',
    );
    expect(api.length).toBeGreaterThan(20);
    // Statically: the routes any signed-in account may call are exactly the self routes.
    const open = api.filter((r) => r.policy?.access === 'authenticated' && !r.policy.roles?.length);
    expect(open.map((r) => `${r.method} ${r.url}`).sort()).toEqual([...SELF_ROUTES].sort());
    // Dynamically: each protected route refuses this account before it runs.
    for (const r of api) {
      if (r.policy?.access !== 'authenticated' || SELF_ROUTES.includes(`${r.method} ${r.url}`)) continue;
      const url = r.url.replace(/:[A-Za-z_]+/g, '1').replace(/\*/g, 'x');
      const res = await plain.request(r.method as 'GET', url);
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(403);
    }
  });

  it('the security admin cannot make the system admin an org admin, neither replacing nor adding', async () => {
    const id = t.fixture.users.sysadmin;
    for (const roles of [['org_admin'], ['system_admin', 'org_admin'], [], ['security_admin']]) {
      const res = await sec.request('PUT', `/api/users/${id}/roles`, { roles });
      expect(res.statusCode, JSON.stringify(roles)).toBe(400);
      expect(res.json().error.code).toBe('ROLE_SEPARATION');
      expect(res.json().error.fields).toHaveProperty('roles');
    }
    expect(await rolesOf(id)).toEqual(['system_admin']);
    expect(await audits('user.roles', id)).toHaveLength(0);
    // The system admin still works as before.
    expect((await sys.request('GET', '/api/users')).statusCode).toBe(200);
  });

  it('the security admin cannot grant a 三员 role together with a business role', async () => {
    const res = await sec.request('PUT', `/api/users/${plainId}/roles`, {
      roles: ['system_admin', 'org_admin'],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('ROLE_SEPARATION');
    expect(await rolesOf(plainId)).toEqual([]);
  });

  it('the security admin grants worker to a plain account: audited, and the account then reaches business routes', async () => {
    const res = await sec.request('PUT', `/api/users/${plainId}/roles`, { roles: ['worker'] });
    expect(res.statusCode).toBe(200);
    expect(res.json().data.roles).toEqual(['worker']);
    expect(await rolesOf(plainId)).toEqual(['worker']);
    const granted = await audits('user.roles', plainId);
    expect(granted).toHaveLength(1);
    expect(granted[0]!.actor_username).toBe('secadmin');
    expect(JSON.parse(granted[0]!.detail)).toEqual({ before: [], after: ['worker'] });
    const plain = await t.login('plain_a', newAccount.initialPassword);
    expect((await plain.request('GET', `/api/orgs/${t.fixture.branchA.id}`)).statusCode).toBe(200);
    // A business account is not turned into a 三员 account afterwards.
    const toAdmin = await sec.request('PUT', `/api/users/${plainId}/roles`, { roles: ['audit_admin'] });
    expect(toAdmin.statusCode).toBe(400);
    expect(await rolesOf(plainId)).toEqual(['worker']);
  });

  it('the system admin cannot grant roles (403, audited), not even to an account it created', async () => {
    const before = await t.ctx.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'authz_denied')
      .execute();
    const res = await sys.request('PUT', `/api/users/${plainId}/roles`, { roles: ['org_admin'] });
    expect(res.statusCode).toBe(403);
    const after = await t.ctx.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'authz_denied')
      .execute();
    expect(after.length).toBe(before.length + 1);
    expect(await rolesOf(plainId)).toEqual(['worker']);
  });

  it('the security admin cannot grant roles to their own account', async () => {
    const id = t.fixture.users.secadmin;
    const res = await sec.request('PUT', `/api/users/${id}/roles`, {
      roles: ['security_admin', 'org_admin'],
    });
    expect(res.statusCode).toBe(403);
    expect(await rolesOf(id)).toEqual(['security_admin']);
  });

  it('the security admin cannot turn the audit admin into another role', async () => {
    const id = t.fixture.users.auditor;
    const res = await sec.request('PUT', `/api/users/${id}/roles`, { roles: ['member'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('ROLE_SEPARATION');
    expect(await rolesOf(id)).toEqual(['audit_admin']);
  });

  it('a 三员 role is granted alone to a new account (a new security admin)', async () => {
    const created = await sys.request('POST', '/api/users', {
      ...newAccount,
      username: 'sec_two',
      scopeOrgId: t.fixture.county.id,
    });
    const id = created.json().data.id as number;
    const res = await sec.request('PUT', `/api/users/${id}/roles`, { roles: ['security_admin'] });
    expect(res.statusCode).toBe(200);
    expect(await rolesOf(id)).toEqual(['security_admin']);
    await t.app.close();
  });
});

describe('三员分立 in the demo seed', () => {
  it('every planned demo account holds one role, a valid set', () => {
    const specs = planAccounts(buildPlan('county', '2026-11-23'));
    expect(specs.length).toBeGreaterThan(10);
    for (const s of specs) expect(decideRoles([s.role]).ok, s.username).toBe(true);
    expect(new Set(specs.map((s) => s.username)).size).toBe(specs.length);
  });
});
