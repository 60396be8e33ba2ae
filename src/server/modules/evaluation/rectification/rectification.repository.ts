// The only Kysely code for the rectification engine's tables.
import { sql, type Kysely, type Transaction } from 'kysely';
import { pathUpperBound, toCount } from '../../../db/dialect.ts';
import type { DB } from '../../../db/schema.ts';

type Q = Kysely<DB> | Transaction<DB>;

export async function insertItem(
  trx: Transaction<DB>,
  row: {
    source_type: string;
    source_id: number | null;
    org_id: number;
    org_path: string;
    owner_person_id: number | null;
    owner_name: string | null;
    title: string;
    detail: string;
    deadline: string;
    created_by: number | null;
    created_at: string;
  },
) {
  return trx
    .insertInto('rect_items')
    .values({ ...row, status: 'open', evidence: null, closed_at: null, updated_at: row.created_at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findItem(db: Q, id: number) {
  return db.selectFrom('rect_items').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateItem(
  trx: Transaction<DB>,
  id: number,
  set: {
    status: string;
    evidence?: string | null;
    closed_at?: string | null;
    reopened_count?: number;
    updated_at: string;
  },
) {
  return trx.updateTable('rect_items').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function insertProgress(
  trx: Transaction<DB>,
  row: {
    item_id: number;
    org_path: string;
    kind: string;
    note: string;
    evidence: string | null;
    actor_user_id: number | null;
    actor_name: string | null;
    at: string;
  },
) {
  await trx.insertInto('rect_progress').values(row).execute();
}

export async function listProgress(db: Q, itemId: number) {
  return db.selectFrom('rect_progress').selectAll().where('item_id', '=', itemId).orderBy('id').execute();
}

export interface ItemFilter {
  status?: string | undefined;
  overdueOn?: string | undefined;
  sourceType?: string | undefined;
  sourceIds?: readonly number[] | undefined;
}

/** Items of a subtree (one range scan), newest deadline last. */
export async function listItems(db: Q, scopePath: string, filter: ItemFilter, limit: number) {
  let q = db
    .selectFrom('rect_items')
    .selectAll()
    .where('org_path', '>=', scopePath)
    .where('org_path', '<', pathUpperBound(scopePath));
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.overdueOn) q = q.where('status', '!=', 'closed').where('deadline', '<', filter.overdueOn);
  if (filter.sourceType) q = q.where('source_type', '=', filter.sourceType);
  if (filter.sourceIds) {
    if (filter.sourceIds.length === 0) return [];
    q = q.where('source_id', 'in', filter.sourceIds);
  }
  return q.orderBy('deadline').orderBy('id').limit(limit).execute();
}

/** Counts by status (and overdue) for a subtree, optionally for some sources. */
export async function summarise(
  db: Q,
  scopePath: string,
  today: string,
  source?: { type: string; ids: readonly number[] },
) {
  let q = db
    .selectFrom('rect_items')
    .select([
      sql<number>`count(*)`.as('total'),
      sql<number>`sum(case when status = 'open' then 1 else 0 end)`.as('open'),
      sql<number>`sum(case when status = 'closure_requested' then 1 else 0 end)`.as('requested'),
      sql<number>`sum(case when status = 'closed' then 1 else 0 end)`.as('closed'),
      sql<number>`sum(case when status <> 'closed' and deadline < ${today} then 1 else 0 end)`.as('overdue'),
    ])
    .where('org_path', '>=', scopePath)
    .where('org_path', '<', pathUpperBound(scopePath));
  if (source) {
    if (source.ids.length === 0) return { total: 0, open: 0, closureRequested: 0, closed: 0, overdue: 0 };
    q = q.where('source_type', '=', source.type).where('source_id', 'in', source.ids);
  }
  const r = await q.executeTakeFirstOrThrow();
  return {
    total: toCount(r.total),
    open: toCount(r.open),
    closureRequested: toCount(r.requested),
    closed: toCount(r.closed),
    overdue: toCount(r.overdue),
  };
}

/** Open items a person owns (the owner's own "to do"), overdue first. */
export async function listOwnedOpen(db: Q, personId: number, limit: number) {
  return db
    .selectFrom('rect_items')
    .selectAll()
    .where('owner_person_id', '=', personId)
    .where('status', '!=', 'closed')
    .orderBy('deadline')
    .orderBy('id')
    .limit(limit)
    .execute();
}
