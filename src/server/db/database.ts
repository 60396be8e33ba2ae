import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Engine } from './dialect.ts';
import { migrationProvider } from './migrations/index.ts';
import { createPgliteDialect } from './pglite-dialect.ts';
import type { DB } from './schema.ts';

export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  /** A human description without credentials, for logs. */
  describe: string;
  /** PostgreSQL schema holding the tables (and Kysely's migration tables). */
  schema?: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL: schema to use via search_path (tests isolate themselves this way). */
  schema?: string;
  poolSize?: number;
}

// bigint (count(*), sums) as JS numbers: our counts stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

export function sqlitePathFromUrl(url: string): string {
  return url.replace(/^sqlite:(\/\/)?/i, '');
}

export async function createDatabase(url: string, options: DatabaseOptions = {}): Promise<Database> {
  if (isPostgresUrl(url)) {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    const safe = url.replace(/\/\/[^@/]*@/, '//***@');
    return { db, engine: 'postgres', describe: `PostgreSQL ${safe}`, schema: options.schema ?? 'public', close: () => db.destroy() };
  }
  if (url.startsWith('pglite:')) {
    const { PGlite } = await import('@electric-sql/pglite');
    const dir = url.slice('pglite:'.length);
    const instance = dir && dir !== 'memory' ? new PGlite(dir) : new PGlite();
    await instance.waitReady;
    const db = new Kysely<DB>({ dialect: createPgliteDialect(instance) });
    return { db, engine: 'postgres', describe: `PGlite ${dir || 'memory'}`, schema: 'public', close: () => db.destroy() };
  }
  const file = resolve(sqlitePathFromUrl(url));
  mkdirSync(dirname(file), { recursive: true });
  const handle = new SQLite(file);
  handle.pragma('journal_mode = WAL');
  handle.pragma('synchronous = FULL');
  handle.pragma('foreign_keys = ON');
  handle.pragma('busy_timeout = 5000');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: handle }) });
  return { db, engine: 'sqlite', describe: `SQLite ${file}`, close: () => db.destroy() };
}

/**
 * On PostgreSQL the migration tables are pinned to our schema: Kysely's existence check
 * looks across schemas, and another schema's tables must not count as ours.
 */
export async function migrateToLatest(db: Kysely<DB>, schema?: string): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function isEmpty(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom('orgs').select(sql<number>`count(*)`.as('n')).executeTakeFirst();
  return Number(row?.n ?? 0) === 0;
}
