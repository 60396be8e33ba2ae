// The only Kysely code for the 通报 tables (insp_bulletin*).
import type { Insertable, Selectable, Transaction } from 'kysely';
import { pathUpperBound } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import type {
  InspBulletinExampleTable,
  InspBulletinRecipientTable,
  InspBulletinTable,
} from '../../db/tables/inspection.tables.ts';
import type { Q } from './inspection.repository.ts';

export type BulletinRow = Selectable<InspBulletinTable>;

export async function insertBulletin(
  trx: Transaction<DB>,
  row: Insertable<InspBulletinTable>,
  recipients: Omit<Insertable<InspBulletinRecipientTable>, 'bulletin_id'>[],
  examples: Omit<Insertable<InspBulletinExampleTable>, 'bulletin_id'>[],
): Promise<BulletinRow> {
  const b = await trx.insertInto('insp_bulletins').values(row).returningAll().executeTakeFirstOrThrow();
  if (recipients.length > 0)
    await trx
      .insertInto('insp_bulletin_recipients')
      .values(recipients.map((r) => ({ ...r, bulletin_id: b.id })))
      .execute();
  if (examples.length > 0)
    await trx
      .insertInto('insp_bulletin_examples')
      .values(examples.map((e) => ({ ...e, bulletin_id: b.id })))
      .execute();
  return b;
}

export async function findBulletin(db: Q, id: number): Promise<BulletinRow | undefined> {
  return db.selectFrom('insp_bulletins').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function recipientsOf(db: Q, bulletinIds: readonly number[]) {
  if (bulletinIds.length === 0) return [];
  return db
    .selectFrom('insp_bulletin_recipients')
    .selectAll()
    .where('bulletin_id', 'in', [...bulletinIds])
    .orderBy('org_path')
    .execute();
}

export async function examplesOf(db: Q, bulletinId: number) {
  return db
    .selectFrom('insp_bulletin_examples')
    .selectAll()
    .where('bulletin_id', '=', bulletinId)
    .orderBy('sort')
    .orderBy('id')
    .execute();
}

export async function receiptsOf(db: Q, bulletinIds: readonly number[]) {
  if (bulletinIds.length === 0) return [];
  return db
    .selectFrom('insp_bulletin_receipts')
    .selectAll()
    .where('bulletin_id', 'in', [...bulletinIds])
    .orderBy('read_at')
    .execute();
}

/** Inserts the receipt unless this user already has one; true when it is new. */
export async function insertReceipt(
  trx: Transaction<DB>,
  r: { bulletin_id: number; org_id: number; user_id: number; user_name: string; read_at: string },
): Promise<boolean> {
  const rows = await trx
    .insertInto('insp_bulletin_receipts')
    .values(r)
    .onConflict((oc) => oc.columns(['bulletin_id', 'user_id']).doNothing())
    .returning('id')
    .execute();
  return rows.length > 0;
}

/** Published in the subtree. */
export async function publishedUnder(db: Q, scopePath: string): Promise<BulletinRow[]> {
  return db
    .selectFrom('insp_bulletins')
    .selectAll()
    .where('org_path', '>=', scopePath)
    .where('org_path', '<', pathUpperBound(scopePath))
    .orderBy('issued_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Received by the organisation at `path` or one of its ancestors (the bulletin reaches down). */
export async function receivedAt(db: Q, ancestorPaths: readonly string[]): Promise<BulletinRow[]> {
  if (ancestorPaths.length === 0) return [];
  return db
    .selectFrom('insp_bulletins as b')
    .selectAll('b')
    .where('b.id', 'in', (eb) =>
      eb
        .selectFrom('insp_bulletin_recipients as r')
        .select('r.bulletin_id')
        .where('r.org_path', 'in', [...ancestorPaths]),
    )
    .orderBy('b.issued_on', 'desc')
    .orderBy('b.id', 'desc')
    .execute();
}

/** Active organisations directly below a committee (the default recipients). */
export async function childrenOf(db: Q, orgId: number) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'path'])
    .where('parent_id', '=', orgId)
    .where('status', '=', 'active')
    .orderBy('path')
    .execute();
}
