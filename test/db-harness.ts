// Every database test runs on both engines: SQLite in a temp file, and PostgreSQL —
// the server at TEST_DATABASE_URL (each test file in its own schema) or PGlite in memory.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { createDatabase, migrateToLatest, type Database } from '../src/server/db/database.ts';
import type { Engine } from '../src/server/db/dialect.ts';

export const ENGINES: readonly Engine[] = ['sqlite', 'postgres'];

export async function openTestDatabase(engine: Engine): Promise<Database> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'dangjian-test-'));
    const database = await createDatabase(join(dir, 'test.db'));
    await migrateToLatest(database.db);
    const close = database.close;
    return {
      ...database,
      close: async () => {
        await close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const database = await createDatabase('pglite:memory');
    await migrateToLatest(database.db, database.schema);
    return database;
  }
  const schema = 't_' + randomBytes(6).toString('hex');
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const database = await createDatabase(url, { schema, poolSize: 4 });
  await migrateWithRetry(database, schema);
  const close = database.close;
  return {
    ...database,
    close: async () => {
      await sql`drop schema ${sql.id(schema)} cascade`.execute(database.db);
      await close();
    },
  };
}

/**
 * Kysely's migrator checks for its tables with an introspection query over every schema on the
 * server; when another test file drops its schema at that moment PostgreSQL answers "schema
 * t_… does not exist". Nothing has run yet (the check comes first, and each migration is
 * transactional), so trying again is safe.
 */
async function migrateWithRetry(database: Database, schema: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await migrateToLatest(database.db, schema);
      return;
    } catch (error) {
      const raced =
        /schema "t_[0-9a-f]+" does not exist/.test(String(error)) && !String(error).includes(schema);
      if (!raced || attempt >= 5) throw error;
    }
  }
}

/**
 * Runs the suite once per engine. `use()` returns the open database inside tests.
 */
export function describeEachEngine(name: string, suite: (use: () => Database, engine: Engine) => void): void {
  for (const engine of ENGINES) {
    describe(`${name} [${engine}]`, () => {
      let database: Database | undefined;
      beforeAll(async () => {
        database = await openTestDatabase(engine);
      }, 60_000);
      afterAll(async () => {
        await database?.close();
      });
      suite(() => {
        if (!database) throw new Error('database not open');
        return database;
      }, engine);
    });
  }
}
