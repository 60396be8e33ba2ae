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

/** The rollup table the triggers of migration 2026_11_24_000100 keep (open memberships per org and category). */
type MemberCountTables = {
  org_member_counts: { org_id: number; category: string; members: number };
};

const withCounts = (db: Q) => db.withTables<MemberCountTables>();

/** The one definition of an organisation's member counts on a day (domain pattern 13). */
export async function countMembersOn(
  db: Q,
  org: { id: number; path: string },
  on: string,
): Promise<OrgCounts> {
  const [own, subtree] = await Promise.all([
    db
      .selectFrom('memberships')
      .select([
        sql<number>`count(*)`.as('members'),
        sql<number>`sum(case when category = ${FULL_MEMBER} then 1 else 0 end)`.as('full'),
        sql<number>`sum(case when category = ${PROBATIONARY_MEMBER} then 1 else 0 end)`.as('probationary'),
      ])
      .where('org_id', '=', org.id)
      .where('valid_from', '<=', on)
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', on)]))
      .executeTakeFirstOrThrow(),
    countSubtreeMembersOn(db, [org], on),
  ]);
  return {
    members: toCount(own.members),
    fullMembers: toCount(own.full),
    probationaryMembers: toCount(own.probationary),
    subtreeMembers: subtree.get(org.id) ?? 0,
  };
}

/**
 * Members of each given organisation's subtree on a day. Read from the rollup: the open
 * memberships of the subtree's organisations (O(organisations), not O(members)), minus those
 * starting after the day, plus closed ones still running on it (both few for a day near
 * today; read through partial indexes). Exactly equal to countSubtreeMembersByScan.
 */
export async function countSubtreeMembersOn(
  db: Q,
  orgs: readonly { id: number; path: string }[],
  on: string,
): Promise<Map<number, number>> {
  const result = new Map<number, number>();
  if (orgs.length === 0) return result;
  const [open, corrections] = await Promise.all([
    withCounts(db)
      .selectFrom('orgs as p')
      .innerJoin('orgs as o', (join) =>
        join
          .onRef('o.path', '>=', 'p.path')
          .on('o.path', '<', sql<string>`substr(p.path, 1, length(p.path) - 1) || '0'`),
      )
      .innerJoin('org_member_counts as c', 'c.org_id', 'o.id')
      .select(['p.id', sql<number>`sum(c.members)`.as('n')])
      .where(
        'p.id',
        'in',
        orgs.map((o) => o.id),
      )
      .groupBy('p.id')
      .execute(),
    // Open but starting after the day (−1), closed but still running on it (+1); one index each.
    db
      .selectFrom('memberships')
      .select(['org_path', sql<number>`-1`.as('delta')])
      .where('valid_to', 'is', null)
      .where('valid_from', '>', on)
      .unionAll(
        db
          .selectFrom('memberships')
          .select(['org_path', sql<number>`1`.as('delta')])
          .where('valid_to', 'is not', null)
          .where('valid_to', '>', on)
          .where('valid_from', '<=', on),
      )
      .execute(),
  ]);
  for (const r of open) result.set(Number(r.id), toCount(r.n));
  for (const org of orgs) {
    const upper = pathUpperBound(org.path);
    let n = result.get(org.id) ?? 0;
    for (const m of corrections) if (m.org_path >= org.path && m.org_path < upper) n += Number(m.delta);
    result.set(org.id, n);
  }
  return result;
}

/** The same figures by scanning the subtree's memberships: the reference the rollup is checked against. */
export async function countSubtreeMembersByScan(
  db: Q,
  orgs: readonly { id: number; path: string }[],
  on: string,
): Promise<Map<number, number>> {
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

/** Recomputes the rollup from memberships (after a restore from an old backup, or to repair). */
export async function rebuildMemberCounts(trx: Transaction<DB>): Promise<void> {
  await withCounts(trx).deleteFrom('org_member_counts').execute();
  await sql`insert into org_member_counts (org_id, category, members)
    select org_id, category, count(*) from memberships where valid_to is null group by org_id, category`.execute(
    trx,
  );
}

/** Organisations and categories whose rollup differs from their open memberships (empty = consistent). */
export async function checkMemberCounts(
  db: Q,
): Promise<Array<{ orgId: number; category: string; rollup: number; actual: number }>> {
  const { rows } = await sql<{
    org_id: number;
    category: string;
    rollup: number | null;
    actual: number | null;
  }>`
    select coalesce(c.org_id, m.org_id) as org_id, coalesce(c.category, m.category) as category, c.members as rollup, m.n as actual
    from org_member_counts c
    full outer join (select org_id, category, count(*) as n from memberships where valid_to is null group by org_id, category) m
      on m.org_id = c.org_id and m.category = c.category
    where coalesce(c.members, 0) <> coalesce(m.n, 0)`.execute(db);
  return rows.map((r) => ({
    orgId: Number(r.org_id),
    category: r.category,
    rollup: toCount(r.rollup),
    actual: toCount(r.actual),
  }));
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
