// The only Kysely code for the roster tables (and the roster's reads of persons/memberships).
import { CompiledQuery, SqliteAdapter, sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import { containsInsensitive, escapeLike, pathUpperBound, toCount, type Engine } from '../../db/dialect.ts';
import type { DB, PersonTable } from '../../db/schema.ts';
import type { RosterProfileTable, RosterTransferTable } from '../../db/tables/roster.tables.ts';

type Q = Kysely<DB> | Transaction<DB>;

export interface OrgFacts {
  id: number;
  code: string;
  name: string;
  path: string;
  kind: string;
  status: string;
  sector: string;
}

const ORG_COLS = ['id', 'code', 'name', 'path', 'kind', 'status', 'sector'] as const;

export async function findOrgById(db: Q, id: number): Promise<OrgFacts | undefined> {
  return db.selectFrom('orgs').select(ORG_COLS).where('id', '=', id).executeTakeFirst();
}

/** Organisations by code anywhere in the tree (scope is decided by the caller). */
export async function findOrgsByCodes(db: Q, codes: readonly string[]): Promise<Map<string, OrgFacts>> {
  const out = new Map<string, OrgFacts>();
  for (let i = 0; i < codes.length; i += 500) {
    const chunk = codes.slice(i, i + 500);
    if (chunk.length === 0) continue;
    const rows = await db.selectFrom('orgs').select(ORG_COLS).where('code', 'in', chunk).execute();
    for (const r of rows) out.set(r.code, r);
  }
  return out;
}

export async function findOrgsByPaths(db: Q, paths: readonly string[]): Promise<OrgFacts[]> {
  if (paths.length === 0) return [];
  return db.selectFrom('orgs').select(ORG_COLS).where('path', 'in', paths).execute();
}

/** Which of these blind indexes are already registered. */
export async function existingIdIndexes(db: Q, bidx: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < bidx.length; i += 500) {
    const chunk = bidx.slice(i, i + 500);
    if (chunk.length === 0) continue;
    const rows = await db
      .selectFrom('persons')
      .select('id_number_bidx')
      .where('id_number_bidx', 'in', chunk)
      .execute();
    for (const r of rows) if (r.id_number_bidx) found.add(r.id_number_bidx);
  }
  return found;
}

export interface NewMember {
  person: Insertable<PersonTable>;
  profile: Omit<Insertable<RosterProfileTable>, 'person_id'>;
  orgId: number;
  orgPath: string;
  validFrom: string;
  reason: string;
}

type Column = readonly [name: string, pgType: 'text' | 'integer'];

const PERSON_COLUMNS: readonly Column[] = [
  ['name', 'text'],
  ['gender', 'text'],
  ['ethnicity', 'text'],
  ['education', 'text'],
  ['id_number_enc', 'text'],
  ['id_number_bidx', 'text'],
  ['id_number_masked', 'text'],
  ['phone_enc', 'text'],
  ['phone_bidx', 'text'],
  ['phone_masked', 'text'],
  ['birth_date', 'text'],
  ['category', 'text'],
  ['joined_on', 'text'],
  ['full_member_on', 'text'],
  ['created_at', 'text'],
  ['updated_at', 'text'],
];
const PROFILE_COLUMNS: readonly Column[] = [
  ['person_id', 'integer'],
  ['native_place', 'text'],
  ['degree', 'text'],
  ['work_unit', 'text'],
  ['post', 'text'],
  ['identity', 'text'],
  ['address_enc', 'text'],
  ['updated_at', 'text'],
];
const MEMBERSHIP_COLUMNS: readonly Column[] = [
  ['person_id', 'integer'],
  ['org_id', 'integer'],
  ['org_path', 'text'],
  ['category', 'text'],
  ['valid_from', 'text'],
  ['valid_to', 'text'],
  ['reason', 'text'],
  ['created_at', 'text'],
];
/** SQLite: rows per multi-row statement (bound variables stay under SQLite's 32,766). */
const SQLITE_ROWS_PER_STATEMENT = 1000;

/**
 * Bulk insert with a hand-built statement: PostgreSQL gets one `insert … select * from
 * unnest($1::text[], …)` per call (one array per column, like COPY), SQLite multi-row VALUES.
 * Building these with the query builder cost more CPU than SQLite spent executing them.
 */
