// The only Kysely code for roster_external_transfers (roster module, issue 4).
import type { Insertable, Kysely, Transaction } from 'kysely';
import { pathUpperBound } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import type { RosterExternalTransferTable } from '../../db/tables/roster.tables.ts';

type Q = Kysely<DB> | Transaction<DB>;

const COLS = [
  'x.id',
  'x.direction',
  'x.person_id',
  'x.person_name',
  'x.org_id',
  'x.org_path',
  'x.other_org_name',
  'x.letter_number',
  'x.reason',
  'x.issued_on',
  'x.valid_until',
  'x.slip_returned_on',
  'x.status',
  'x.created_by',
  'x.created_at',
  'o.name as org_name',
  'o.code as org_code',
] as const;

export async function listExternal(db: Q, scopePath: string, status: 'open' | 'closed' | 'all') {
  let q = db
    .selectFrom('roster_external_transfers as x')
    .innerJoin('orgs as o', 'o.id', 'x.org_id')
    .select(COLS)
    .where('x.org_path', '>=', scopePath)
    .where('x.org_path', '<', pathUpperBound(scopePath));
  if (status === 'open') q = q.where('x.status', '=', 'letter_issued');
  if (status === 'closed') q = q.where('x.status', '!=', 'letter_issued');
  return q.orderBy('x.id', 'desc').limit(1000).execute();
}

export async function findExternal(db: Q, id: number) {
  return db
    .selectFrom('roster_external_transfers as x')
    .innerJoin('orgs as o', 'o.id', 'x.org_id')
    .select(COLS)
    .where('x.id', '=', id)
    .executeTakeFirst();
}
export type ExternalRow = NonNullable<Awaited<ReturnType<typeof findExternal>>>;

export async function hasOpenExternal(db: Q, personId: number): Promise<boolean> {
  const row = await db
    .selectFrom('roster_external_transfers')
    .select('id')
    .where('person_id', '=', personId)
    .where('status', '=', 'letter_issued')
    .executeTakeFirst();
  return !!row;
}

export async function insertExternal(
  trx: Transaction<DB>,
  row: Insertable<RosterExternalTransferTable>,
): Promise<number> {
  const { id } = await trx
    .insertInto('roster_external_transfers')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

export async function updateExternal(
  trx: Transaction<DB>,
  id: number,
  set: Partial<Insertable<RosterExternalTransferTable>>,
): Promise<void> {
  await trx.updateTable('roster_external_transfers').set(set).where('id', '=', id).execute();
}

/** The member leaves the system's roster on `on`: the current membership ends (history kept). */
export async function endMembership(trx: Transaction<DB>, personId: number, on: string): Promise<number> {
  const res = await trx
    .updateTable('memberships')
    .set({ valid_to: on })
    .where('person_id', '=', personId)
    .where('valid_from', '<=', on)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', on)]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}
