import { expect, it } from 'vitest';
import { buildApp } from '../src/server/app.ts';
import { recordLoginSuccess, reserveLoginAttempt } from '../src/server/modules/auth/auth.repository.ts';
import { putSetting } from '../src/server/modules/settings/settings.repository.ts';
import { openTestApp, type TestApp } from './api-harness.ts';
import { describeEachEngine } from './db-harness.ts';

async function auditActions(t: TestApp, action: string) {
  return t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('seq').execute();
}

describeEachEngine('auth API', (use) => {
  let t: TestApp;
  it('logs in, answers /api/me with user, roles and scope, and audits the login', async () => {
    t = await openTestApp(use());
    const s = await t.login('admin_a');
    const me = await s.request('GET', '/api/me');
    expect(me.statusCode).toBe(200);
    const body = me.json().data;
    expect(body.user.username).toBe('admin_a');
    expect(body.roles).toEqual(['org_admin']);
    expect(body.scope).toEqual({ orgId: t.fixture.townA.id, orgCode: 'TA', name: '甲镇党委' });
    const logins = await auditActions(t, 'auth.login');
    expect(logins.some((r) => r.result === 'ok' && r.actor_username === 'admin_a')).toBe(true);
  });

  it('sets an httpOnly SameSite session cookie with a fresh id at each login', async () => {
    const a = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'worker_a', password: 'Fixture-Pass-2026' },
    });
    const b = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'worker_a', password: 'Fixture-Pass-2026' },
    });
    const ca = a.cookies.find((c) => c.name === 'dj_sid')!;
    const cb = b.cookies.find((c) => c.name === 'dj_sid')!;
    expect(ca.httpOnly).toBe(true);
    expect(ca.sameSite).toBe('Strict');
    expect(ca.value).not.toBe(cb.value);
    expect(ca.value.length).toBeGreaterThanOrEqual(40);
  });

  it('answers 401 with a Chinese message on a wrong password and for an unknown user', async () => {
    for (const username of ['worker_a', 'nobody']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: 'Wrong-Pass-1' },
      });
      expect(res.statusCode).toBe(401);
      expect(res.json().error).toMatchObject({ code: 'INVALID_CREDENTIALS', message: '用户名或口令错误' });
    }
  });

  it('rejects malformed JSON, unknown fields and over-long values with field names', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('MALFORMED_JSON');
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'a', password: 'b', role: 'system_admin' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields).toHaveProperty('role');
    const long = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'x'.repeat(65), password: 'b' },
    });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.fields.username).toMatch(/64/);
  });

  it('locks after 5 failures (423, audited), even for the right password, until the security admin unlocks', async () => {
    for (let i = 0; i < 4; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'admin_b', password: `Wrong-${i}-x` },
      });
      expect(r.statusCode).toBe(401);
    }
    const fifth = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin_b', password: 'Wrong-5-x' },
    });
    expect(fifth.statusCode).toBe(423);
    const right = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin_b', password: 'Fixture-Pass-2026' },
    });
    expect(right.statusCode).toBe(423);
    expect(right.json().error.code).toBe('ACCOUNT_LOCKED');
    expect((await auditActions(t, 'auth.lock')).length).toBe(1);
    const sec = await t.login('secadmin');
    const unlock = await sec.request('POST', `/api/users/${t.fixture.users.adminB}/unlock`);
    expect(unlock.statusCode).toBe(200);
    expect((await auditActions(t, 'auth.unlock')).length).toBe(1);
    await t.login('admin_b');
  });

  it('a lock expires after 30 minutes', async () => {
    for (let i = 0; i < 5; i++)
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'member_a', password: `Wrong-${i}-x` },
      });
    t.setNow('2026-11-23T02:29:00.000Z');
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'member_a', password: 'Fixture-Pass-2026' },
        })
      ).statusCode,
    ).toBe(423);
    t.setNow('2026-11-23T02:31:00.000Z');
    await t.login('member_a');
    t.setNow('2026-11-23T02:00:00.000Z');
  });

  it('writes need the CSRF token or a same-origin Origin', async () => {
    const s = await t.login('admin_a');
    const noToken = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: s.cookie },
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe('CSRF');
    const crossOrigin = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: s.cookie, origin: 'http://evil.example', host: 'localhost' },
    });
    expect(crossOrigin.statusCode).toBe(403);
    const sameOrigin = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: s.cookie, origin: 'http://localhost:3000', host: 'localhost:3000' },
    });
    expect(sameOrigin.statusCode).toBe(200);
  });

  it('logout ends the session at once', async () => {
    const s = await t.login('admin_a');
    expect((await s.request('POST', '/api/auth/logout')).statusCode).toBe(200);
    expect((await s.request('GET', '/api/me')).statusCode).toBe(401);
    expect((await auditActions(t, 'auth.logout')).length).toBeGreaterThanOrEqual(1);
  });

  it('idle timeout after 30 minutes, absolute timeout after 12 hours', async () => {
    t.setNow('2026-11-23T03:00:00.000Z');
    const idle = await t.login('admin_a');
    t.setNow('2026-11-23T03:29:00.000Z');
    expect((await idle.request('GET', '/api/me')).statusCode).toBe(200);
    t.setNow('2026-11-23T03:59:30.000Z');
    expect((await idle.request('GET', '/api/me')).statusCode).toBe(401);

    t.setNow('2026-11-23T04:00:00.000Z');
    const busy = await t.login('admin_a');
    for (let m = 25; m < 12 * 60; m += 25) {
      t.setNow(new Date(Date.parse('2026-11-23T04:00:00.000Z') + m * 60_000).toISOString());
      expect((await busy.request('GET', '/api/me')).statusCode).toBe(200);
    }
    t.setNow('2026-11-23T16:00:00.000Z');
    expect((await busy.request('GET', '/api/me')).statusCode).toBe(401);
    t.setNow('2026-11-23T02:00:00.000Z');
  });

  it('outside demo mode, an initial password must be changed first; policy and history are enforced', async () => {
    await putSetting(t.ctx.db, 'demo_mode', '0', t.ctx.now().toISOString());
    const s = await t.login('worker_a');
    const me = await s.request('GET', '/api/me');
    expect(me.json().data.user.mustChangePassword).toBe(true);
    const blocked = await s.request('GET', `/api/orgs/${t.fixture.branchA.id}`);
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const weak = await s.request('POST', '/api/auth/password', {
      currentPassword: 'Fixture-Pass-2026',
      newPassword: 'abcdefgh',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.fields).toHaveProperty('newPassword');
    const same = await s.request('POST', '/api/auth/password', {
      currentPassword: 'Fixture-Pass-2026',
      newPassword: 'Fixture-Pass-2026',
    });
    expect(same.json().error.code).toBe('PASSWORD_REUSED');
    const good = await s.request('POST', '/api/auth/password', {
      currentPassword: 'Fixture-Pass-2026',
      newPassword: 'Branch#Secure9',
    });
    expect(good.statusCode).toBe(200);
    expect((await s.request('GET', `/api/orgs/${t.fixture.branchA.id}`)).statusCode).toBe(200);
    await putSetting(t.ctx.db, 'demo_mode', '1', t.ctx.now().toISOString());
    await t.login('worker_a', 'Branch#Secure9');
  });

  it('三员分立: the security admin cannot hold a second admin role', async () => {
    const sec = await t.login('secadmin');
    const res = await sec.request('PUT', `/api/users/${t.fixture.users.auditor}/roles`, {
      roles: ['audit_admin', 'system_admin'],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('ROLE_SEPARATION');
  });

  it('the audit log is readable only by the audit admin', async () => {
    const sys = await t.login('sysadmin');
    expect((await sys.request('GET', '/api/audit')).statusCode).toBe(403);
    const auditor = await t.login('auditor');
    const res = await auditor.request('GET', '/api/audit?limit=5');
    expect(res.statusCode).toBe(200);
    expect(res.json().data.length).toBe(5);
    expect((await auditor.request('GET', `/api/orgs/${t.fixture.county.id}`)).statusCode).toBe(403);
    const verify = await auditor.request('GET', '/api/audit/verify');
    expect(verify.json().data.ok).toBe(true);
    await t.app.close();
  });
});

describeEachEngine('login lockout under concurrent attempts', (use) => {
  let t: TestApp;
  const attempt = (username: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  const account = (id: number) =>
    t.ctx.db
      .selectFrom('users')
      .select(['failed_logins', 'locked_until'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  /** Audit rows about one account, with their parsed detail. */
  const auditOf = async (action: string, id: number) =>
    (
      await t.ctx.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', action)
        .where('object_id', '=', String(id))
        .execute()
    ).map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));

  it('12 wrong passwords sent at once lock the account: one lock row, at most 5 passwords checked, then the right one answers 423', async () => {
    t = await openTestApp(use());
    const id = t.fixture.users.workerA;
    const res = await Promise.all(Array.from({ length: 12 }, (_, i) => attempt('worker_a', `Wrong-${i}-x`)));
    for (const r of res) expect([401, 423]).toContain(r.statusCode);
    // Only the first four attempts of the run can fail without locking.
    expect(res.filter((r) => r.statusCode === 401).length).toBeLessThanOrEqual(4);
    const row = await account(id);
    expect(Number(row.failed_logins)).toBeGreaterThanOrEqual(5);
    expect(row.locked_until).toBe('2026-11-23T02:30:00.000Z');
    // Exactly one request locks (the UPDATE that sets the lock only matches an unlocked row).
    expect(await auditOf('auth.lock', id)).toHaveLength(1);
    // Attempts past the fifth are refused before their password is checked.
    const checked = (await auditOf('auth.login', id)).filter((r) => r.detail.reason === 'bad_password');
    expect(checked.length).toBeLessThanOrEqual(5);
    expect((await auditOf('auth.login', id)).filter((r) => r.result === 'denied')).toHaveLength(12);
    const right = await attempt('worker_a', 'Fixture-Pass-2026');
    expect(right.statusCode).toBe(423);
    expect(right.json().error.code).toBe('ACCOUNT_LOCKED');
  });

  it('a right password sent among 12 wrong ones: no password past the fifth attempt of a run is checked, and it logs in only within those five', async () => {
    const id = t.fixture.users.memberA;
    const wrong = (i: number) => attempt('member_a', `Wrong-${i}-x`);
    const res = await Promise.all([
      ...[0, 1, 2, 3, 4, 5].map(wrong),
      attempt('member_a', 'Fixture-Pass-2026'),
      ...[6, 7, 8, 9, 10, 11].map(wrong),
    ]);
    const right = res[6]!;
    for (const r of res) expect([200, 401, 423]).toContain(r.statusCode);
    expect([200, 423]).toContain(right.statusCode);
    const rows = await auditOf('auth.login', id);
    expect(rows).toHaveLength(13);
    // Every checked password (failed or right) had its place among the first five of its run.
    const checked = rows.filter((r) => r.result === 'ok' || r.detail.reason === 'bad_password');
    for (const r of checked) expect(r.detail.attempt).toBeLessThanOrEqual(5);
    if (right.statusCode === 200) {
      // It ended the run it was in; the wrong ones after it started a new run.
      expect(rows.filter((r) => r.result === 'ok')).toHaveLength(1);
    } else {
      expect((await account(id)).locked_until).toBe('2026-11-23T02:30:00.000Z');
      expect(await auditOf('auth.lock', id)).toHaveLength(1);
    }
    await t.ctx.db
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null })
      .where('id', '=', id)
      .execute();
  });

  it('a correct password whose check ends after the lock does not log in (the success UPDATE only matches an unlocked row)', async () => {
    const id = t.fixture.users.adminA;
    const now = t.ctx.now().toISOString();
    // The right password's attempt is counted first and is being checked …
    const mine = await t.ctx.db.transaction().execute((trx) => reserveLoginAttempt(trx, id, now));
    expect(mine).toBe(1);
    // … while five wrong ones arrive: the fifth is past the threshold and locks the account.
    const res = await Promise.all(Array.from({ length: 5 }, (_, i) => attempt('admin_a', `Wrong-${i}-x`)));
    expect(res.some((r) => r.statusCode === 423)).toBe(true);
    expect((await account(id)).locked_until).not.toBeNull();
    expect(await t.ctx.db.transaction().execute((trx) => recordLoginSuccess(trx, id, now))).toBe(false);
    expect((await account(id)).locked_until).not.toBeNull();
  });

  it('sequential failures still lock at the fifth, and the lock ends after 30 minutes with a fresh count', async () => {
    const id = t.fixture.users.adminB;
    for (let i = 0; i < 4; i++) expect((await attempt('admin_b', `Wrong-${i}-x`)).statusCode).toBe(401);
    expect((await account(id)).failed_logins).toBe(4);
    expect((await attempt('admin_b', 'Wrong-4-x')).statusCode).toBe(423);
    expect((await attempt('admin_b', 'Fixture-Pass-2026')).statusCode).toBe(423);
    t.setNow('2026-11-23T02:30:00.000Z');
    expect((await attempt('admin_b', 'Wrong-5-x')).statusCode).toBe(401);
    expect((await account(id)).failed_logins).toBe(1);
    await t.login('admin_b');
    expect(await account(id)).toEqual({ failed_logins: 0, locked_until: null });
    t.setNow('2026-11-23T02:00:00.000Z');
  });

  it('an unknown username answers exactly like an account: same statuses, messages and lock, and no account is created', async () => {
    const users = async () =>
      Number(
        (
          await t.ctx.db
            .selectFrom('users')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await users();
    const run = async (username: string) => {
      const out: Array<{ status: number; error: unknown }> = [];
      for (let i = 0; i < 6; i++) {
        const r = await attempt(username, `Wrong-${i}-x`);
        out.push({ status: r.statusCode, error: r.json().error });
      }
      return out;
    };
    const known = await run('auditor');
    const unknown = await run('no_such_user');
    expect(known.map((r) => r.status)).toEqual([401, 401, 401, 401, 423, 423]);
    expect(unknown).toEqual(known);
    const name = await t.ctx.db
      .selectFrom('login_failures')
      .selectAll()
      .where('username_key', '=', 'no_such_user')
      .executeTakeFirstOrThrow();
    expect(name).toMatchObject({ failed_logins: 5, locked_until: '2026-11-23T02:30:00.000Z' });
    const lock = (
      await t.ctx.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'auth.lock')
        .where('actor_username', '=', 'no_such_user')
        .execute()
    ).map((r) => JSON.parse(r.detail) as Record<string, unknown>);
    expect(lock).toEqual([{ lockedUntil: '2026-11-23T02:30:00.000Z', attempts: 5, account: 'unknown_user' }]);
    // Case, width and spaces do not make a new name.
    expect((await attempt('ＮＯ_SUCH_User ', 'Wrong-x-1')).statusCode).toBe(423);
    expect(await users()).toBe(before);
    expect(
      await t.ctx.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'no_such_user')
        .executeTakeFirst(),
    ).toBeUndefined();
    // The lock ends after 30 minutes for both, with a fresh run.
    t.setNow('2026-11-23T02:30:00.000Z');
    expect((await attempt('auditor', 'Wrong-7-x')).statusCode).toBe(401);
    expect((await attempt('no_such_user', 'Wrong-7-x')).statusCode).toBe(401);
    expect(
      (
        await t.ctx.db
          .selectFrom('login_failures')
          .select('failed_logins')
          .where('username_key', '=', 'no_such_user')
          .executeTakeFirstOrThrow()
      ).failed_logins,
    ).toBe(1);
    await t.login('auditor');
    t.setNow('2026-11-23T02:00:00.000Z');
  });

  it('a burst on an unknown name is counted like a burst on an account: at most 4 answers of 401, then 423', async () => {
    // A name whose lock ended an hour ago: forgotten when the next name is locked.
    await t.ctx.db
      .insertInto('login_failures')
      .values({
        username_key: 'old_name',
        failed_logins: 5,
        locked_until: '2026-11-23T01:00:00.000Z',
        updated_at: '2026-11-23T00:30:00.000Z',
      })
      .execute();
    const res = await Promise.all(Array.from({ length: 12 }, (_, i) => attempt('ghost', `Wrong-${i}-x`)));
    for (const r of res) expect([401, 423]).toContain(r.statusCode);
    expect(res.filter((r) => r.statusCode === 401).length).toBeLessThanOrEqual(4);
    expect(res.filter((r) => r.statusCode === 423).length).toBeGreaterThanOrEqual(8);
    const locks = await t.ctx.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'auth.lock')
      .where('actor_username', '=', 'ghost')
      .execute();
    expect(locks).toHaveLength(1);
    expect(
      await t.ctx.db
        .selectFrom('login_failures')
        .select('username_key')
        .where('username_key', '=', 'old_name')
        .executeTakeFirst(),
    ).toBeUndefined();
  });

  it('a disabled account answers like an unknown name: 401 until the fifth failure, then locked', async () => {
    const sec = await t.login('secadmin');
    const sys = await t.login('sysadmin');
    const created = await sys.request('POST', '/api/users', {
      username: 'leaver',
      displayName: '离任人员',
      scopeOrgId: t.fixture.townA.id,
      initialPassword: 'Quit-Pass-2026x',
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().data.id as number;
    expect((await sec.request('POST', `/api/users/${id}/disable`)).statusCode).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await attempt('leaver', i === 2 ? 'Quit-Pass-2026x' : `Wrong-${i}-x`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    // The account's own row is untouched: re-enabled, it starts afresh.
    expect(await account(id)).toEqual({ failed_logins: 0, locked_until: null });
  });

  it('the per-IP throttle counts parallel attempts too (in memory, per app process)', async () => {
    const app = await buildApp({ ...t.ctx, config: { ...t.ctx.config, loginPerIpPerMinute: 5 } });
    await app.ready();
    const res = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        // A name per attempt: unknown names are locked after 5 failures too, like accounts.
        app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: `nobody_${i}`, password: `Wrong-${i}-x` },
        }),
      ),
    );
    expect(res.filter((r) => r.statusCode === 429)).toHaveLength(7);
    expect(res.filter((r) => r.statusCode === 401)).toHaveLength(5);
    await app.close();
    await t.app.close();
  });
});