async function bulkInsert(
  trx: Transaction<DB>,
  engine: Engine,
  table: string,
  columns: readonly Column[],
  rows: readonly unknown[][],
  returning?: string,
) {
  const names = columns.map(([c]) => c).join(', ');
  const tail = returning ? ` returning ${returning}` : '';
  const out: Record<string, unknown>[] = [];
  if (rows.length === 0) return out;
  if (engine === 'postgres') {
    const arrays = columns.map((_, k) => rows.map((r) => r[k] ?? null));
    const params = columns.map(([, type], k) => `$${k + 1}::${type}[]`).join(', ');
    const res = await trx.executeQuery(
      CompiledQuery.raw(`insert into ${table} (${names}) select * from unnest(${params})${tail}`, arrays),
    );
    out.push(...(res.rows as Record<string, unknown>[]));
    return out;
  }
  const tuple = '(' + columns.map(() => '?').join(',') + ')';
  for (let i = 0; i < rows.length; i += SQLITE_ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + SQLITE_ROWS_PER_STATEMENT);
    const text = `insert into ${table} (${names}) values ${new Array<string>(chunk.length).fill(tuple).join(',')}${tail}`;
    const res = await trx.executeQuery(CompiledQuery.raw(text, chunk.flat()));
    out.push(...(res.rows as Record<string, unknown>[]));
  }
  return out;
}

/**
 * Inserts one batch of persons, their profiles and memberships (inside the caller's
 * transaction); returns the new person ids in the batch's order.
 */
export async function insertMembers(
  trx: Transaction<DB>,
  engine: Engine,
  members: readonly NewMember[],
): Promise<number[]> {
  const now = new Date().toISOString();
  const persons = members.map(({ person: p }) => [
    p.name,
    p.gender,
    p.ethnicity ?? '汉族',
    p.education ?? null,
    p.id_number_enc ?? null,
    p.id_number_bidx ?? null,
    p.id_number_masked ?? null,
    p.phone_enc ?? null,
    p.phone_bidx ?? null,
    p.phone_masked ?? null,
    p.birth_date ?? null,
    p.category,
    p.joined_on ?? null,
    p.full_member_on ?? null,
    p.created_at,
    p.updated_at,
  ]);
  const inserted = await bulkInsert(trx, engine, 'persons', PERSON_COLUMNS, persons, 'id, id_number_bidx');
  const byBidx = new Map(inserted.map((r) => [r.id_number_bidx as string, Number(r.id)]));
  const ids = members.map((m) => byBidx.get(m.person.id_number_bidx!)!);
  await bulkInsert(
    trx,
    engine,
    'roster_profiles',
    PROFILE_COLUMNS,
    members.map(({ profile: f }, k) => [
      ids[k],
      f.native_place ?? null,
      f.degree ?? null,
      f.work_unit ?? null,
      f.post ?? null,
      f.identity ?? null,
      f.address_enc ?? null,
      f.updated_at,
    ]),
  );
  await bulkInsert(
    trx,
    engine,
    'memberships',
    MEMBERSHIP_COLUMNS,
    members.map((m, k) => [
      ids[k],
      m.orgId,
      m.orgPath,
      m.person.category,
      m.validFrom,
      null,
      m.reason,
      m.person.created_at ?? now,
    ]),
  );
  return ids;
}

/** Fresh planner statistics after a bulk load (SQLite never gathers them itself). */
export async function analyzeMemberTables(db: Q, engine: Engine): Promise<void> {
  if (engine === 'postgres') {
    await sql`analyze persons, memberships, roster_profiles`.execute(db);
    return;
  }
  await sql`pragma analysis_limit = 1000`.execute(db);
  try {
    for (const t of ['persons', 'memberships', 'roster_profiles'])
      await sql`analyze ${sql.table(t)}`.execute(db);
  } finally {
    await sql`pragma analysis_limit = 0`.execute(db);
  }
}

// ---- import jobs

