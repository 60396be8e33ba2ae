// The only Kysely code for the orgs table.
import { sql, type Kysely, type Transaction } from 'kysely';
import { containsInsensitive, pathUpperBound, toCount } from '../../db/dialect.ts';
import type { DB, NewOrg, OrgRow } from '../../db/schema.ts';

type Q = Kysely<DB> | Transaction<DB>;

/** Unscoped load, used only by the service before its scope check (to tell 403 from 404). */
export async function findOrgById(db: Q, id: number): Promise<OrgRow | undefined> {
  return db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findOrgByCode(db: Q, scopePath: string, code: string): Promise<OrgRow | undefined> {
  return db
    .selectFrom('orgs')
    .selectAll()
    .where('code', '=', code)
    .where('path', '>=', scopePath)
    .where('path', '<', pathUpperBound(scopePath))
    .executeTakeFirst();
}

export async function codeExists(db: Q, code: string): Promise<boolean> {
  return !!(await db.selectFrom('orgs').select('id').where('code', '=', code).executeTakeFirst());
}

export interface ChildRow extends OrgRow {
  child_count: number;
}

export async function listChildren(db: Q, scopePath: string, parentId: number, includeDissolved: boolean): Promise<ChildRow[]> {
  let q = db
    .selectFrom('orgs as o')
    .selectAll('o')
    .select(
      sql<number>`(select count(*) from orgs c where c.parent_id = o.id and c.status = 'active')`.as('child_count'),
    )
    .where('o.parent_id', '=', parentId)
    .where('o.path', '>=', scopePath)
    .where('o.path', '<', pathUpperBound(scopePath));
  if (!includeDissolved) q = q.where('o.status', '=', 'active');
  const rows = await q.orderBy('o.sort_order').orderBy('o.id').execute();
  return rows.map((r) => ({ ...r, child_count: toCount(r.child_count) }));
}

export async function countActiveChildren(db: Q, id: number): Promise<number> {
  const row = await db
    .selectFrom('orgs')
    .select(sql<number>`count(*)`.as('n'))
    .where('parent_id', '=', id)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return toCount(row.n);
}

export async function searchOrgs(db: Q, scopePath: string, q: string, limit: number): Promise<OrgRow[]> {
  let query = db
    .selectFrom('orgs')
    .selectAll()
    .where('path', '>=', scopePath)
    .where('path', '<', pathUpperBound(scopePath));
  if (q) query = query.where((eb) => eb.or([containsInsensitive('name', q), containsInsensitive('code', q)]));
  return query.orderBy('depth').orderBy('path').limit(limit).execute();
}

export async function findOrgsByIds(db: Q, ids: readonly number[]): Promise<Pick<OrgRow, 'id' | 'name' | 'code' | 'path'>[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('orgs').select(['id', 'name', 'code', 'path']).where('id', 'in', ids).execute();
}

export async function insertOrg(trx: Transaction<DB>, org: Omit<NewOrg, 'path' | 'depth'>, parentPath: string | null): Promise<OrgRow> {
  const { id } = await trx
    .insertInto('orgs')
    .values({ ...org, path: 'pending', depth: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const path = (parentPath ?? '/') + id + '/';
  const depth = path.split('/').length - 2;
  return trx.updateTable('orgs').set({ path, depth }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function updateOrgNames(trx: Transaction<DB>, id: number, name: string, shortName: string | null, now: string) {
  return trx
    .updateTable('orgs')
    .set({ name, short_name: shortName, updated_at: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Re-roots every path of a subtree in one statement; depth follows. */
export async function rebaseSubtree(trx: Transaction<DB>, oldPrefix: string, newPrefix: string, now: string): Promise<number> {
  const depthDelta = newPrefix.split('/').length - oldPrefix.split('/').length;
  const result = await trx
    .updateTable('orgs')
    .set({
      path: sql<string>`${newPrefix} || substr(path, ${oldPrefix.length + 1})`,
      depth: sql<number>`depth + ${depthDelta}`,
      updated_at: now,
    })
    .where('path', '>=', oldPrefix)
    .where('path', '<', pathUpperBound(oldPrefix))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function setParent(trx: Transaction<DB>, id: number, parentId: number) {
  await trx.updateTable('orgs').set({ parent_id: parentId }).where('id', '=', id).execute();
}

export async function markDissolved(trx: Transaction<DB>, id: number, on: string, now: string) {
  return trx
    .updateTable('orgs')
    .set({ status: 'dissolved', dissolved_on: on, updated_at: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
