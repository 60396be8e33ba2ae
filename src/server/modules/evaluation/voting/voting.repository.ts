// The only Kysely code for the voting engine's tables.
import { sql, type Kysely, type Transaction } from 'kysely';
import { toCount } from '../../../db/dialect.ts';
import type { DB } from '../../../db/schema.ts';

type Q = Kysely<DB> | Transaction<DB>;

export async function insertBox(
  trx: Transaction<DB>,
  row: {
    org_path: string;
    source_type: string;
    source_id: number;
    title: string;
    scheme: string;
    subjects: string;
    anonymous: number;
    expected_voters: number;
    opened_at: string;
  },
) {
  return trx
    .insertInto('vote_boxes')
    .values({ ...row, issued_tokens: 0, status: 'open', closed_at: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Unscoped load, for the caller's scope check (403 vs 404). */
export async function findBox(db: Q, id: number) {
  return db.selectFrom('vote_boxes').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertTokenHashes(trx: Transaction<DB>, boxId: number, hashes: readonly string[]) {
  for (let i = 0; i < hashes.length; i += 200) {
    await trx
      .insertInto('vote_tokens')
      .values(hashes.slice(i, i + 200).map((h) => ({ token_hash: h, box_id: boxId, used: 0 })))
      .execute();
  }
  await trx
    .updateTable('vote_boxes')
    .set({ issued_tokens: sql<number>`issued_tokens + ${hashes.length}` })
    .where('id', '=', boxId)
    .execute();
}

export async function findToken(db: Q, hash: string) {
  return db.selectFrom('vote_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
}

/** Marks a token used only if it still is unused: the row count says whether this caller won. */
export async function useToken(trx: Transaction<DB>, hash: string): Promise<boolean> {
  const r = await trx
    .updateTable('vote_tokens')
    .set({ used: 1 })
    .where('token_hash', '=', hash)
    .where('used', '=', 0)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertBallot(
  trx: Transaction<DB>,
  row: { id: string; box_id: number; marks: string; paper: number; voter_person_id: number | null },
) {
  await trx.insertInto('vote_ballots').values(row).execute();
}

export async function countBallots(db: Q, boxId: number): Promise<number> {
  const r = await db
    .selectFrom('vote_ballots')
    .select(sql<number>`count(*)`.as('n'))
    .where('box_id', '=', boxId)
    .executeTakeFirstOrThrow();
  return toCount(r.n);
}

export async function ballotMarks(
  db: Q,
  boxIds: readonly number[],
): Promise<Array<{ box_id: number; marks: string }>> {
  if (boxIds.length === 0) return [];
  return db.selectFrom('vote_ballots').select(['box_id', 'marks']).where('box_id', 'in', boxIds).execute();
}

export async function insertParticipant(
  trx: Transaction<DB>,
  boxId: number,
  personId: number,
): Promise<boolean> {
  const existing = await trx
    .selectFrom('vote_participants')
    .select('person_id')
    .where('box_id', '=', boxId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  if (existing) return false;
  await trx.insertInto('vote_participants').values({ box_id: boxId, person_id: personId }).execute();
  return true;
}

export async function hasParticipant(db: Q, boxId: number, personId: number): Promise<boolean> {
  return !!(await db
    .selectFrom('vote_participants')
    .select('person_id')
    .where('box_id', '=', boxId)
    .where('person_id', '=', personId)
    .executeTakeFirst());
}

export async function closeBox(trx: Transaction<DB>, id: number, at: string) {
  return trx
    .updateTable('vote_boxes')
    .set({ status: 'closed', closed_at: at })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findBoxesByIds(db: Q, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('vote_boxes').selectAll().where('id', 'in', ids).execute();
}
