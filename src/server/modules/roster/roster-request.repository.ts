// The only Kysely code for roster_transfer_requests (roster module, issue 4: a member's own request).
import type { Insertable, Kysely, Transaction } from 'kysely';
import { pathUpperBound } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import type { RosterTransferRequestTable } from '../../db/tables/roster.tables.ts';

type Q = Kysely<DB> | Transaction<DB>;

function base(db: Q) {
  return db
    .selectFrom('roster_transfer_requests as r')
    .innerJoin('orgs as o', 'o.id', 'r.org_id')
    .innerJoin('persons as p', 'p.id', 'r.person_id')
    .leftJoin('orgs as t', 't.id', 'r.to_org_id')
    .select([
      'r.id',
      'r.person_id',
      'p.name as person_name',
      'r.org_id',
      'r.org_path',
      'o.name as org_name',
      'o.code as org_code',
      'r.destination_kind',
      'r.to_org_id',
      't.name as to_org_name',
      't.code as to_org_code',
      'r.outside_org_name',
      'r.reason',
      'r.status',
      'r.decline_reason',
      'r.transfer_id',
      'r.external_id',
      'r.requested_by',
      'r.created_at',
      'r.decided_by',
      'r.decided_at',
    ]);
}

/** `limit`: the page shown on the list; the alert registry asks for every row of its scope. */
export async function listRequests(
  db: Q,
  scopePath: string,
  status: 'open' | 'closed' | 'all',
  limit = 1000,
) {
  let q = base(db).where('r.org_path', '>=', scopePath).where('r.org_path', '<', pathUpperBound(scopePath));
  if (status === 'open') q = q.where('r.status', '=', 'open');
  if (status === 'closed') q = q.where('r.status', '!=', 'open');
  return q.orderBy('r.id', 'desc').limit(limit).execute();
}

export async function findRequest(db: Q, id: number) {
  return base(db).where('r.id', '=', id).executeTakeFirst();
}
export type RequestRow = NonNullable<Awaited<ReturnType<typeof findRequest>>>;

/** The member's latest request (open or not), for /roster/me. */
export async function latestRequestOf(db: Q, personId: number) {
  return base(db).where('r.person_id', '=', personId).orderBy('r.id', 'desc').executeTakeFirst();
}

export async function hasOpenRequest(db: Q, personId: number): Promise<boolean> {
  const row = await db
    .selectFrom('roster_transfer_requests')
    .select('id')
    .where('person_id', '=', personId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return !!row;
}

export async function insertRequest(
  trx: Transaction<DB>,
  row: Insertable<RosterTransferRequestTable>,
): Promise<number> {
  const { id } = await trx
    .insertInto('roster_transfer_requests')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

/** Closes an open request; false when it was no longer open (another decision won). */
export async function closeRequest(
  trx: Transaction<DB>,
  id: number,
  set: Partial<Insertable<RosterTransferRequestTable>>,
): Promise<boolean> {
  const res = await trx
    .updateTable('roster_transfer_requests')
    .set(set)
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
