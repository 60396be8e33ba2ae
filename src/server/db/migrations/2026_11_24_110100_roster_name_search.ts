import { sql, type Kysely } from 'kysely';
import { detectDialect } from './migration-helpers.ts';

// Roster 姓名 prefix search (issue 4): `name >= q and name < q + U+10FFFF` must compare byte-wise.
// SQLite's persons_name_idx already does (BINARY); PostgreSQL gets an index on name collate "C",
// so a locale collation of the database cannot reorder the range.
export async function up(db: Kysely<any>): Promise<void> {
  if ((await detectDialect(db)) === 'postgres') {
    await sql`create index persons_name_c_idx on persons (name collate "C")`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
