// The API documentation (issue 17): open in development and tests, for signed-in users only in
// production (NODE_ENV=production), on both engines.
import { expect, it } from 'vitest';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { openTestApp, type TestApp } from './api-harness.ts';
import { describeEachEngine } from './db-harness.ts';

it('the documentation is public outside production and signed-in only in production, unless set explicitly', () => {
  expect(loadConfig({} as NodeJS.ProcessEnv).docsPublic).toBe(true);
  expect(loadConfig({ NODE_ENV: 'test' } as NodeJS.ProcessEnv).docsPublic).toBe(true);
  expect(loadConfig({ NODE_ENV: 'production' } as NodeJS.ProcessEnv).docsPublic).toBe(false);
  expect(
    loadConfig({ NODE_ENV: 'production', DANGJIAN_DOCS_PUBLIC: '1' } as NodeJS.ProcessEnv).docsPublic,
  ).toBe(true);
  expect(loadConfig({ DANGJIAN_DOCS_PUBLIC: '0' } as NodeJS.ProcessEnv).docsPublic).toBe(false);
});

const DOC_URLS = [
  '/api/docs',
  '/api/docs/',
  '/api/docs/json',
  '/api/docs/static/index.html',
  '/api/openapi.json',
];

describeEachEngine('API documentation access', (use) => {
  let t: TestApp;

  it('development/test: every documentation URL answers without signing in', async () => {
    t = await openTestApp(use());
    for (const url of DOC_URLS) {
      const res = await t.app.inject({ method: 'GET', url });
      expect([200, 302], url).toContain(res.statusCode);
    }
    const spec = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(spec.json()).toHaveProperty('paths./api/users');
  });

  it('production: 401 in Chinese without a session, the documentation with one', async () => {
    const prod = await buildApp({ ...t.ctx, config: { ...t.ctx.config, docsPublic: false } });
    await prod.ready();
    try {
      for (const url of DOC_URLS) {
        const res = await prod.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(401);
        expect(res.json().error, url).toMatchObject({ code: 'UNAUTHENTICATED', message: '请先登录' });
      }
      const login = await prod.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'worker_a', password: 'Fixture-Pass-2026' },
      });
      expect(login.statusCode).toBe(200);
      const cookie = `dj_sid=${login.cookies.find((c) => c.name === 'dj_sid')!.value}`;
      for (const url of DOC_URLS) {
        const res = await prod.inject({ method: 'GET', url, headers: { cookie } });
        expect([200, 302], url).toContain(res.statusCode);
      }
      const spec = await prod.inject({ method: 'GET', url: '/api/openapi.json', headers: { cookie } });
      expect(spec.json()).toHaveProperty('paths./api/users');
      // The liveness probe stays public.
      expect((await prod.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    } finally {
      await prod.close();
      await t.app.close();
    }
  });
});
