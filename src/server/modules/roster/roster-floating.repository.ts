// The only Kysely code for the 流动党员 tables (roster module, issue 4).
import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import { pathUpperBound } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import type { RosterFloatingContactTable, RosterFloatingTable } from '../../db/tables/roster.tables.ts';

type Q = Kysely<DB> | Transaction<DB>;

const FLOATING_COLS = [
  'f.id',
  'f.person_id',
  'f.person_name',
  'f.org_id',
  'f.org_path',
  'f.direction',
  'f.kind',
  'f.destination',
  'f.origin',
  'f.since',
  'f.ended_on',
  'f.created_by',
  'f.created_at',
  'o.name as org_name',
  'o.code as org_code',
] as const;

/** Registrations managed under a subtree, with their last contact and contact count. */
/** `limit`: the page shown on the list; the alert registry asks for every row of its scope. */
export async function listFloating(
  db: Q,
  scopePath: string,
  status: 'active' | 'ended' | 'all',
  on: string,
  limit = 2000,
) {
  let q = db
    .selectFrom('roster_floating as f')
    .innerJoin('orgs as o', 'o.id', 'f.org_id')
    .select([
      ...FLOATING_COLS,
      sql<
        string | null
      >`(select max(c.contacted_on) from roster_floating_contacts c where c.floating_id = f.id)`.as(
        'last_contact_on',
      ),
      sql<number>`(select count(*) from roster_floating_contacts c where c.floating_id = f.id)`.as(
        'contacts',
      ),
    ])
    .where('f.org_path', '>=', scopePath)
    .where('f.org_path', '<', pathUpperBound(scopePath));
  if (status === 'active')
    q = q.where((eb) => eb.or([eb('f.ended_on', 'is', null), eb('f.ended_on', '>', on)]));
  if (status === 'ended') q = q.where('f.ended_on', '<=', on);
  return q.orderBy('f.org_path').orderBy('f.id').limit(limit).execute();
}

export async function findFloating(db: Q, id: number) {
  return db
    .selectFrom('roster_floating as f')
    .innerJoin('orgs as o', 'o.id', 'f.org_id')
    .select([
      ...FLOATING_COLS,
      sql<
        string | null
      >`(select max(c.contacted_on) from roster_floating_contacts c where c.floating_id = f.id)`.as(
        'last_contact_on',
      ),
      sql<number>`(select count(*) from roster_floating_contacts c where c.floating_id = f.id)`.as(
        'contacts',
      ),
    ])
    .where('f.id', '=', id)
    .executeTakeFirst();
}
export type FloatingRow = NonNullable<Awaited<ReturnType<typeof findFloating>>>;

export async function contactsOf(db: Q, floatingId: number) {
  return db
    .selectFrom('roster_floating_contacts')
    .select(['id', 'contacted_on', 'method', 'note', 'joined_local_life', 'recorded_by', 'created_at'])
    .where('floating_id', '=', floatingId)
    .orderBy('contacted_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function activeFloatingOf(db: Q, personId: number, on: string) {
  return db
    .selectFrom('roster_floating')
    .select(['id', 'direction'])
    .where('person_id', '=', personId)
    .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>', on)]))
    .execute();
}

export async function insertFloating(
  trx: Transaction<DB>,
  row: Insertable<RosterFloatingTable>,
): Promise<number> {
  const { id } = await trx
    .insertInto('roster_floating')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

export async function endFloating(
  trx: Transaction<DB>,
  id: number,
  endedOn: string,
  now: string,
): Promise<void> {
  await trx
    .updateTable('roster_floating')
    .set({ ended_on: endedOn, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function insertContact(
  trx: Transaction<DB>,
  row: Insertable<RosterFloatingContactTable>,
): Promise<number> {
  const { id } = await trx
    .insertInto('roster_floating_contacts')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

/** Keeps the member profile's 流动党员 flag in step with an out-flow registration. */
export async function setProfileFloating(
  trx: Transaction<DB>,
  personId: number,
  floating: { destination: string; since: string } | null,
  now: string,
) {
  const values = {
    floating: floating ? 1 : 0,
    floating_destination: floating?.destination ?? null,
    floating_since: floating?.since ?? null,
    updated_at: now,
  };
  const exists = await trx
    .selectFrom('roster_profiles')
    .select('person_id')
    .where('person_id', '=', personId)
    .executeTakeFirst();
  if (exists)
    await trx.updateTable('roster_profiles').set(values).where('person_id', '=', personId).execute();
  else
    await trx
      .insertInto('roster_profiles')
      .values({ person_id: personId, ...values })
      .execute();
}
