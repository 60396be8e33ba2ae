// Helpers for migrations only. Migrations never import application code, so the few
// dialect differences they need live here (and this file is never edited in a way that
// changes what an already-applied migration does).
import { SqliteAdapter, sql, type Kysely, type CreateTableBuilder } from 'kysely';

export type MigrationDialect = 'sqlite' | 'postgres';

export async function detectDialect(db: Kysely<any>): Promise<MigrationDialect> {
  // No probing query: a failed statement would abort PostgreSQL's migration transaction.
  return Promise.resolve(db.getExecutor().adapter instanceof SqliteAdapter ? 'sqlite' : 'postgres');
}

/** An auto-incrementing integer primary key on both engines. */
export function withId<T extends string>(
  table: CreateTableBuilder<T, never>,
  dialect: MigrationDialect,
): CreateTableBuilder<T, 'id'> {
  return dialect === 'sqlite'
    ? table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    : table.addColumn('id', 'serial', (c) => c.primaryKey());
}

/**
 * Materialised paths must compare byte-wise so that a prefix range scan works on
 * PostgreSQL too (a locale collation may ignore '/' at the first level).
 */
export function pathType(dialect: MigrationDialect) {
  return dialect === 'sqlite' ? sql`text` : sql`text collate "C"`;
}
