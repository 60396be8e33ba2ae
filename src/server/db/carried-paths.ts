// Tables carry their organisation's materialised path (org_path and friends) so that subtree
// queries are range scans. When a subtree moves, every carried copy moves with it, in the
// move's transaction. Columns are found by name, so a new module's tables are covered
// without registering them; the audit log keeps the paths as they were (it is history).
import { sql, type Transaction } from 'kysely';
import { pathUpperBound } from './dialect.ts';
import type { DB } from './schema.ts';

const CARRIED = /(^|_)org_path$|^(scope_path|approver_path|publish_scope_path)$/;
const NEVER = new Set(['orgs', 'audit_log', 'audit_head', 'kysely_migration', 'kysely_migration_lock']);

export async function carriedPathColumns(trx: Transaction<DB>): Promise<Array<{ table: string; column: string }>> {
  const tables = await trx.introspection.getTables();
  const out: Array<{ table: string; column: string }> = [];
  for (const t of tables) {
    if (NEVER.has(t.name) || t.isView) continue;
    for (const c of t.columns) if (CARRIED.test(c.name)) out.push({ table: t.name, column: c.name });
  }
  return out;
}

export async function rebaseCarriedPaths(trx: Transaction<DB>, oldPrefix: string, newPrefix: string): Promise<number> {
  let rows = 0;
  for (const { table, column } of await carriedPathColumns(trx)) {
    const col = sql.ref(column);
    const result = await sql`update ${sql.table(table)} set ${col} = ${newPrefix} || substr(${col}, ${oldPrefix.length + 1})
      where ${col} >= ${oldPrefix} and ${col} < ${pathUpperBound(oldPrefix)}`.execute(trx);
    rows += Number(result.numAffectedRows ?? 0);
  }
  return rows;
}
