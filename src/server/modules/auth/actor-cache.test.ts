// The session → actor cache must never serve what a write has changed: logout, role and scope
// changes, password change, disablement and revocation by any module are seen by the next
// request, on both engines (docs/performance.md finding 5).
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { openTestApp, type Session, type TestApp } from '../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';
import { putSetting } from '../settings/settings.repository.ts';
import { sessionCacheFor, SessionCache } from './actor-cache.ts';
import { authenticate, sessionIdOf } from './auth.service.ts';

const tokenOf = (s: Session) => s.cookie.slice('dj_sid='.length);

async function me(s: Session) {
  const res = await s.request('GET', '/api/me');
  return { status: res.statusCode, data: res.statusCode === 200 ? res.json().data : null };
}

describeEachEngine('session cache', (use, engine) => {
  let t: TestApp;
  afterAll(async () => {
    await t?.app.close();
  });

  it('serves a signed-in session from memory after the first request', async () => {
    t = await openTestApp(use());
    const s = await t.login('admin_a');
    expect((await me(s)).status).toBe(200);
    const cache = sessionCacheFor(t.ctx.db);
    expect(cache).not.toBeNull();
    expect(cache!.get(sessionIdOf(tokenOf(s)))?.found.user.username).toBe('admin_a');
    expect((await me(s)).data.roles).toEqual(['org_admin']);
  });

  it('logout ends the cached session at once', async () => {
    const s = await t.login('admin_a');
    const other = await t.login('admin_a');
    expect((await me(s)).status).toBe(200);
    expect((await me(other)).status).toBe(200);
    expect((await s.request('POST', '/api/auth/logout')).statusCode).toBe(200);
    expect((await me(s)).status).toBe(401);
    expect((await me(other)).status).toBe(200);
  });

  it('a role change ends the cached sessions of the account (users module), and a role granted in SQL applies at once', async () => {
    const s = await t.login('worker_a');
    expect((await me(s)).data.roles).toEqual(['worker']);
    const sec = await t.login('secadmin');
    const res = await sec.request('PUT', `/api/users/${t.fixture.users.workerA}/roles`, {
      roles: ['worker', 'member'],
    });
    expect(res.statusCode).toBe(200);
    expect((await me(s)).status).toBe(401);
    const again = await t.login('worker_a');
    expect((await me(again)).data.roles).toEqual(['member', 'worker']);
    await t.ctx.db
      .deleteFrom('user_roles')
      .where('user_id', '=', t.fixture.users.workerA)
      .where('role', '=', 'member')
      .execute();
    expect((await me(again)).data.roles).toEqual(['worker']);
  });

  it('a scope change and a rename of the scope organisation apply to the next request', async () => {
    const s = await t.login('worker_a');
    expect((await me(s)).data.scope.orgCode).toBe('TA-1');
    const now = t.ctx.now().toISOString();
    await t.ctx.db
      .updateTable('users')
      .set({ scope_org_id: t.fixture.branchA2.id, updated_at: now })
      .where('username', '=', 'worker_a')
      .execute();
    expect((await me(s)).data.scope.orgCode).toBe('TA-2');
    await t.ctx.db
      .updateTable('orgs')
      .set({ name: '甲镇第二支部（改名）' })
      .where('id', '=', t.fixture.branchA2.id)
      .execute();
    expect((await me(s)).data.scope.name).toBe('甲镇第二支部（改名）');
    await t.ctx.db
      .updateTable('users')
      .set({ scope_org_id: t.fixture.branchA.id, updated_at: now })
      .where('username', '=', 'worker_a')
      .execute();
    expect((await me(s)).data.scope.orgCode).toBe('TA-1');
  });

  it('a password change ends the other cached sessions at once and keeps this one', async () => {
    const a = await t.login('member_a');
    const b = await t.login('member_a');
    expect((await me(a)).status).toBe(200);
    expect((await me(b)).status).toBe(200);
    const res = await a.request('POST', '/api/auth/password', {
      currentPassword: 'Fixture-Pass-2026',
      newPassword: 'Member#Secure7',
    });
    expect(res.statusCode).toBe(200);
    expect((await me(a)).status).toBe(200);
    expect((await me(b)).status).toBe(401);
  });

  it('disabling an account and revoking sessions in SQL end cached sessions at once', async () => {
    const s = await t.login('admin_b');
    expect((await me(s)).status).toBe(200);
    await sql`delete from sessions where user_id = ${t.fixture.users.adminB}`.execute(t.ctx.db);
    expect((await me(s)).status).toBe(401);

    const w = await t.login('admin_b');
    expect((await me(w)).status).toBe(200);
    const sys = await t.login('sysadmin');
    expect((await sys.request('POST', `/api/users/${t.fixture.users.adminB}/disable`)).statusCode).toBe(200);
    expect((await me(w)).status).toBe(401);
  });

  it('the demo_mode setting is cached and a write to it applies to the next request', async () => {
    const s = await t.login('worker_a');
    expect((await me(s)).data.user.mustChangePassword).toBe(false);
    await putSetting(t.ctx.db, 'demo_mode', '0', t.ctx.now().toISOString());
    expect((await me(s)).data.user.mustChangePassword).toBe(true);
    await putSetting(t.ctx.db, 'demo_mode', '1', t.ctx.now().toISOString());
    expect((await me(s)).data.user.mustChangePassword).toBe(false);
  });

  it('idle timeout is decided from the clock on a cache hit, exactly as without the cache', async () => {
    t.setNow('2026-11-23T05:00:00.000Z');
    const s = await t.login('admin_a');
    expect((await me(s)).status).toBe(200);
    t.setNow('2026-11-23T05:29:59.000Z');
    expect((await me(s)).status).toBe(200);
    // Last seen 05:29:59 (written through to the database and the cache).
    t.setNow('2026-11-23T05:59:00.000Z');
    expect((await me(s)).status).toBe(200);
    // Idle for 30 minutes: expired, although the entry is still in the cache.
    t.setNow('2026-11-23T06:29:00.000Z');
    expect((await me(s)).status).toBe(401);
    t.setNow('2026-11-23T02:00:00.000Z');
  });

  it.runIf(engine === 'postgres' && !!process.env.TEST_DATABASE_URL)(
    'a fill that reads before another connection commits a role change is not kept',
    async () => {
      const s = await t.login('worker_a');
      const token = tokenOf(s);
      expect((await authenticate(t.ctx, token))?.roles).toEqual(['worker']);
      await t.ctx.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('user_roles')
          .values({ user_id: t.fixture.users.workerA, role: 'member' })
          .execute();
        // Another pool connection does not see the uncommitted row and refills the cache.
        expect((await authenticate(t.ctx, token))?.roles).toEqual(['worker']);
      });
      expect((await authenticate(t.ctx, token))?.roles).toEqual(['member', 'worker']);
      await t.ctx.db
        .deleteFrom('user_roles')
        .where('user_id', '=', t.fixture.users.workerA)
        .where('role', '=', 'member')
        .execute();
      expect((await authenticate(t.ctx, token))?.roles).toEqual(['worker']);
    },
  );
});

it('SessionCache keeps no fill that started before an invalidation', () => {
  const cache = new SessionCache();
  const value = { roles: ['worker'], found: {} as never };
  const before = cache.generation;
  cache.invalidate();
  cache.set('a', value, before);
  expect(cache.get('a')).toBeUndefined();
  cache.set('a', value, cache.generation);
  expect(cache.get('a')).toBe(value);
  cache.setDemo(true, before);
  expect(cache.getDemo()).toBeUndefined();
});
