// The only Kysely code for 留党察看 records (roster module, issue 16). Other modules read who is
// under 留党察看 on a day through underProbationOn (development votes and 入党介绍人, elections).
import type { Insertable, Kysely, Transaction, Updateable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { RosterDisciplineTable } from '../../db/tables/roster.tables.ts';

type Q = Kysely<DB> | Transaction<DB>;

export type DisciplineRow = Awaited<ReturnType<typeof disciplinesOf>>[number];

export async function insertDiscipline(trx: Q, row: Insertable<RosterDisciplineTable>) {
  return trx.insertInto('roster_discipline').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateDiscipline(trx: Q, id: number, set: Updateable<RosterDisciplineTable>) {
  return trx
    .updateTable('roster_discipline')
    .set(set)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findDiscipline(db: Q, id: number) {
  return db.selectFrom('roster_discipline').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A member's records, oldest first. */
export async function disciplinesOf(db: Q, personId: number) {
  return db
    .selectFrom('roster_discipline')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('start_on')
    .orderBy('id')
    .execute();
}

/**
 * Of `personIds`, those under 留党察看 on `on`: start_on <= on < end_on, and not revoked by
 * then (ended_on, when earlier than end_on, ends it early).
 */
export async function underProbationOn(db: Q, personIds: readonly number[], on: string): Promise<Set<number>> {
  if (personIds.length === 0) return new Set();
  const out = new Set<number>();
  for (let i = 0; i < personIds.length; i += 500) {
    const rows = await db
      .selectFrom('roster_discipline')
      .select('person_id')
      .where('kind', '=', '留党察看')
      .where('person_id', 'in', personIds.slice(i, i + 500))
      .where('start_on', '<=', on)
      .where('end_on', '>', on)
      .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>', on)]))
      .execute();
    for (const r of rows) out.add(Number(r.person_id));
  }
  return out;
}
