// Request hygiene and response headers: ill-formed text is refused with a 400 naming the field on
// both engines (a lone surrogate used to make `audit verify` fail for ever; a NUL answered 500 on
// PostgreSQL), and every response carries the security headers.
import { expect, it } from 'vitest';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { findIllFormed, isIllFormedText } from '../src/server/http/text-hygiene.ts';
import { openTestApp, type TestApp } from './api-harness.ts';
import { describeEachEngine } from './db-harness.ts';

it.each([
  ['a\ud800b', true],
  ['\udc00', true],
  ['a\u0000', true],
  ['𝄞 two units, well paired', false],
  ['党建\t\n', false],
  ['', false],
])('isIllFormedText(%j) = %s', (s, bad) => {
  expect(isIllFormedText(s)).toBe(bad);
});

it('finds the path of the first ill-formed string, keys included', () => {
  expect(findIllFormed({ a: 'ok', items: [{ name: 'x' }, { name: 'y\u0000' }] })).toBe('items[1].name');
  expect(findIllFormed({ ['k\ud800']: 1 })).toBe('k\ud800');
  expect(findIllFormed(['ok', 1, null, true])).toBeNull();
});

it('the session cookie is Secure by default in production, and can be turned off', () => {
  expect(loadConfig({ NODE_ENV: 'production' } as NodeJS.ProcessEnv).cookieSecure).toBe(true);
  expect(
    loadConfig({ NODE_ENV: 'production', DANGJIAN_COOKIE_SECURE: '0' } as NodeJS.ProcessEnv).cookieSecure,
  ).toBe(false);
  expect(loadConfig({} as NodeJS.ProcessEnv).cookieSecure).toBe(false);
  expect(loadConfig({ DANGJIAN_COOKIE_SECURE: '1' } as NodeJS.ProcessEnv).cookieSecure).toBe(true);
});

describeEachEngine('ill-formed text and security headers', (use) => {
  let t: TestApp;

  it('refuses a lone surrogate or a NUL in a login with a 400 naming the field, and audit verify stays ok', async () => {
    t = await openTestApp(use());
    for (const username of ['a\ud800b', 'a\u0000b']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json' },
        // JSON.stringify escapes a lone surrogate as \ud800, as a hostile client would send it.
        payload: JSON.stringify({ username, password: 'x' }),
      });
      expect(res.statusCode, JSON.stringify(username)).toBe(400);
      expect(res.json().error.code).toBe('ILL_FORMED_TEXT');
      expect(res.json().error.fields).toHaveProperty('username');
      expect(res.json().error.message).toContain('username');
    }
    const verify = await (await t.login('auditor')).request('GET', '/api/audit/verify');
    expect(verify.statusCode).toBe(200);
    expect(verify.json().data.ok).toBe(true);
  });

  it('answers 400, never 500, to a NUL in a query, a path or a nested body field on both engines', async () => {
    const s = await t.login('admin_a');
    const q = await s.request('GET', '/api/orgs?q=%00');
    expect(q.statusCode).toBe(400);
    expect(q.json().error.message).toContain('查询参数');
    const p = await s.request('GET', '/api/orgs/%00');
    expect(p.statusCode).toBe(400);
    const b = await s.request('PATCH', `/api/orgs/${t.fixture.branchA.id}`, { name: '甲村\u0000党支部' });
    expect(b.statusCode).toBe(400);
    expect(b.json().error.fields).toHaveProperty('name');
    const name = await t.ctx.db
      .selectFrom('orgs')
      .select('name')
      .where('id', '=', t.fixture.branchA.id)
      .executeTakeFirstOrThrow();
    expect(name.name).not.toContain('\u0000');
  });

  it('sets CSP, frame-ancestors, nosniff, Referrer-Policy and no-store; HSTS only over HTTPS', async () => {
    const s = await t.login('admin_a');
    const res = await s.request('GET', '/api/me');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'worker_a', password: 'wrong-Pass-1' },
    });
    expect(login.headers['cache-control']).toBe('no-store');

    // Behind a TLS-terminating proxy that the deployment trusts, HSTS is sent.
    process.env.DANGJIAN_TRUST_PROXY = '1';
    const proxied = await buildApp(t.ctx);
    delete process.env.DANGJIAN_TRUST_PROXY;
    const https = await proxied.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(https.headers['strict-transport-security']).toContain('max-age=');
    await proxied.close();
  });

  it('serves the phone ballot page publicly with its own hash-based CSP', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/vote' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(res.headers['cache-control']).toBe('no-store');
    await t.app.close();
  });
});