export async function insertImportJob(
  db: Q,
  job: {
    userId: number | null;
    username: string;
    scopePath: string;
    fileName: string | null;
    dryRun: boolean;
    allowPartial: boolean;
    now: string;
    /** The running process ("<host> <pid> <token>"). */
    owner: string;
  },
): Promise<number> {
  const { id } = await db
    .insertInto('roster_import_jobs')
    .values({
      user_id: job.userId,
      username: job.username,
      scope_path: job.scopePath,
      file_name: job.fileName,
      dry_run: job.dryRun ? 1 : 0,
      allow_partial: job.allowPartial ? 1 : 0,
      status: 'running',
      file_error: null,
      error_workbook_enc: null,
      created_at: job.now,
      finished_at: null,
      owner: job.owner,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

export async function finishImportJob(
  db: Q,
  id: number,
  r: {
    status: 'done' | 'failed';
    total: number;
    valid: number;
    imported: number;
    errorsJson: string;
    fileError: string | null;
    errorWorkbookEnc: string | null;
    now: string;
  },
): Promise<void> {
  await db
    .updateTable('roster_import_jobs')
    .set({
      status: r.status,
      total: r.total,
      valid: r.valid,
      imported: r.imported,
      errors_json: r.errorsJson,
      file_error: r.fileError,
      error_workbook_enc: r.errorWorkbookEnc,
      finished_at: r.now,
    })
    .where('id', '=', id)
    .execute();
}

export async function findImportJob(db: Q, id: number) {
  return db.selectFrom('roster_import_jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Jobs still marked running (few: one per import in progress), with their owner. */
export async function runningImportJobs(db: Q) {
  return db
    .selectFrom('roster_import_jobs')
    .select(['id', 'owner', 'created_at', 'scope_path', 'username', 'file_name'])
    .where('status', '=', 'running')
    .orderBy('id')
    .execute();
}

/**
 * Rows a job committed, from its 'roster.import' ok audit row (written in the import's own
 * transaction, so it exists exactly when the members do); null when it committed nothing.
 */
export async function committedImportRows(db: Q, jobId: number): Promise<number | null> {
  const row = await db
    .selectFrom('audit_log')
    .select('detail')
    .where('action', '=', 'roster.import')
    .where('result', '=', 'ok')
    .where('object_type', '=', 'roster_import')
    .where('object_id', '=', String(jobId))
    .executeTakeFirst();
  if (!row) return null;
  try {
    return Number((JSON.parse(row.detail) as { imported?: unknown }).imported ?? 0);
  } catch {
    return 0;
  }
}

/** Marks a job interrupted when it is still running (a job that finished meanwhile keeps its result). */
export async function interruptImportJob(
  db: Q,
  id: number,
  r: { status: string; message: string; now: string },
): Promise<boolean> {
  const res = await db
    .updateTable('roster_import_jobs')
    .set({ status: r.status, file_error: r.message, finished_at: r.now })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

// ---- members

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

// ---- structure analysis: one grouped query per dimension, each one range scan of the subtree

function currentIn(db: Q, scopePath: string, on: string) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('persons as p', 'p.id', 'm.person_id')
    .leftJoin('roster_profiles as rp', 'rp.person_id', 'p.id')
    .where('m.org_path', '>=', scopePath)
    .where('m.org_path', '<', pathUpperBound(scopePath))
    .where('m.valid_from', '<=', on)
    .where((eb) => eb.or([eb('m.valid_to', 'is', null), eb('m.valid_to', '>', on)]));
}

export type Dimension = 'gender' | 'ethnicity' | 'education' | 'category' | 'identity' | 'joinYear';

export async function countBy(
  db: Q,
  scopePath: string,
  on: string,
  dim: Dimension,
): Promise<Array<{ key: string | null; n: number }>> {
  const expr =
    dim === 'gender'
      ? sql<string>`p.gender`
      : dim === 'ethnicity'
        ? sql<string>`p.ethnicity`
        : dim === 'education'
          ? sql<string>`p.education`
          : dim === 'category'
            ? sql<string>`m.category`
            : dim === 'identity'
              ? sql<string>`rp.identity`
              : sql<string>`substr(p.joined_on, 1, 4)`;
  const rows = await currentIn(db, scopePath, on)
    .select([expr.as('k'), sql<number>`count(*)`.as('n')])
    .groupBy(expr)
    .execute();
  return rows.map((r) => ({ key: r.k, n: toCount(r.n) }));
}

/** Counts per band of a date column: one CASE over the band boundaries. */
export async function countByDateBands(
  db: Q,
  scopePath: string,
  on: string,
  column: 'p.birth_date' | 'p.joined_on',
  bands: ReadonlyArray<{ key: string; after: string | null; until: string }>,
): Promise<Map<string, number>> {
  const col = sql.ref(column);
  const cases = bands.map((b) =>
    b.after === null
      ? sql`when ${col} <= ${b.until} then ${b.key}`
      : sql`when ${col} <= ${b.until} and ${col} > ${b.after} then ${b.key}`,
  );
  const expr = sql<string>`case ${sql.join(cases, sql` `)} else 'unknown' end`;
  // group by the select position: PostgreSQL cannot match a parameterised expression twice
  const rows = await currentIn(db, scopePath, on)
    .select([expr.as('k'), sql<number>`count(*)`.as('n')])
    .groupBy(sql`1`)
    .execute();
  return new Map(rows.map((r) => [r.k, toCount(r.n)]));
}

/** Per organisation holding members: total, aged oldAge+ (born on or before oldBirth), aged ≤ youngAge (born after youngBirth). */
export async function ageingByOrg(
  db: Q,
  scopePath: string,
  on: string,
  oldBirth: string,
  youngBirth: string,
) {
  const rows = await currentIn(db, scopePath, on)
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select([
      'o.id',
      'o.name',
      'o.code',
      'o.path',
      sql<number>`count(*)`.as('total'),
      sql<number>`sum(case when p.birth_date <= ${oldBirth} then 1 else 0 end)`.as('old'),
      sql<number>`sum(case when p.birth_date > ${youngBirth} then 1 else 0 end)`.as('young'),
    ])
    .groupBy(['o.id', 'o.name', 'o.code', 'o.path'])
    .orderBy('o.path')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    name: r.name,
    code: r.code,
    path: r.path,
    total: toCount(r.total),
    old: toCount(r.old),
    young: toCount(r.young),
  }));
}

// ---- transfers

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
