// The few differences between SQLite and PostgreSQL, in one place.
import { sql, type RawBuilder } from 'kysely';

export type Engine = 'sqlite' | 'postgres';

/** Upper bound for a materialised-path prefix range: '/1/23/' → '/1/230' ('0' follows '/'). */
export function pathUpperBound(prefix: string): string {
  return prefix.slice(0, -1) + '0';
}

/** Escape LIKE wildcards in user input (both engines honour ESCAPE '\\'). */
export function escapeLike(input: string): string {
  return input.replace(/[\\%_]/g, (c) => '\\' + c);
}

/** Case-insensitive containment that behaves the same on both engines. */
export function containsInsensitive(column: string, needle: string): RawBuilder<boolean> {
  const pattern = '%' + escapeLike(needle.toLowerCase()) + '%';
  return sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}

/** Counts come back as strings (PostgreSQL bigint) or numbers (SQLite): normalise. */
export function toCount(value: unknown): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : Number(value);
}
