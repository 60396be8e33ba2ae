// The security administrator resets passwords and re-enables accounts (issue 17 item 5; 三员分立:
// the system administrator creates and disables accounts, the security administrator grants roles,
// unlocks, resets and re-enables), within their subtree, never on their own account.
import { expect, it } from 'vitest';
import { putSetting } from '../src/server/modules/settings/settings.repository.ts';
import { PASSWORD } from './fixture.ts';
import { openTestApp, type Session, type TestApp } from './api-harness.ts';
import { describeEachEngine } from './db-harness.ts';

describeEachEngine('users API: reset password and enable', (use) => {
  let t: TestApp;
  let sec: Session;
  let sys: Session;
  const attempt = (username: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  const audits = (action: string, id: number) =>
    t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', action)
      .where('object_id', '=', String(id))
      .execute();

  it('the security admin resets a password: a one-time initial password, old sessions and lock gone, must change at next login, audited without it', async () => {
    t = await openTestApp(use());
    sec = await t.login('secadmin');
    sys = await t.login('sysadmin');
    const id = t.fixture.users.workerA;
    const before = await t.login('worker_a');
    for (let i = 0; i < 5; i++) await attempt('worker_a', `Wrong-${i}-x`);
    expect((await attempt('worker_a', PASSWORD)).statusCode).toBe(423);

    const res = await sec.request('POST', `/api/users/${id}/reset-password`);
    expect(res.statusCode).toBe(200);
    const { initialPassword, mustChangePassword } = res.json().data as {
      initialPassword: string;
      mustChangePassword: boolean;
    };
    expect(mustChangePassword).toBe(true);
    expect(initialPassword.length).toBeGreaterThanOrEqual(16);

    expect((await before.request('GET', '/api/me')).statusCode).toBe(401);
    expect((await attempt('worker_a', PASSWORD)).statusCode).toBe(401);
    // Outside demo mode, where an initial password must be changed.
    await putSetting(t.ctx.db, 'demo_mode', '0', t.ctx.now().toISOString());
    const after = await t.login('worker_a', initialPassword);
    expect((await after.request('GET', '/api/me')).json().data.user.mustChangePassword).toBe(true);
    const blocked = await after.request('GET', `/api/orgs/${t.fixture.branchA.id}`);
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const changed = await after.request('POST', '/api/auth/password', {
      currentPassword: initialPassword,
      newPassword: 'Worker-A-New-2026',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await after.request('GET', `/api/orgs/${t.fixture.branchA.id}`)).statusCode).toBe(200);

    await putSetting(t.ctx.db, 'demo_mode', '1', t.ctx.now().toISOString());
    const rows = await audits('user.password_reset', id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.actor_username).toBe('secadmin');
    expect(JSON.parse(rows[0]!.detail)).toEqual({ mustChangePassword: true, wasLocked: true });
    const all = await t.ctx.db.selectFrom('audit_log').select('detail').execute();
    expect(all.some((r) => r.detail.includes(initialPassword))).toBe(false);
  });

  it('only the security admin resets and enables: the system admin and an org admin get 403 and an authz_denied row', async () => {
    const id = t.fixture.users.memberA;
    const orgAdmin = await t.login('admin_a');
    for (const s of [sys, orgAdmin]) {
      for (const url of [`/api/users/${id}/reset-password`, `/api/users/${id}/enable`]) {
        const denied = (
          await t.ctx.db.selectFrom('audit_log').select('seq').where('action', '=', 'authz_denied').execute()
        ).length;
        const res = await s.request('POST', url);
        expect(res.statusCode, url).toBe(403);
        expect(
          (
            await t.ctx.db
              .selectFrom('audit_log')
              .select('seq')
              .where('action', '=', 'authz_denied')
              .execute()
          ).length,
        ).toBe(denied + 1);
      }
    }
    expect(await audits('user.password_reset', id)).toHaveLength(0);
  });

  it('the security admin cannot reset their own password this way', async () => {
    const res = await sec.request('POST', `/api/users/${t.fixture.users.secadmin}/reset-password`);
    expect(res.statusCode).toBe(403);
    await t.login('secadmin');
  });

  it('a disabled account is re-enabled by the security admin (audited), logs in again, and its failures while disabled do not follow it', async () => {
    const id = t.fixture.users.memberA;
    expect((await sys.request('POST', `/api/users/${id}/disable`)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await attempt('member_a', `Wrong-${i}-x`)).statusCode).toBe(401);
    expect((await attempt('member_a', PASSWORD)).statusCode).toBe(423);
    // A disabled account's password is not reset: enable it first.
    const early = await sec.request('POST', `/api/users/${id}/reset-password`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({
      code: 'ACCOUNT_DISABLED',
      message: '该账号已停用：请先启用，再重置口令',
    });

    const res = await sec.request('POST', `/api/users/${id}/enable`);
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toEqual({ id, disabled: false });
    const rows = await audits('user.enable', id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.actor_username).toBe('secadmin');
    await t.login('member_a');
    const listed = (await sec.request('GET', '/api/users?q=member_a')).json().data as Array<{
      id: number;
      disabled: boolean;
    }>;
    expect(listed.find((u) => u.id === id)?.disabled).toBe(false);

    const again = await sec.request('POST', `/api/users/${id}/enable`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ACCOUNT_NOT_DISABLED');
  });

  it('a security admin scoped to township A cannot reset or enable township B accounts', async () => {
    const created = await sys.request('POST', '/api/users', {
      username: 'sec_a',
      displayName: '甲镇安全员',
      scopeOrgId: t.fixture.townA.id,
      initialPassword: 'Town-A-Secure-1',
    });
    expect(created.statusCode).toBe(201);
    const secAId = created.json().data.id as number;
    expect(
      (await sec.request('PUT', `/api/users/${secAId}/roles`, { roles: ['security_admin'] })).statusCode,
    ).toBe(200);
    const secA = await t.login('sec_a', 'Town-A-Secure-1');
    const b = t.fixture.users.adminB;
    expect((await sys.request('POST', `/api/users/${b}/disable`)).statusCode).toBe(200);
    expect((await secA.request('POST', `/api/users/${b}/enable`)).statusCode).toBe(403);
    expect((await secA.request('POST', `/api/users/${b}/reset-password`)).statusCode).toBe(403);
    expect(
      (await t.ctx.db.selectFrom('users').select('disabled').where('id', '=', b).executeTakeFirstOrThrow())
        .disabled,
    ).toBe(1);
    // Inside its subtree it may.
    expect(
      (await secA.request('POST', `/api/users/${t.fixture.users.adminA}/reset-password`)).statusCode,
    ).toBe(200);
    await t.app.close();
  });
});
