// Queries of 党费基数 declarations (dues_bases).
import type { Insertable, Kysely, Transaction } from 'kysely';
import { MEMBER_CATEGORIES } from '../../../core/roster/roster.constants.ts';
import { pathUpperBound } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import type { DuesBaseTable } from '../../db/tables/dues.tables.ts';

type Q = Kysely<DB> | Transaction<DB>;

/** Current party members under a path on a day, with the organisation they belong to. */
export async function membersUnder(db: Q, path: string, on: string) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('persons as p', 'p.id', 'm.person_id')
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select(['p.id as person_id', 'p.name', 'm.org_id', 'm.org_path', 'o.name as org_name'])
    .where('m.org_path', '>=', path)
    .where('m.org_path', '<', pathUpperBound(path))
    .where('m.category', 'in', [...MEMBER_CATEGORIES])
    .where('m.valid_from', '<=', on)
    .where((eb) => eb.or([eb('m.valid_to', 'is', null), eb('m.valid_to', '>', on)]))
    .orderBy('m.org_path')
    .orderBy('p.id')
    .execute();
}

export async function listBases(db: Q, path: string) {
  return db
    .selectFrom('dues_bases as b')
    .innerJoin('persons as p', 'p.id', 'b.person_id')
    .innerJoin('orgs as o', 'o.id', 'b.org_id')
    .select([
      'b.id',
      'b.person_id',
      'p.name',
      'b.org_id',
      'o.name as org_name',
      'b.category',
      'b.base_fen',
      'b.effective_month',
      'b.source',
      'b.status',
      'b.note',
      'b.created_at',
      'b.confirmed_at',
    ])
    .where('b.org_path', '>=', path)
    .where('b.org_path', '<', pathUpperBound(path))
    .orderBy('b.org_path')
    .orderBy('p.id')
    .orderBy('b.effective_month', 'desc')
    .orderBy('b.id', 'desc')
    .limit(20000)
    .execute();
}

export async function findBase(db: Q, id: number) {
  return db.selectFrom('dues_bases').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertBases(
  trx: Transaction<DB>,
  rows: Insertable<DuesBaseTable>[],
): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 200) {
    const got = await trx
      .insertInto('dues_bases')
      .values(rows.slice(i, i + 200))
      .returning('id')
      .execute();
    ids.push(...got.map((g) => g.id));
  }
  return ids;
}

export async function confirmBase(
  trx: Transaction<DB>,
  id: number,
  by: number | null,
  at: string,
): Promise<void> {
  await trx
    .updateTable('dues_bases')
    .set({ status: 'confirmed', confirmed_by: by, confirmed_at: at })
    .where('id', '=', id)
    .execute();
}

/** Unpaid ledger months of a person from a month on (they follow a newly confirmed base). */
export async function unpaidMonthsFrom(db: Q, personId: number, fromMonth: string) {
  return db
    .selectFrom('dues_ledger')
    .select(['id', 'month', 'due_fen', 'reduced_fen', 'status'])
    .where('person_id', '=', personId)
    .where('month', '>=', fromMonth)
    .where('paid_fen', '=', 0)
    .where('status', '=', 'due')
    .execute();
}

export async function personOfUser(db: Q, userId: number): Promise<number | null> {
  const r = await db.selectFrom('users').select('person_id').where('id', '=', userId).executeTakeFirst();
  return r?.person_id ?? null;
}
