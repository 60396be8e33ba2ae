// Org-life repository: annual plans.
import { sql, type Insertable } from 'kysely';
import { pathUpperBound, toCount } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import { type Q } from './org-life-common.repository.ts';

export async function findPlan(db: Q, orgId: number, year: number) {
  return db
    .selectFrom('life_plans')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('year', '=', year)
    .executeTakeFirst();
}

export async function planItemsOf(db: Q, planId: number) {
  return db
    .selectFrom('life_plan_items')
    .select(['seq', 'period', 'type', 'theme'])
    .where('plan_id', '=', planId)
    .orderBy('seq')
    .execute();
}

export async function insertPlan(trx: Q, row: Insertable<DB['life_plans']>) {
  return trx.insertInto('life_plans').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updatePlan(trx: Q, id: number, patch: Partial<Insertable<DB['life_plans']>>) {
  return trx
    .updateTable('life_plans')
    .set(patch)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function replacePlanItems(
  trx: Q,
  planId: number,
  items: ReadonlyArray<{ period: string; type: string; theme: string }>,
): Promise<void> {
  await trx.deleteFrom('life_plan_items').where('plan_id', '=', planId).execute();
  if (items.length)
    await trx
      .insertInto('life_plan_items')
      .values(
        items.map((i, seq) => ({ plan_id: planId, seq, period: i.period, type: i.type, theme: i.theme })),
      )
      .execute();
}

/** Every plan of `year` under `path` with its items: two range scans. */
export async function plansUnder(db: Q, path: string, year: number) {
  const plans = await db
    .selectFrom('life_plans')
    .select(['id', 'org_id', 'status', 'submitted_at', 'acknowledged_at'])
    .where('year', '=', year)
    .where('org_path', '>=', path)
    .where('org_path', '<', pathUpperBound(path))
    .execute();
  const items = await db
    .selectFrom('life_plan_items as i')
    .innerJoin('life_plans as p', 'p.id', 'i.plan_id')
    .select(['i.plan_id', 'i.seq', 'i.period', 'i.type', 'i.theme'])
    .where('p.year', '=', year)
    .where('p.org_path', '>=', path)
    .where('p.org_path', '<', pathUpperBound(path))
    .orderBy('i.plan_id')
    .orderBy('i.seq')
    .execute();
  return { plans, items };
}

/** Series issued by organisations under `path` with their meetings' progress: one grouped scan. */
export async function seriesUnder(db: Q, path: string, from: string, to: string) {
  const rows = await db
    .selectFrom('life_series as s')
    .innerJoin('orgs as o', 'o.id', 's.issuer_org_id')
    .leftJoin('life_meetings as m', 'm.series_id', 's.id')
    .select([
      's.id',
      's.type',
      's.theme',
      's.held_on',
      's.deadline',
      'o.name as issuer',
      sql<number>`count(m.id)`.as('total'),
      sql<number>`sum(case when m.status = 'held' then 1 else 0 end)`.as('done'),
    ])
    .where('s.org_path', '>=', path)
    .where('s.org_path', '<', pathUpperBound(path))
    .where('s.held_on', '>=', from)
    .where('s.held_on', '<', to)
    .groupBy(['s.id', 's.type', 's.theme', 's.held_on', 's.deadline', 'o.name'])
    .orderBy('s.held_on', 'desc')
    .orderBy('s.id', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, total: toCount(r.total), done: toCount(r.done ?? 0) }));
}
