import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import type { AppContext } from '../src/server/context.ts';
import { ephemeralKeyRing } from '../src/server/crypto/keys.ts';
import type { Database } from '../src/server/db/database.ts';
import { buildFixture, PASSWORD, type Fixture } from './fixture.ts';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  fixture: Fixture;
  /** Moves the test clock. */
  setNow(iso: string): void;
  login(username: string, password?: string): Promise<Session>;
}

export interface Session {
  cookie: string;
  csrf: string;
  request(method: InjectOptions['method'], url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export async function openTestApp(database: Database): Promise<TestApp> {
  let now = new Date('2026-11-23T02:00:00.000Z');
  const ctx: AppContext = {
    db: database.db,
    engine: database.engine,
    ring: ephemeralKeyRing(),
    config: loadConfig({ DANGJIAN_KDF_LOG_N: '10', DANGJIAN_LOGIN_PER_IP_PER_MINUTE: '1000' } as NodeJS.ProcessEnv),
    now: () => now,
  };
  const fixture = await buildFixture(ctx);
  const app = await buildApp(ctx);
  await app.ready();
  const login = async (username: string, password = PASSWORD): Promise<Session> => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'dj_sid')!;
    const csrf = (res.json() as { data: { csrfToken: string } }).data.csrfToken;
    const header = `dj_sid=${cookie.value}`;
    return {
      cookie: header,
      csrf,
      request: (method, url, body, headers = {}) =>
        app.inject({ method, url, headers: { cookie: header, 'x-csrf-token': csrf, ...headers }, ...(body === undefined ? {} : { payload: body as object }) }),
    };
  };
  return { app, ctx, fixture, setNow: (iso) => (now = new Date(iso)), login };
}
