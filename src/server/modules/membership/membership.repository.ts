// Effective-dated membership and positions. Intervals are [valid_from, valid_to): a row
// holds on day D when valid_from <= D and (valid_to is null or D < valid_to).
import { sql, type Kysely, type Transaction } from 'kysely';
import { pathUpperBound, toCount } from '../../db/dialect.ts';
import { compiledOnce } from '../../db/compiled-once.ts';
import type { DB, OrgRow } from '../../db/schema.ts';

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

/** An organisation with what its page shows: its counts on a day and its secretary then. */
export interface OrgPageFacts {
  org: OrgRow;
  counts: OrgCounts;
  childOrgs: number;
  /** Active organisations below it at any depth (itself excluded). */
  subtreeOrgs: number;
  secretary: { personId: number; name: string; since: string } | null;
}

const orgPageQuery = compiledOnce((db: Kysely<DB>, p: { id: number; on: string; post: string }) => {
  const upper = sql<string>`substr(o.path, 1, length(o.path) - 1) || '0'`;
  // `path || ''` keeps SQLite off the path index where the partial index on the day is far
  // narrower (open memberships starting after the day: a handful, against the whole subtree).
  const inSubtree = (column: 'd.path' | 'm.org_path', useIndex = true) =>
    useIndex
      ? sql<boolean>`${sql.ref(column)} >= o.path and ${sql.ref(column)} < ${upper}`
      : sql<boolean>`${sql.ref(column)} || '' >= o.path and ${sql.ref(column)} || '' < ${upper}`;
  return withCounts(db)
    .selectFrom('orgs as o')
    .selectAll('o')
    .select((eb) => {
      // The org's own memberships running on the day, by category.
      const own = (category: string | null) => {
        let q = eb
          .selectFrom('memberships as m')
          .select(sql<number>`count(*)`.as('n'))
          .whereRef('m.org_id', '=', 'o.id')
          .where('m.valid_from', '<=', p.on)
          .where((w) => w.or([w('m.valid_to', 'is', null), w('m.valid_to', '>', p.on)]));
        if (category) q = q.where('m.category', '=', category);
        return q;
      };
      const secretary = eb
        .selectFrom('positions as x')
        .whereRef('x.org_id', '=', 'o.id')
        .where('x.post', '=', p.post)
        .where('x.valid_from', '<=', p.on)
        .where((w) => w.or([w('x.valid_to', 'is', null), w('x.valid_to', '>', p.on)]))
        .orderBy('x.valid_from')
        .limit(1);
      return [
        own(null).as('own_members'),
        own(FULL_MEMBER).as('own_full'),
        own(PROBATIONARY_MEMBER).as('own_probationary'),
        // The subtree: the rollup's open memberships, minus open ones starting after the day,
        // plus closed ones still running on it (the same arithmetic as countSubtreeMembersOn).
        eb
          .selectFrom('orgs as d')
          .innerJoin('org_member_counts as c', 'c.org_id', 'd.id')
          .select(sql<number>`coalesce(sum(c.members), 0)`.as('n'))
          .where(inSubtree('d.path'))
          .as('subtree_open'),
        eb
          .selectFrom('memberships as m')
          .select(sql<number>`count(*)`.as('n'))
          .where('m.valid_to', 'is', null)
          .where('m.valid_from', '>', p.on)
          .where(inSubtree('m.org_path', false))
          .as('subtree_not_started'),
        eb
          .selectFrom('memberships as m')
          .select(sql<number>`count(*)`.as('n'))
          .where('m.valid_to', 'is not', null)
          .where('m.valid_to', '>', p.on)
          .where('m.valid_from', '<=', p.on)
          .where(inSubtree('m.org_path'))
          .as('subtree_still_running'),
        eb
          .selectFrom('orgs as k')
          .select(sql<number>`count(*)`.as('n'))
          .whereRef('k.parent_id', '=', 'o.id')
          .where('k.status', '=', 'active')
          .as('child_orgs'),
        eb
          .selectFrom('orgs as d')
          .select(sql<number>`count(*)`.as('n'))
          .where(inSubtree('d.path'))
          .whereRef('d.id', '<>', 'o.id')
          .where('d.status', '=', 'active')
          .as('subtree_orgs'),
        secretary.select('x.person_id').as('secretary_id'),
        secretary.innerJoin('persons as p', 'p.id', 'x.person_id').select('p.name').as('secretary_name'),
        secretary.select('x.valid_from').as('secretary_since'),
      ];
    })
    .where('o.id', '=', p.id);
});

