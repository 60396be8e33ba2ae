// Org-life repository: row types and bulk inserts shared by its sections.
import { CompiledQuery, sql, type Insertable, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { LifeAttendanceTable, LifeMeetingTable } from '../../db/tables/org-life.tables.ts';

export type Q = Kysely<DB> | Transaction<DB>;

export type MeetingRow = Selectable<LifeMeetingTable>;

export type AttendanceRow = Selectable<LifeAttendanceTable>;

/** SQLite allows 32766 bound parameters per statement; stay well below. */
export async function insertChunked<T extends keyof DB>(
  db: Q,
  table: T,
  rows: Insertable<DB[T]>[],
  paramsPerRow: number,
): Promise<void> {
  const size = Math.max(1, Math.floor(30000 / paramsPerRow));
  for (let i = 0; i < rows.length; i += size) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + size) as never)
      .execute();
  }
}

const quoteId = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Bulk insert for seeds and rebuilds (hundreds of thousands of rows): no query builder per
 * chunk. SQLite: one multi-row VALUES statement text per chunk size, reused with new
 * parameters. PostgreSQL: one array parameter per column, expanded by unnest, typed from the
 * table's own column types — a round trip per 20,000 rows whatever the column count.
 * Every row must have the same keys (the first row's); values are bound, never spliced.
 */
export async function bulkInsert<T extends keyof DB & string>(
  db: Q,
  engine: 'sqlite' | 'postgres',
  table: T,
  rows: readonly Insertable<DB[T]>[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const values = (r: Insertable<DB[T]>) => columns.map((c) => (r as Record<string, unknown>)[c] ?? null);
  const into = `insert into ${quoteId(table)} (${columns.map(quoteId).join(', ')})`;
  if (engine === 'postgres') {
    const found = await sql<{
      column_name: string;
      data_type: string;
    }>`select column_name, data_type from information_schema.columns
      where table_schema = current_schema() and table_name = ${table}`.execute(db);
    const types = new Map(found.rows.map((r) => [r.column_name, r.data_type]));
    const text = `${into} select * from unnest(${columns.map((c, i) => `$${i + 1}::${types.get(c) ?? 'text'}[]`).join(', ')})`;
    for (let i = 0; i < rows.length; i += 20000) {
      const chunk = rows.slice(i, i + 20000).map(values);
      await db.executeQuery(
        CompiledQuery.raw(
          text,
          columns.map((_, j) => chunk.map((r) => r[j])),
        ),
      );
    }
    return;
  }
  const size = Math.max(1, Math.floor(30000 / columns.length));
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const textFor = new Map<number, string>();
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    let text = textFor.get(chunk.length);
    if (!text)
      textFor.set(
        chunk.length,
        (text = `${into} values ${Array.from({ length: chunk.length }, () => tuple).join(', ')}`),
      );
    await db.executeQuery(CompiledQuery.raw(text, chunk.flatMap(values)));
  }
}
