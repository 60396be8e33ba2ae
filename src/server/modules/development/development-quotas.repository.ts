// Development repository: quotas.
import { sql, type Transaction } from 'kysely';
import { pathUpperBound, toCount } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import { type Q } from './development-candidates.repository.ts';

export async function quotasUnder(db: Q, path: string, year: number) {
  return db
    .selectFrom('dev_quotas as q')
    .innerJoin('orgs as o', 'o.id', 'q.org_id')
    .select([
      'q.id',
      'q.org_id',
      'q.org_path',
      'q.year',
      'q.quota',
      'o.name as org_name',
      'o.code as org_code',
    ])
    .where('q.year', '=', year)
    .where((eb) => eb.and([eb('q.org_path', '>=', path), eb('q.org_path', '<', pathUpperBound(path))]))
    .orderBy('q.org_path')
    .execute();
}

/** Quotas of the organisation and its ancestors for a year (the plan that covers a branch). */
export async function quotasCovering(db: Q, ancestorIds: readonly number[], year: number) {
  if (ancestorIds.length === 0) return [];
  return db
    .selectFrom('dev_quotas')
    .selectAll()
    .where('org_id', 'in', [...ancestorIds])
    .where('year', '=', year)
    .execute();
}

/** 接收预备党员 approvals (step 17) per quota holder in a year: one grouped query. */
export async function approvalsUsed(
  db: Q,
  quotaPaths: readonly string[],
  year: number,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (quotaPaths.length === 0) return out;
  const rows = await db
    .selectFrom('dev_quotas as q')
    .innerJoin('dev_steps as s', (j) =>
      j
        .onRef('s.org_path', '>=', 'q.org_path')
        .on('s.org_path', '<', sql<string>`substr(q.org_path, 1, length(q.org_path) - 1) || '0'`),
    )
    .select(['q.org_path', sql<number>`count(*)`.as('n')])
    .where('q.org_path', 'in', [...quotaPaths])
    .where('q.year', '=', year)
    .where('s.step_no', '=', 17)
    .where('s.done_on', '>=', `${year}-01-01`)
    .where('s.done_on', '<=', `${year}-12-31`)
    .groupBy('q.org_path')
    .execute();
  for (const r of rows) out.set(r.org_path, toCount(r.n));
  return out;
}

export async function upsertQuota(
  trx: Transaction<DB>,
  row: { org_id: number; org_path: string; year: number; quota: number; updated_at: string },
) {
  const existing = await trx
    .selectFrom('dev_quotas')
    .selectAll()
    .where('org_id', '=', row.org_id)
    .where('year', '=', row.year)
    .executeTakeFirst();
  if (existing) {
    await trx
      .updateTable('dev_quotas')
      .set({ quota: row.quota, updated_at: row.updated_at })
      .where('id', '=', existing.id)
      .execute();
    return { before: existing.quota };
  }
  await trx.insertInto('dev_quotas').values(row).execute();
  return { before: null };
}

export async function updateMembership(
  trx: Transaction<DB>,
  id: number,
  set: { category?: string; valid_to?: string; reason?: string },
): Promise<void> {
  await trx.updateTable('memberships').set(set).where('id', '=', id).execute();
}

/** The organisations on a path, root first. */
export async function orgChain(db: Q, ids: readonly number[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('orgs')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
  return ids.map((id) => rows.find((r) => r.id === id)).filter((r): r is NonNullable<typeof r> => !!r);
}

/** Any organisation by code: the CLI acts with the operator's full authority. */
export async function orgByCodeAnywhere(db: Q, code: string) {
  return db
    .selectFrom('orgs')
    .select(['id', 'code', 'name', 'path'])
    .where('code', '=', code)
    .executeTakeFirst();
}