/**
 * The organisation page in ONE statement, compiled once (issue 9: it took seven, which capped
 * GET /api/orgs/:id far below 3,000 requests/s): the row plus correlated scalar subqueries,
 * each served by one index. The figures are those of countMembersOn, countActiveChildren and
 * holdersOn; member-counts.test.ts checks them against the scan after every kind of write.
 */
export async function findOrgPageFacts(
  db: Q,
  id: number,
  on: string,
  secretaryPost: string,
): Promise<OrgPageFacts | undefined> {
  const [row] = await orgPageQuery(db, { id, on, post: secretaryPost });
  if (!row) return undefined;
  const {
    own_members,
    own_full,
    own_probationary,
    subtree_open,
    subtree_not_started,
    subtree_still_running,
    child_orgs,
    subtree_orgs,
    secretary_id,
    secretary_name,
    secretary_since,
    ...org
  } = row;
  return {
    org: org as OrgRow,
    counts: {
      members: toCount(own_members),
      fullMembers: toCount(own_full),
      probationaryMembers: toCount(own_probationary),
      subtreeMembers: toCount(subtree_open) - toCount(subtree_not_started) + toCount(subtree_still_running),
    },
    childOrgs: toCount(child_orgs),
    subtreeOrgs: toCount(subtree_orgs),
    secretary:
      secretary_id != null && secretary_name != null && secretary_since != null
        ? { personId: Number(secretary_id), name: secretary_name, since: secretary_since }
        : null,
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

/**
 * Members and full members of each organisation under `path` (its own memberships, not its
 * subtree's) on a day, from the rollup: O(organisations) plus the two small corrections, instead
 * of a scan of every membership under `path` (≈ 200,000 rows at the root of a city). Exactly
 * equal to memberCountsByOrgByScan (member-counts.test.ts).
 */
export async function memberCountsByOrgOn(
  db: Q,
  path: string,
  on: string,
): Promise<Map<number, { members: number; full: number }>> {
  const upper = pathUpperBound(path);
  const [open, corrections] = await Promise.all([
    withCounts(db)
      .selectFrom('orgs as o')
      .innerJoin('org_member_counts as c', 'c.org_id', 'o.id')
      .select(['c.org_id', 'c.category', 'c.members as n'])
      .where('o.path', '>=', path)
      .where('o.path', '<', upper)
      .execute(),
    db
      .selectFrom('memberships')
      .select(['org_id', 'category', sql<number>`-count(*)`.as('n')])
      .where('valid_to', 'is', null)
      .where('valid_from', '>', on)
      .where('org_path', '>=', path)
      .where('org_path', '<', upper)
      .groupBy(['org_id', 'category'])
      .unionAll(
        db
          .selectFrom('memberships')
          .select(['org_id', 'category', sql<number>`count(*)`.as('n')])
          .where('valid_to', 'is not', null)
          .where('valid_to', '>', on)
          .where('valid_from', '<=', on)
          .where('org_path', '>=', path)
          .where('org_path', '<', upper)
          .groupBy(['org_id', 'category']),
      )
      .execute(),
  ]);
  const result = new Map<number, { members: number; full: number }>();
  for (const r of [...open, ...corrections]) {
    const id = Number(r.org_id);
    const n = Number(r.n);
    const c = result.get(id) ?? { members: 0, full: 0 };
    c.members += n;
    if (r.category === FULL_MEMBER) c.full += n;
    result.set(id, c);
  }
  for (const [id, c] of result) if (c.members === 0 && c.full === 0) result.delete(id);
  return result;
}

/** The same figures by scanning the memberships under `path`: the reference for the rollup read. */
export async function memberCountsByOrgByScan(
  db: Q,
  path: string,
  on: string,
): Promise<Map<number, { members: number; full: number }>> {
  const rows = await db
    .selectFrom('memberships')
    .select([
      'org_id',
      sql<number>`count(*)`.as('n'),
      sql<number>`sum(case when category = ${FULL_MEMBER} then 1 else 0 end)`.as('full'),
    ])
    .where('org_path', '>=', path)
    .where('org_path', '<', pathUpperBound(path))
    .where('valid_from', '<=', on)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', on)]))
    .groupBy('org_id')
    .execute();
  return new Map(rows.map((r) => [Number(r.org_id), { members: toCount(r.n), full: toCount(r.full) }]));
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
