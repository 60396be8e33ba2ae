// Roster repository: members (keyset list, filters, profile).
import { SqliteAdapter, sql, type Insertable, type Transaction } from 'kysely';
import { containsInsensitive, escapeLike, pathUpperBound, toCount } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import type { RosterProfileTable } from '../../db/tables/roster.tables.ts';
import { type Q } from './roster-common.repository.ts';

export interface MemberFilter {
  scopePath: string;
  on: string;
  q?: string | undefined;
  /** How `q` matches 姓名: 'prefix' (default, indexed) or 'contains'. */
  match?: 'prefix' | 'contains' | undefined;
  category?: string | undefined;
  gender?: string | undefined;
  education?: string | undefined;
  /** Birth date range: birth > after (exclusive) and birth <= until. */
  birth?: { after: string | null; until: string } | undefined;
  flag?: 'floating' | 'hardship' | 'communityReport' | undefined;
}

const isSqlite = (db: Q) => db.getExecutor().adapter instanceof SqliteAdapter;

/**
 * 姓名 search. A prefix (the common case: people type the surname first) is a range on the name
 * index, `name >= q and name < q + U+10FFFF`, byte-wise on both engines (PostgreSQL compares
 * with collate "C" on its own index, so a locale collation cannot reorder the range). Latin
 * letters fall back to a case-insensitive prefix; "contains" is a scan bounded by the subtree
 * (the caller caps the count and pages with LIMIT).
 */
function nameMatches(db: Q, needle: string, match: 'prefix' | 'contains') {
  if (match === 'contains') return containsInsensitive('p.name', needle);
  if (/[A-Za-z]/.test(needle)) {
    return sql<boolean>`lower(p.name) like ${escapeLike(needle.toLowerCase()) + '%'} escape '\\'`;
  }
  const upper = needle + '\u{10FFFF}';
  return isSqlite(db)
    ? sql<boolean>`(p.name >= ${needle} and p.name < ${upper})`
    : sql<boolean>`(p.name collate "C" >= ${needle} and p.name collate "C" < ${upper})`;
}

/** A name prefix matching more people than this is searched within the subtree scan instead. */
const NAME_PREFIX_CANDIDATES = 2000;

/**
 * For a prefix search: the ids of everyone whose name starts with `q` (one range of the name
 * index), so the member query starts from a few persons instead of the whole subtree. null when
 * there is no prefix search or the prefix is too common to help.
 */
async function namePrefixCandidates(db: Q, f: MemberFilter): Promise<number[] | null> {
  if (!f.q || (f.match ?? 'prefix') !== 'prefix' || /[A-Za-z]/.test(f.q)) return null;
  const rows = await db
    .selectFrom('persons as p')
    .select('p.id')
    .where(nameMatches(db, f.q, 'prefix'))
    .limit(NAME_PREFIX_CANDIDATES + 1)
    .execute();
  return rows.length > NAME_PREFIX_CANDIDATES ? null : rows.map((r) => Number(r.id));
}

function memberBase(db: Q, f: MemberFilter, personIds: number[] | null = null) {
  let q = db
    .selectFrom('memberships as m')
    .innerJoin('persons as p', 'p.id', 'm.person_id')
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .leftJoin('roster_profiles as rp', 'rp.person_id', 'p.id')
    .where('m.org_path', '>=', f.scopePath)
    .where('m.org_path', '<', pathUpperBound(f.scopePath))
    .where('m.valid_from', '<=', f.on)
    .where((eb) => eb.or([eb('m.valid_to', 'is', null), eb('m.valid_to', '>', f.on)]));
  if (f.q) q = q.where(nameMatches(db, f.q, f.match ?? 'prefix'));
  if (personIds)
    q = personIds.length > 0 ? q.where('m.person_id', 'in', personIds) : q.where(sql<boolean>`1 = 0`);
  if (f.category) q = q.where('m.category', '=', f.category);
  if (f.gender) q = q.where('p.gender', '=', f.gender);
  if (f.education) q = q.where('p.education', '=', f.education);
  if (f.birth) {
    q = q.where('p.birth_date', '<=', f.birth.until);
    if (f.birth.after) q = q.where('p.birth_date', '>', f.birth.after);
  }
  if (f.flag === 'floating') q = q.where('rp.floating', '=', 1);
  if (f.flag === 'hardship') q = q.where('rp.hardship', '=', 1);
  if (f.flag === 'communityReport') q = q.where('rp.community_report', '=', 1);
  return q;
}

