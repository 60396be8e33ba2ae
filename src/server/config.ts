import { resolve } from 'node:path';
import { ruleValue, NATIONAL_RULEBOOK } from '../core/rulebook/rulebook.ts';
import type { Rulebook } from '../core/rulebook/rulebook.types.ts';
import type { LockoutPolicy, SessionLimits } from '../core/auth/session.rules.ts';
import { DENGBAO_POLICY, type PasswordPolicy } from '../core/auth/password-policy.ts';

export interface AppConfig {
  databaseUrl: string;
  port: number;
  host: string;
  keyFile: string;
  masterKey?: string;
  /** Demo mode: initial passwords need not be changed. Set by the demo seed, stored in settings. */
  webDist: string;
  rulebook: Rulebook;
  session: SessionLimits;
  lockout: LockoutPolicy;
  password: PasswordPolicy & { expiryDays: number; history: number };
  /** scrypt cost as log2(N). 15 in production; tests lower it. */
  kdfLogN: number;
  cookieSecure: boolean;
  /** Per-IP login attempts per minute before throttling. */
  loginPerIpPerMinute: number;
  /** The API documentation (/api/docs, /api/openapi.json) without signing in: off in production. */
  docsPublic: boolean;
}

export const DEFAULT_DATABASE_URL = 'data/dangjian.db';

export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  rulebook: Rulebook = NATIONAL_RULEBOOK,
): AppConfig {
  const databaseUrl = env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  return {
    databaseUrl,
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    keyFile: resolve(env.DANGJIAN_KEY_FILE ?? defaultKeyFile(databaseUrl)),
    ...(env.DANGJIAN_MASTER_KEY ? { masterKey: env.DANGJIAN_MASTER_KEY } : {}),
    webDist: resolve(env.DANGJIAN_WEB_DIST ?? 'dist/web'),
    rulebook,
    session: {
      idleMinutes: ruleValue<number>(rulebook, 'security.session.idleMinutes'),
      absoluteHours: ruleValue<number>(rulebook, 'security.session.absoluteHours'),
    },
    lockout: {
      failures: ruleValue<number>(rulebook, 'security.lockout.failures'),
      minutes: ruleValue<number>(rulebook, 'security.lockout.minutes'),
    },
    password: {
      ...DENGBAO_POLICY,
      minLength: ruleValue<number>(rulebook, 'security.password.minLength'),
      minClasses: ruleValue<number>(rulebook, 'security.password.minClasses'),
      expiryDays: ruleValue<number>(rulebook, 'security.password.expiryDays'),
      history: ruleValue<number>(rulebook, 'security.password.history'),
    },
    kdfLogN: Number(env.DANGJIAN_KDF_LOG_N ?? 15),
    // Secure by default in production; DANGJIAN_COOKIE_SECURE=0 for a plain-HTTP intranet that must not.
    cookieSecure: env.DANGJIAN_COOKIE_SECURE ? env.DANGJIAN_COOKIE_SECURE === '1' : env.NODE_ENV === 'production',
    loginPerIpPerMinute: Number(env.DANGJIAN_LOGIN_PER_IP_PER_MINUTE ?? 30),
    // The API description maps every route and field: in production only for signed-in users.
    docsPublic: env.DANGJIAN_DOCS_PUBLIC ? env.DANGJIAN_DOCS_PUBLIC === '1' : env.NODE_ENV !== 'production',
  };
}

/** The key file sits beside a SQLite database; for PostgreSQL it defaults to data/keys.json. */
function defaultKeyFile(databaseUrl: string): string {
  if (/^postgres(ql)?:/i.test(databaseUrl) || databaseUrl.startsWith('pglite:')) return 'data/keys.json';
  const file = databaseUrl.replace(/^sqlite:(\/\/)?/i, '');
  return resolve(file, '..', 'keys.json');
}
