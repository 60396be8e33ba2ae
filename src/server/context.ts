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
}
