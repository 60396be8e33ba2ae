// Roster repository: transfers.
import { type Insertable, type Transaction } from 'kysely';
import { pathUpperBound } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import type { RosterTransferTable } from '../../db/tables/roster.tables.ts';
import { type Q } from './roster-common.repository.ts';

export type TransferRow = Awaited<ReturnType<typeof findTransfer>>;

const TRANSFER_SELECT = [
  't.id',
  't.person_id',
  't.from_org_id',
  't.from_org_path',
  't.to_org_id',
  't.to_org_path',
  't.approver_path',
  't.reached_receiver',
  't.status',
  't.reason',
  't.return_reason',
  't.initiated_by',
  't.initiated_at',
  't.approved_by',
  't.approved_at',
  't.decided_by',
  't.decided_at',
  't.effective_on',
  'p.name as person_name',
  'fo.name as from_org_name',
  'fo.code as from_org_code',
  'to.name as to_org_name',
  'to.code as to_org_code',
] as const;

function transferBase(db: Q) {
  return db
    .selectFrom('roster_transfers as t')
    .innerJoin('persons as p', 'p.id', 't.person_id')
    .innerJoin('orgs as fo', 'fo.id', 't.from_org_id')
    .innerJoin('orgs as to', 'to.id', 't.to_org_id');
}

export async function findTransfer(db: Q, id: number) {
  return transferBase(db).select(TRANSFER_SELECT).where('t.id', '=', id).executeTakeFirst();
}

export async function hasOpenTransfer(db: Q, personId: number): Promise<boolean> {
  const row = await db
    .selectFrom('roster_transfers')
    .select('id')
    .where('person_id', '=', personId)
    .where('status', 'in', ['pending_approval', 'pending_acceptance'])
    .executeTakeFirst();
  return !!row;
}

/** Transfers visible under a scope: sent from it, awaiting its approval, or (once they reached it) sent to it. */
export async function listTransfers(db: Q, scopePath: string, status: 'open' | 'closed' | 'all') {
  const upper = pathUpperBound(scopePath);
  let q = transferBase(db)
    .select(TRANSFER_SELECT)
    .where((eb) =>
      eb.or([
        eb.and([eb('t.from_org_path', '>=', scopePath), eb('t.from_org_path', '<', upper)]),
        eb.and([eb('t.approver_path', '>=', scopePath), eb('t.approver_path', '<', upper)]),
        eb.and([
          eb('t.to_org_path', '>=', scopePath),
          eb('t.to_org_path', '<', upper),
          eb('t.reached_receiver', '=', 1),
        ]),
      ]),
    );
  if (status === 'open') q = q.where('t.status', 'in', ['pending_approval', 'pending_acceptance']);
  if (status === 'closed') q = q.where('t.status', 'not in', ['pending_approval', 'pending_acceptance']);
  return q.orderBy('t.id', 'desc').limit(500).execute();
}

/**
 * Open transfers waiting on an organisation under a scope: those that reached the receiving side
 * (待接收) by the receiving organisation, those awaiting approval by the approving 党委 — all of
 * them, for the alert registry (the list above pages).
 */
export async function transfersAwaitingUnder(db: Q, scopePath: string) {
  const upper = pathUpperBound(scopePath);
  return transferBase(db)
    .select(TRANSFER_SELECT)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('t.status', '=', 'pending_acceptance'),
          eb('t.to_org_path', '>=', scopePath),
          eb('t.to_org_path', '<', upper),
        ]),
        eb.and([
          eb('t.status', '=', 'pending_approval'),
          eb('t.approver_path', '>=', scopePath),
          eb('t.approver_path', '<', upper),
        ]),
      ]),
    )
    .orderBy('t.id')
    .execute();
}

export async function insertTransfer(
  trx: Transaction<DB>,
  row: Insertable<RosterTransferTable>,
): Promise<number> {
  const { id } = await trx
    .insertInto('roster_transfers')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

export async function updateTransfer(
  trx: Transaction<DB>,
  id: number,
  set: Partial<Insertable<RosterTransferTable>>,
): Promise<void> {
  await trx.updateTable('roster_transfers').set(set).where('id', '=', id).execute();
}

/** Closes the current membership on `on` and opens one at the receiving organisation. */
export async function moveMembership(
  trx: Transaction<DB>,
  personId: number,
  to: { id: number; path: string },
  on: string,
  reason: string,
  now: string,
): Promise<void> {
  const current = await trx
    .selectFrom('memberships')
    .select(['id', 'category'])
    .where('person_id', '=', personId)
    .where('valid_from', '<=', on)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', on)]))
    .execute();
  if (current.length > 0) {
    await trx
      .updateTable('memberships')
      .set({ valid_to: on })
      .where(
        'id',
        'in',
        current.map((c) => c.id),
      )
      .execute();
  }
  const category = current[0]?.category ?? '正式党员';
  await trx
    .insertInto('memberships')
    .values({
      person_id: personId,
      org_id: to.id,
      org_path: to.path,
      category,
      valid_from: on,
      valid_to: null,
      reason,
      created_at: now,
    })
    .execute();
  await trx
    .updateTable('roster_profiles')
    // A transferred relationship is no longer held at the old place (毕业生暂留 ends too).
    .set({ group_org_id: null, group_since: null, graduate_retained: 0, updated_at: now })
    .where('person_id', '=', personId)
    .execute();
}

/** The member behind a user account (self-service). */
export async function personOfUser(db: Q, userId: number): Promise<number | null> {
  const row = await db.selectFrom('users').select('person_id').where('id', '=', userId).executeTakeFirst();
  return row?.person_id ?? null;
}
