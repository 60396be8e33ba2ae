// The only file that touches resp_items / resp_progress / resp_letters / acc_records.
import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import { pathUpperBound } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import type {
  AccRecordTable,
  RespItemTable,
  RespLetterTable,
  RespProgressTable,
} from '../../db/tables/responsibility.tables.ts';

export type Q = Kysely<DB> | Transaction<DB>;
export type ItemRow = Selectable<RespItemTable>;
export type ProgressRow = Selectable<RespProgressTable>;
export type LetterRow = Selectable<RespLetterTable>;
export type AccRow = Selectable<AccRecordTable>;

const under = pathUpperBound;

export async function insertItem(trx: Q, row: Insertable<RespItemTable>): Promise<ItemRow> {
  return trx.insertInto('resp_items').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findItem(db: Q, id: number): Promise<ItemRow | undefined> {
  return db.selectFrom('resp_items').selectAll().where('id', '=', id).executeTakeFirst();
}

/** An organisation's own items of a year (the 述职 subject is one organisation). */
export async function itemsOf(db: Q, orgId: number, year: number): Promise<ItemRow[]> {
  return db
    .selectFrom('resp_items')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('year', '=', year)
    .orderBy('person_id')
    .orderBy('deadline')
    .orderBy('id')
    .execute();
}

/** Undone items under a scope whose deadline has passed. */
export async function overdueItemsUnder(db: Q, scopePath: string, today: string): Promise<ItemRow[]> {
  return db
    .selectFrom('resp_items')
    .selectAll()
    .where('org_path', '>=', scopePath)
    .where('org_path', '<', under(scopePath))
    .where('completed_on', 'is', null)
    .where('deadline', '<', today)
    .execute();
}

export async function completeItem(trx: Q, id: number, on: string, now: string): Promise<void> {
  await trx
    .updateTable('resp_items')
    .set({ completed_on: on, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function insertProgress(trx: Q, row: Insertable<RespProgressTable>): Promise<ProgressRow> {
  return trx.insertInto('resp_progress').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function progressOf(db: Q, itemIds: readonly number[]): Promise<ProgressRow[]> {
  if (itemIds.length === 0) return [];
  return db
    .selectFrom('resp_progress')
    .selectAll()
    .where('item_id', 'in', [...itemIds])
    .orderBy('on_date')
    .orderBy('id')
    .execute();
}

export async function insertLetters(trx: Q, rows: Insertable<RespLetterTable>[]): Promise<LetterRow[]> {
  if (rows.length === 0) return [];
  return trx.insertInto('resp_letters').values(rows).returningAll().execute();
}

export async function findLetter(db: Q, id: number): Promise<LetterRow | undefined> {
  return db.selectFrom('resp_letters').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Letters of a year received by the organisation or anything below it. */
export async function lettersUnder(db: Q, scopePath: string, year: number | undefined): Promise<LetterRow[]> {
  let q = db
    .selectFrom('resp_letters')
    .selectAll()
    .where('org_path', '>=', scopePath)
    .where('org_path', '<', under(scopePath));
  if (year !== undefined) q = q.where('year', '=', year);
  return q.orderBy('issued_on', 'desc').orderBy('id').execute();
}

export async function unacknowledgedUnder(
  db: Q,
  scopePath: string,
  issuedBefore: string,
): Promise<LetterRow[]> {
  return db
    .selectFrom('resp_letters')
    .selectAll()
    .where('org_path', '>=', scopePath)
    .where('org_path', '<', under(scopePath))
    .where('acknowledged_on', 'is', null)
    .where('issued_on', '<', issuedBefore)
    .execute();
}

export async function acknowledgeLetter(
  trx: Q,
  id: number,
  on: string,
  by: { userId: number; name: string },
): Promise<LetterRow> {
  return trx
    .updateTable('resp_letters')
    .set({ acknowledged_on: on, acknowledged_by: by.userId, acknowledged_name: by.name })
    .where('id', '=', id)
    .where('acknowledged_on', 'is', null)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertAccountability(trx: Q, row: Insertable<AccRecordTable>): Promise<AccRow> {
  return trx.insertInto('acc_records').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findAccountability(db: Q, id: number): Promise<AccRow | undefined> {
  return db.selectFrom('acc_records').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Records proposed by the organisation at `scopePath` or any organisation below it. */
export async function accountabilityUnder(db: Q, scopePath: string): Promise<AccRow[]> {
  return db
    .selectFrom('acc_records')
    .selectAll()
    .where('proposer_org_path', '>=', scopePath)
    .where('proposer_org_path', '<', under(scopePath))
    .orderBy('proposed_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function decideAccountabilityRow(
  trx: Q,
  id: number,
  set: {
    status: string;
    decided_by: number;
    decided_name: string;
    decided_on: string;
    decision_note: string;
    updated_at: string;
  },
): Promise<AccRow> {
  return trx
    .updateTable('acc_records')
    .set(set)
    .where('id', '=', id)
    .where('status', '=', 'proposed')
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The post a person holds in an organisation on a day (positions table), if any. */
export async function holdsPost(
  db: Q,
  personId: number,
  orgId: number,
  post: string,
  on: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('positions')
    .select('id')
    .where('person_id', '=', personId)
    .where('org_id', '=', orgId)
    .where('post', '=', post)
    .where('valid_from', '<=', on)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', on)]))
    .executeTakeFirst();
  return row !== undefined;
}

/** Post holders of an organisation on a day, for the item form. */
export async function postHolders(db: Q, orgId: number, on: string) {
  return db
    .selectFrom('positions as po')
    .innerJoin('persons as p', 'p.id', 'po.person_id')
    .select(['po.person_id as personId', 'p.name', 'po.post'])
    .where('po.org_id', '=', orgId)
    .where('po.valid_from', '<=', on)
    .where((eb) => eb.or([eb('po.valid_to', 'is', null), eb('po.valid_to', '>', on)]))
    .orderBy('po.id')
    .execute();
}

export async function personName(db: Q, id: number): Promise<string | undefined> {
  return (await db.selectFrom('persons').select('name').where('id', '=', id).executeTakeFirst())?.name;
}

export async function directChildren(db: Q, parentId: number) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'path'])
    .where('parent_id', '=', parentId)
    .where('status', '=', 'active')
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
}

/** An alert a 问责 is linked to (read-only; the alert registry owns the table). */
export async function findAlert(db: Q, id: number) {
  return db
    .selectFrom('alerts')
    .select(['id', 'code', 'org_path', 'subject_label', 'detail'])
    .where('id', '=', id)
    .executeTakeFirst();
}
