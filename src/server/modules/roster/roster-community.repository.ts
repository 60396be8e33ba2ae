// The only Kysely code for roster_community_registrations and roster_volunteer_services
// (roster module, issue 4: 在职党员到社区报到).
import type { Insertable, Kysely, Transaction } from 'kysely';
import { pathUpperBound } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import type {
  RosterCommunityRegistrationTable,
  RosterVolunteerServiceTable,
} from '../../db/tables/roster.tables.ts';

type Q = Kysely<DB> | Transaction<DB>;

function base(db: Q) {
  return db
    .selectFrom('roster_community_registrations as r')
    .innerJoin('persons as p', 'p.id', 'r.person_id')
    .innerJoin('orgs as h', 'h.id', 'r.home_org_id')
    .innerJoin('orgs as c', 'c.id', 'r.community_org_id')
    .select([
      'r.id',
      'r.person_id',
      'p.name as person_name',
      'r.home_org_id',
      'r.home_org_path',
      'h.name as home_org_name',
      'h.code as home_org_code',
      'r.community_org_id',
      'r.community_org_path',
      'c.name as community_org_name',
      'c.code as community_org_code',
      'r.registered_on',
      'r.ended_on',
      'r.end_reason',
      'r.ended_by',
    ]);
}

/** Registrations seen from a subtree: its members registered anywhere, and members registered with its communities. */
export async function listRegistrations(
  db: Q,
  scopePath: string,
  status: 'active' | 'ended' | 'all' = 'all',
) {
  const upper = pathUpperBound(scopePath);
  let q = base(db).where((eb) =>
    eb.or([
      eb.and([eb('r.home_org_path', '>=', scopePath), eb('r.home_org_path', '<', upper)]),
      eb.and([eb('r.community_org_path', '>=', scopePath), eb('r.community_org_path', '<', upper)]),
    ]),
  );
  if (status === 'active') q = q.where('r.ended_on', 'is', null);
  if (status === 'ended') q = q.where('r.ended_on', 'is not', null);
  return q.orderBy('r.id', 'desc').limit(2000).execute();
}

export async function findRegistration(db: Q, id: number) {
  return base(db).where('r.id', '=', id).executeTakeFirst();
}
export type RegistrationRow = NonNullable<Awaited<ReturnType<typeof findRegistration>>>;

export async function activeRegistrationOf(db: Q, personId: number) {
  return db
    .selectFrom('roster_community_registrations')
    .select(['id', 'community_org_id'])
    .where('person_id', '=', personId)
    .where('ended_on', 'is', null)
    .executeTakeFirst();
}

/** Service records of these registrations in [from, to]. */
export async function servicesOf(db: Q, ids: readonly number[], from: string, to: string) {
  if (ids.length === 0) return [];
  const out: Array<{ registration_id: number; served_on: string; half_hours: number }> = [];
  for (let i = 0; i < ids.length; i += 500) {
    out.push(
      ...(await db
        .selectFrom('roster_volunteer_services')
        .select(['registration_id', 'served_on', 'half_hours'])
        .where('registration_id', 'in', ids.slice(i, i + 500))
        .where('served_on', '>=', from)
        .where('served_on', '<=', to)
        .execute()),
    );
  }
  return out;
}

export async function serviceRecords(db: Q, registrationId: number) {
  return db
    .selectFrom('roster_volunteer_services')
    .select(['id', 'served_on', 'activity', 'half_hours', 'recorded_by', 'created_at', 'updated_by'])
    .where('registration_id', '=', registrationId)
    .orderBy('served_on', 'desc')
    .orderBy('id', 'desc')
    .limit(1000)
    .execute();
}

export async function insertRegistration(
  trx: Transaction<DB>,
  row: Insertable<RosterCommunityRegistrationTable>,
): Promise<number> {
  const { id } = await trx
    .insertInto('roster_community_registrations')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

export async function insertService(
  trx: Transaction<DB>,
  row: Insertable<RosterVolunteerServiceTable>,
): Promise<number> {
  const { id } = await trx
    .insertInto('roster_volunteer_services')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

/** 报到结束; false when the registration had already ended (another request won). */
export async function endRegistration(
  trx: Transaction<DB>,
  id: number,
  set: { ended_on: string; end_reason: string; ended_by: string; ended_at: string },
): Promise<boolean> {
  const res = await trx
    .updateTable('roster_community_registrations')
    .set({ ...set, updated_at: set.ended_at })
    .where('id', '=', id)
    .where('ended_on', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** The date of the registration's latest service record, if any. */
export async function lastServedOn(db: Q, registrationId: number): Promise<string | null> {
  const row = await db
    .selectFrom('roster_volunteer_services')
    .select((eb) => eb.fn.max('served_on').as('last'))
    .where('registration_id', '=', registrationId)
    .executeTakeFirst();
  return row?.last ?? null;
}

/** One service record of this registration (the registration is the scope). */
export async function findService(db: Q, registrationId: number, serviceId: number) {
  return db
    .selectFrom('roster_volunteer_services')
    .select(['id', 'served_on', 'activity', 'half_hours', 'recorded_by'])
    .where('registration_id', '=', registrationId)
    .where('id', '=', serviceId)
    .executeTakeFirst();
}

export async function updateService(
  trx: Transaction<DB>,
  registrationId: number,
  serviceId: number,
  set: { served_on: string; activity: string; half_hours: number; updated_by: string; updated_at: string },
): Promise<void> {
  await trx
    .updateTable('roster_volunteer_services')
    .set(set)
    .where('registration_id', '=', registrationId)
    .where('id', '=', serviceId)
    .execute();
}

export async function deleteService(
  trx: Transaction<DB>,
  registrationId: number,
  serviceId: number,
): Promise<boolean> {
  const res = await trx
    .deleteFrom('roster_volunteer_services')
    .where('registration_id', '=', registrationId)
    .where('id', '=', serviceId)
    .executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}
