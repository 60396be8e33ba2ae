// Effective-dated membership and positions. Intervals are [valid_from, valid_to): a row
// holds on day D when valid_from <= D and (valid_to is null or D < valid_to).
import { sql, type Kysely, type Transaction } from 'kysely';
import { pathUpperBound, toCount } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';

type Q = Kysely<DB> | Transaction<DB>;

export const FULL_MEMBER = '正式党员';
export const PROBATIONARY_MEMBER = '预备党员';

export interface OrgCounts {
  members: number;
  fullMembers: number;
  probationaryMembers: number;
  subtreeMembers: number;
}

/** The one definition of an organisation's member counts on a day (domain pattern 13). */
export async function countMembersOn(db: Q, org: { id: number; path: string }, on: string): Promise<OrgCounts> {
  const row = await db
    .selectFrom('memberships')
    .select([
      sql<number>`sum(case when org_id = ${org.id} then 1 else 0 end)`.as('members'),
      sql<number>`sum(case when org_id = ${org.id} and category = ${FULL_MEMBER} then 1 else 0 end)`.as('full'),
      sql<number>`sum(case when org_id = ${org.id} and category = ${PROBATIONARY_MEMBER} then 1 else 0 end)`.as('probationary'),
      sql<number>`count(*)`.as('subtree'),
    ])
    .where('org_path', '>=', org.path)
    .where('org_path', '<', pathUpperBound(org.path))
    .where('valid_from', '<=', on)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', on)]))
    .executeTakeFirstOrThrow();
  return {
    members: toCount(row.members),
    fullMembers: toCount(row.full),
    probationaryMembers: toCount(row.probationary),
    subtreeMembers: toCount(row.subtree),
  };
}

/** Members of each given organisation's subtree on a day, in one query. */
export async function countSubtreeMembersOn(db: Q, orgs: readonly { id: number; path: string }[], on: string): Promise<Map<number, number>> {
  const result = new Map<number, number>();
  if (orgs.length === 0) return result;
  const rows = await db
    .selectFrom('orgs as o')
    .innerJoin('memberships as m', (join) =>
      join
        .onRef('m.org_path', '>=', 'o.path')
        .on('m.org_path', '<', sql<string>`substr(o.path, 1, length(o.path) - 1) || '0'`),
    )
    .select(['o.id', sql<number>`count(*)`.as('n')])
    .where(
      'o.id',
      'in',
      orgs.map((o) => o.id),
    )
    .where('m.valid_from', '<=', on)
    .where((eb) => eb.or([eb('m.valid_to', 'is', null), eb('m.valid_to', '>', on)]))
    .groupBy('o.id')
    .execute();
  for (const r of rows) result.set(Number(r.id), toCount(r.n));
  return result;
}

export interface MemberOnDay {
  personId: number;
  name: string;
  gender: string;
  category: string;
}

/** Who belonged to the organisation on a day. */
export async function membersOn(db: Q, orgId: number, on: string): Promise<MemberOnDay[]> {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('persons as p', 'p.id', 'm.person_id')
    .select(['p.id', 'p.name', 'p.gender', 'm.category'])
    .where('m.org_id', '=', orgId)
    .where('m.valid_from', '<=', on)
    .where((eb) => eb.or([eb('m.valid_to', 'is', null), eb('m.valid_to', '>', on)]))
    .orderBy('p.id')
    .execute();
  return rows.map((r) => ({ personId: r.id, name: r.name, gender: r.gender, category: r.category }));
}

export interface HolderOnDay {
  personId: number;
  name: string;
  post: string;
  since: string;
}

/** Holders of a post (书记, 副书记 …) in an organisation on a day. */
export async function holdersOn(db: Q, orgId: number, post: string, on: string): Promise<HolderOnDay[]> {
  const rows = await db
    .selectFrom('positions as x')
    .innerJoin('persons as p', 'p.id', 'x.person_id')
    .select(['p.id', 'p.name', 'x.post', 'x.valid_from'])
    .where('x.org_id', '=', orgId)
    .where('x.post', '=', post)
    .where('x.valid_from', '<=', on)
    .where((eb) => eb.or([eb('x.valid_to', 'is', null), eb('x.valid_to', '>', on)]))
    .orderBy('x.valid_from')
    .execute();
  return rows.map((r) => ({ personId: r.id, name: r.name, post: r.post, since: r.valid_from }));
}

export async function countCurrentMembers(db: Q, orgId: number, on: string): Promise<number> {
  const row = await db
    .selectFrom('memberships')
    .select(sql<number>`count(*)`.as('n'))
    .where('org_id', '=', orgId)
    .where('valid_from', '<=', on)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', on)]))
    .executeTakeFirstOrThrow();
  return toCount(row.n);
}
