// Roster repository: organisation lookups and the bulk insert of imported members.
import { CompiledQuery, sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import { type Engine } from '../../db/dialect.ts';
import type { DB, PersonTable } from '../../db/schema.ts';
import type { RosterProfileTable } from '../../db/tables/roster.tables.ts';

export type Q = Kysely<DB> | Transaction<DB>;

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
