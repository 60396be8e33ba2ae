// Org-life repository: people.
import { pathUpperBound } from '../../db/dialect.ts';
import { type Q } from './org-life-common.repository.ts';

export async function personOfUser(db: Q, userId: number): Promise<number | null> {
  const row = await db.selectFrom('users').select('person_id').where('id', '=', userId).executeTakeFirst();
  return row?.person_id ?? null;
}

/** Current position holders of an organisation on a day (the committee). */
export async function committeeOn(db: Q, orgId: number, on: string) {
  const rows = await db
    .selectFrom('positions as x')
    .innerJoin('persons as p', 'p.id', 'x.person_id')
    .select(['p.id', 'p.name'])
    .where('x.org_id', '=', orgId)
    .where('x.valid_from', '<=', on)
    .where((eb) => eb.or([eb('x.valid_to', 'is', null), eb('x.valid_to', '>', on)]))
    .orderBy('p.id')
    .execute();
  const seen = new Set<number>();
  return rows
    .filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)))
    .map((r) => ({ personId: r.id, name: r.name }));
}

/**
 * A 党小组's members on a day: members of its parent branch whose roster profile assigns them
 * to the group (roster_profiles.group_org_id, since group_since), plus anyone whose membership
 * is recorded on the group itself. Read-only use of the roster's table.
 */
export async function groupMembersOn(db: Q, group: { id: number; parent_id: number | null }, on: string) {
  const assigned = group.parent_id
    ? await db
        .selectFrom('roster_profiles as rp')
        .innerJoin('memberships as m', 'm.person_id', 'rp.person_id')
        .innerJoin('persons as p', 'p.id', 'rp.person_id')
        .select(['p.id', 'p.name'])
        .where('rp.group_org_id', '=', group.id)
        .where((eb) => eb.or([eb('rp.group_since', 'is', null), eb('rp.group_since', '<=', on)]))
        .where('m.org_id', '=', group.parent_id)
        .where('m.valid_from', '<=', on)
        .where((eb) => eb.or([eb('m.valid_to', 'is', null), eb('m.valid_to', '>', on)]))
        .execute()
    : [];
  const direct = await db
    .selectFrom('memberships as m')
    .innerJoin('persons as p', 'p.id', 'm.person_id')
    .select(['p.id', 'p.name'])
    .where('m.org_id', '=', group.id)
    .where('m.valid_from', '<=', on)
    .where((eb) => eb.or([eb('m.valid_to', 'is', null), eb('m.valid_to', '>', on)]))
    .execute();
  const byId = new Map<number, { personId: number; name: string }>();
  for (const r of [...assigned, ...direct]) byId.set(r.id, { personId: r.id, name: r.name });
  return [...byId.values()].sort((a, b) => a.personId - b.personId);
}

/** Position holders of an organisation on a day with their posts (谈心谈话 pairs need the 书记). */
export async function committeeSeatsOn(db: Q, orgId: number, on: string) {
  return db
    .selectFrom('positions as x')
    .innerJoin('persons as p', 'p.id', 'x.person_id')
    .select(['p.id as personId', 'p.name', 'x.post'])
    .where('x.org_id', '=', orgId)
    .where('x.valid_from', '<=', on)
    .where((eb) => eb.or([eb('x.valid_to', 'is', null), eb('x.valid_to', '>', on)]))
    .orderBy('p.id')
    .execute();
}

/** For 谈心谈话 coverage of every branch under `path`: seats, members and the year's talks, three range scans. */
export async function talkFactsUnder(db: Q, path: string, on: string, from: string, to: string) {
  const upper = pathUpperBound(path);
  const [seats, members, talks] = await Promise.all([
    db
      .selectFrom('positions as x')
      .innerJoin('orgs as o', 'o.id', 'x.org_id')
      .select(['x.org_id', 'x.person_id', 'x.post'])
      .where('o.path', '>=', path)
      .where('o.path', '<', upper)
      .where('x.valid_from', '<=', on)
      .where((eb) => eb.or([eb('x.valid_to', 'is', null), eb('x.valid_to', '>', on)]))
      .execute(),
    db
      .selectFrom('memberships')
      .select(['org_id', 'person_id'])
      .where('org_path', '>=', path)
      .where('org_path', '<', upper)
      .where('valid_from', '<=', on)
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', on)]))
      .execute(),
    db
      .selectFrom('life_talks')
      .select(['org_id', 'talker_person_id', 'talkee_person_id'])
      .where('org_path', '>=', path)
      .where('org_path', '<', upper)
      .where('held_on', '>=', from)
      .where('held_on', '<', to)
      .execute(),
  ]);
  return { seats, members, talks };
}
