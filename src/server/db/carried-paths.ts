// Tables carry their organisation's materialised path (org_path and friends) so that subtree
// queries are range scans. When a subtree moves, every carried copy moves with it, in the
// move's transaction. Columns are found by name, so a new module's tables are covered
// without registering them; the audit log keeps the paths as they were (it is history).
import { sql, SqliteAdapter, type Transaction } from 'kysely';
import { pathUpperBound } from './dialect.ts';
import type { DB } from './schema.ts';

const CARRIED = /(^|_)org_path$|^(scope_path|approver_path|publish_scope_path)$/;
const NEVER = new Set(['orgs', 'audit_log', 'audit_head', 'kysely_migration', 'kysely_migration_lock']);

export async function carriedPathColumns(
  trx: Transaction<DB>,
): Promise<Array<{ table: string; column: string }>> {
  const out: Array<{ table: string; column: string }> = [];
  if (trx.getExecutor().adapter instanceof SqliteAdapter) {
    for (const t of await trx.introspection.getTables()) {
      if (NEVER.has(t.name) || t.isView) continue;
      for (const c of t.columns) if (CARRIED.test(c.name)) out.push({ table: t.name, column: c.name });
    }
    return out;
  }
  // PostgreSQL: only our own schema. Kysely's introspector reads every schema on the server,
  // which is wasteful and races with schemas being dropped (other tenants, parallel tests).
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
    order by c.table_name, c.ordinal_position`.execute(trx);
  for (const r of rows) {
    if (!NEVER.has(r.table_name) && CARRIED.test(r.column_name))
      out.push({ table: r.table_name, column: r.column_name });
  }
  return out;
}

export async function rebaseCarriedPaths(
  trx: Transaction<DB>,
  oldPrefix: string,
  newPrefix: string,
): Promise<number> {
  let rows = 0;
  for (const { table, column } of await carriedPathColumns(trx)) {
    const col = sql.ref(column);
    const result =
      await sql`update ${sql.table(table)} set ${col} = ${newPrefix} || substr(${col}, ${oldPrefix.length + 1})
      where ${col} >= ${oldPrefix} and ${col} < ${pathUpperBound(oldPrefix)}`.execute(trx);
    rows += Number(result.numAffectedRows ?? 0);
  }
  return rows;
}