const MEMBER_COLS = [
  'p.id',
  'p.name',
  'p.gender',
  'p.ethnicity',
  'p.education',
  'p.birth_date',
  'p.joined_on',
  'p.full_member_on',
  'p.id_number_masked',
  'p.phone_masked',
  'p.id_number_enc',
  'p.phone_enc',
  'm.category',
  'm.org_id',
  'm.org_path',
  'm.valid_from',
  'o.name as org_name',
  'o.code as org_code',
  'rp.identity',
  'rp.work_unit',
  'rp.post',
  'rp.native_place',
  'rp.degree',
  'rp.party_status',
  'rp.floating',
  'rp.floating_since',
  'rp.hardship',
  'rp.community_report',
  'rp.address_enc',
] as const;

export type MemberRow = Awaited<ReturnType<typeof listMembers>>[number];

/** One page, keyset-paginated on (org_path, person id). */
export async function listMembers(
  db: Q,
  f: MemberFilter,
  after: { path: string; id: number } | null,
  limit: number,
) {
  let q = memberBase(db, f, await namePrefixCandidates(db, f)).select(MEMBER_COLS);
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('m.org_path', '>', after.path),
        eb.and([eb('m.org_path', '=', after.path), eb('p.id', '>', after.id)]),
      ]),
    );
  }
  return q.orderBy('m.org_path').orderBy('p.id').limit(limit).execute();
}

/** Counts the filter's members; with `cap`, stops after cap + 1 rows (a bounded count). */
export async function countMembers(db: Q, f: MemberFilter, cap?: number): Promise<number> {
  if (cap !== undefined) {
    const inner = memberBase(db, f, await namePrefixCandidates(db, f))
      .select(sql<number>`1`.as('x'))
      .limit(cap + 1);
    const row = await db
      .selectFrom(inner.as('c'))
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    return toCount(row.n);
  }
  const row = await memberBase(db, f, await namePrefixCandidates(db, f))
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return toCount(row.n);
}

/** Every member of the filter (export), in key order, streamed in pages by the caller. */
export async function memberById(db: Q, personId: number, on: string) {
  return db
    .selectFrom('persons as p')
    .leftJoin('memberships as m', (j) =>
      j
        .onRef('m.person_id', '=', 'p.id')
        .on('m.valid_from', '<=', on)
        .on((eb) => eb.or([eb('m.valid_to', 'is', null), eb('m.valid_to', '>', on)])),
    )
    .leftJoin('orgs as o', 'o.id', 'm.org_id')
    .leftJoin('roster_profiles as rp', 'rp.person_id', 'p.id')
    .select([
      ...MEMBER_COLS.filter((c) => !c.startsWith('m.') && !c.startsWith('o.')),
      'm.category',
      'm.org_id',
      'm.org_path',
      'm.valid_from',
      'o.name as org_name',
      'o.code as org_code',
      'rp.party_status_reason',
      'rp.party_status_on',
      'rp.floating_destination',
      'rp.community_org_id',
      'rp.group_org_id',
      'rp.group_since',
      'rp.graduated_on',
      'rp.graduate_retained',
    ])
    .where('p.id', '=', personId)
    .executeTakeFirst();
}

export async function membershipHistory(db: Q, personId: number) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select([
      'm.org_id',
      'o.name',
      'o.code',
      'm.org_path',
      'm.category',
      'm.valid_from',
      'm.valid_to',
      'm.reason',
    ])
    .where('m.person_id', '=', personId)
    .orderBy('m.valid_from')
    .orderBy('m.id')
    .execute();
}

export async function upsertProfile(
  trx: Transaction<DB>,
  personId: number,
  values: Partial<Omit<Insertable<RosterProfileTable>, 'person_id'>>,
  now: string,
) {
  const exists = await trx
    .selectFrom('roster_profiles')
    .select('person_id')
    .where('person_id', '=', personId)
    .executeTakeFirst();
  if (exists)
    await trx
      .updateTable('roster_profiles')
      .set({ ...values, updated_at: now })
      .where('person_id', '=', personId)
      .execute();
  else
    await trx
      .insertInto('roster_profiles')
      .values({ ...values, person_id: personId, updated_at: now })
      .execute();
}

export async function findProfile(db: Q, personId: number) {
  return db.selectFrom('roster_profiles').selectAll().where('person_id', '=', personId).executeTakeFirst();
}
