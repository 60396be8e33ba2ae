import type { Kysely } from 'kysely';
import type { AppConfig } from './config.ts';
import type { KeyRing } from './crypto/keys.ts';
import type { Engine } from './db/dialect.ts';
import type { DB } from './db/schema.ts';

/** What services need: the database, keys, configuration and a clock (tests set the clock). */
export interface AppContext {
  db: Kysely<DB>;
  engine: Engine;
  ring: KeyRing;
  config: AppConfig;
  now: () => Date;
}

/** Who is acting, for authorisation and audit. */
export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  roles: string[];
  scopeOrgId: number;
  scopePath: string;
  scopeCode: string;
  scopeName: string;
  sessionId: string;
  csrfToken: string;
  mustChangePassword: boolean;
}

/** Per-request facts for the audit trail. */
export interface RequestMeta {
  requestId: string;
  ip: string;
  userAgent?: string;
}

/**
 * The explicit context a service acts in: who acts and the facts the audit trail needs. Built
 * once per HTTP request by the auth plugin, once per job by a job runner and once per command by
 * the CLI; services never see an HTTP type (decision 0006). The clock stays on AppContext.now so
 * that tests move one clock for everything.
 */
export interface RequestContext {
  /** Where the call comes from. */
  via: 'http' | 'job' | 'cli';
  /** null only where the route is PUBLIC or a job runs anonymously. */
  actor: Actor | null;
  meta: RequestMeta;
  /** What is being done, for denial audit rows: the HTTP method and path, or JOB/CLI and a name. */
  method: string;
  url: string;
  /** Where a service reports what it cannot return (a background failure): the request's logger over HTTP. */
  log: ServiceLogger;
}

/** The little of a logger that services use (pino's request logger fits it). */
export interface ServiceLogger {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

const stderrLogger: ServiceLogger = {
  error: (obj, msg) =>
    process.stderr.write(
      `${msg} ${JSON.stringify(obj, (_k, v: unknown) => (v instanceof Error ? v.stack : v))}\n`,
    ),
  warn: (obj, msg) => process.stderr.write(`${msg} ${JSON.stringify(obj)}\n`),
  info: () => undefined,
};

/** A context for a job or a CLI command (the HTTP one is built in http/auth.plugin.ts). */
export function systemContext(
  via: 'job' | 'cli',
  name: string,
  actor: Actor | null,
  requestId: string,
): RequestContext {
  return {
    via,
    actor,
    meta: { requestId, ip: via === 'cli' ? 'cli' : 'job' },
    method: via.toUpperCase(),
    url: name,
    log: stderrLogger,
  };
}
