// The only Kysely code for the development module's tables (dev_*). Scoped reads take the
// actor's scope path; writes run inside the service's transaction.
import { sql, type Kysely, type Transaction } from 'kysely';
import { pathUpperBound, toCount } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import type { DevCandidateTable, DevStepTable } from '../../db/tables/development.tables.ts';
import type { Insertable, Selectable } from 'kysely';

type Q = Kysely<DB> | Transaction<DB>;
export type CandidateRow = Selectable<DevCandidateTable>;
export type StepRow = Selectable<DevStepTable>;

/** Unscoped load, used only by the service before its scope check (to tell 403 from 404). */
export async function findCandidate(db: Q, id: number): Promise<CandidateRow | undefined> {
  return db.selectFrom('dev_candidates').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function candidateByIdBlindIndex(db: Q, bidx: string): Promise<CandidateRow | undefined> {
  return db.selectFrom('dev_candidates').selectAll().where('id_number_bidx', '=', bidx).executeTakeFirst();
}

export async function personByIdBlindIndex(
  db: Q,
  bidx: string,
): Promise<{ id: number; name: string } | undefined> {
  return db
    .selectFrom('persons')
    .select(['id', 'name'])
    .where('id_number_bidx', '=', bidx)
    .executeTakeFirst();
}

/** Candidates of a subtree (one range scan), with their organisation's name. */
export async function listCandidates(db: Q, path: string, includeClosed = true) {
  let q = db
    .selectFrom('dev_candidates as c')
    .innerJoin('orgs as o', 'o.id', 'c.org_id')
    .selectAll('c')
    .select(['o.name as org_name', 'o.code as org_code'])
    .where('c.org_path', '>=', path)
    .where('c.org_path', '<', pathUpperBound(path));
  if (!includeClosed) q = q.where('c.status', 'not in', ['已取消', '已终止']);
  return q.orderBy('c.org_path').orderBy('c.applied_on').orderBy('c.id').execute();
}

/** Every recorded step of a subtree's candidates, in one query. */
export async function stepsUnder(db: Q, path: string): Promise<StepRow[]> {
  return db
    .selectFrom('dev_steps')
    .selectAll()
    .where('org_path', '>=', path)
    .where('org_path', '<', pathUpperBound(path))
    .orderBy('candidate_id')
    .orderBy('step_no')
    .orderBy('done_on')
    .orderBy('id')
    .execute();
}

export async function stepsOf(db: Q, candidateId: number): Promise<StepRow[]> {
  return db
    .selectFrom('dev_steps')
    .selectAll()
    .where('candidate_id', '=', candidateId)
    .orderBy('step_no')
    .orderBy('done_on')
    .orderBy('id')
    .execute();
}

export async function insertCandidate(
  trx: Transaction<DB>,
  row: Insertable<DevCandidateTable>,
): Promise<CandidateRow> {
  return trx.insertInto('dev_candidates').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateCandidate(
  trx: Transaction<DB>,
  id: number,
  set: { status?: string; person_id?: number | null; updated_at: string },
): Promise<CandidateRow> {
  return trx
    .updateTable('dev_candidates')
    .set(set)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Closes an open pipeline; undefined when the status changed meanwhile (optimistic check). */
export async function closeCandidate(
  trx: Transaction<DB>,
  id: number,
  fromStatus: string,
  set: { status: string; closed_on: string; closed_reason: string; updated_at: string },
): Promise<CandidateRow | undefined> {
  return trx
    .updateTable('dev_candidates')
    .set(set)
    .where('id', '=', id)
    .where('status', '=', fromStatus)
    .returningAll()
    .executeTakeFirst();
}

export async function setClosure(
  trx: Transaction<DB>,
  id: number,
  on: string,
  reason: string,
): Promise<void> {
  await trx
    .updateTable('dev_candidates')
    .set({ closed_on: on, closed_reason: reason })
    .where('id', '=', id)
    .execute();
}

export async function insertStep(trx: Transaction<DB>, row: Insertable<DevStepTable>): Promise<StepRow> {
  return trx.insertInto('dev_steps').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function insertSteps(trx: Transaction<DB>, rows: Insertable<DevStepTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto('dev_steps')
      .values(rows.slice(i, i + 500))
      .execute();
}

// ---- people (read-only, foundation tables) ----

export interface PersonOnDay {
  personId: number;
  name: string;
  personCategory: string;
  category: string | null;
  orgId: number | null;
}

/** The given persons and their membership category on a day (null when not a member then). */
export async function personsOn(db: Q, ids: readonly number[], on: string): Promise<PersonOnDay[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('persons as p')
    .leftJoin('memberships as m', (j) =>
      j
        .onRef('m.person_id', '=', 'p.id')
        .on('m.valid_from', '<=', on)
        .on((eb) => eb.or([eb('m.valid_to', 'is', null), eb('m.valid_to', '>', on)])),
    )
    .select(['p.id', 'p.name', 'p.category as person_category', 'm.category', 'm.org_id'])
    .where('p.id', 'in', [...ids])
    .execute();
  return rows.map((r) => ({
    personId: r.id,
    name: r.name,
    personCategory: r.person_category,
    category: r.category ?? null,
    orgId: r.org_id ?? null,
  }));
}

// ---- roster writes on admission and 转正 (foundation tables, same transaction) ----

export async function insertPerson(
  trx: Transaction<DB>,
  row: {
    name: string;
    gender: string;
    idEnc: string;
    idBidx: string;
    idMasked: string;
    birthDate: string;
    joinedOn: string;
    now: string;
  },
): Promise<number> {
  const { id } = await trx
    .insertInto('persons')
    .values({
      name: row.name,
      gender: row.gender,
      education: null,
      id_number_enc: row.idEnc,
      id_number_bidx: row.idBidx,
      id_number_masked: row.idMasked,
      phone_enc: null,
      phone_bidx: null,
      phone_masked: null,
      birth_date: row.birthDate,
      category: '预备党员',
      joined_on: row.joinedOn,
      full_member_on: null,
      created_at: row.now,
      updated_at: row.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function openMembership(
  trx: Transaction<DB>,
  row: {
    personId: number;
    orgId: number;
    orgPath: string;
    category: string;
    from: string;
    reason: string;
    now: string;
  },
): Promise<void> {
  await trx
    .insertInto('memberships')
    .values({
      person_id: row.personId,
      org_id: row.orgId,
      org_path: row.orgPath,
      category: row.category,
      valid_from: row.from,
      valid_to: null,
      reason: row.reason,
      created_at: row.now,
    })
    .execute();
}

export interface OpenMembership {
  id: number;
  org_id: number;
  org_path: string;
  category: string;
  valid_from: string;
}

export async function currentMembership(trx: Q, personId: number): Promise<OpenMembership | undefined> {
  return trx
    .selectFrom('memberships')
    .select(['id', 'org_id', 'org_path', 'category', 'valid_from'])
    .where('person_id', '=', personId)
    .where('valid_to', 'is', null)
    .executeTakeFirst();
}

export async function closeMembership(trx: Transaction<DB>, id: number, to: string): Promise<void> {
  await trx.updateTable('memberships').set({ valid_to: to }).where('id', '=', id).execute();
}

export async function setPersonCategory(
  trx: Transaction<DB>,
  personId: number,
  category: string,
  fullMemberOn: string | null,
  now: string,
): Promise<void> {
  await trx
    .updateTable('persons')
    .set({ category, full_member_on: fullMemberOn, updated_at: now })
    .where('id', '=', personId)
    .execute();
}

// ---- calendar ----

export async function calendarDays(db: Q) {
  return db.selectFrom('dev_calendar').selectAll().orderBy('day').execute();
}

export async function upsertCalendarDays(
  trx: Transaction<DB>,
  days: { day: string; kind: string; name: string; source: string; updated_at: string }[],
): Promise<void> {
  for (const d of days) {
    await trx
      .insertInto('dev_calendar')
      .values(d)
      .onConflict((oc) =>
        oc
          .column('day')
          .doUpdateSet({ kind: d.kind, name: d.name, source: d.source, updated_at: d.updated_at }),
      )
      .execute();
  }
}

// ---- quotas ----

export async function quotasUnder(db: Q, path: string, year: number) {
  return db
    .selectFrom('dev_quotas as q')
    .innerJoin('orgs as o', 'o.id', 'q.org_id')
    .select([
      'q.id',
      'q.org_id',
      'q.org_path',
      'q.year',
      'q.quota',
      'o.name as org_name',
      'o.code as org_code',
    ])
    .where('q.year', '=', year)
    .where((eb) => eb.and([eb('q.org_path', '>=', path), eb('q.org_path', '<', pathUpperBound(path))]))
    .orderBy('q.org_path')
    .execute();
}

/** Quotas of the organisation and its ancestors for a year (the plan that covers a branch). */
export async function quotasCovering(db: Q, ancestorIds: readonly number[], year: number) {
  if (ancestorIds.length === 0) return [];
  return db
    .selectFrom('dev_quotas')
    .selectAll()
    .where('org_id', 'in', [...ancestorIds])
    .where('year', '=', year)
    .execute();
}

/** 接收预备党员 approvals (step 17) per quota holder in a year: one grouped query. */
export async function approvalsUsed(
  db: Q,
  quotaPaths: readonly string[],
  year: number,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (quotaPaths.length === 0) return out;
  const rows = await db
    .selectFrom('dev_quotas as q')
    .innerJoin('dev_steps as s', (j) =>
      j
        .onRef('s.org_path', '>=', 'q.org_path')
        .on('s.org_path', '<', sql<string>`substr(q.org_path, 1, length(q.org_path) - 1) || '0'`),
    )
    .select(['q.org_path', sql<number>`count(*)`.as('n')])
    .where('q.org_path', 'in', [...quotaPaths])
    .where('q.year', '=', year)
    .where('s.step_no', '=', 17)
    .where('s.done_on', '>=', `${year}-01-01`)
    .where('s.done_on', '<=', `${year}-12-31`)
    .groupBy('q.org_path')
    .execute();
  for (const r of rows) out.set(r.org_path, toCount(r.n));
  return out;
}

export async function upsertQuota(
  trx: Transaction<DB>,
  row: { org_id: number; org_path: string; year: number; quota: number; updated_at: string },
) {
  const existing = await trx
    .selectFrom('dev_quotas')
    .selectAll()
    .where('org_id', '=', row.org_id)
    .where('year', '=', row.year)
    .executeTakeFirst();
  if (existing) {
    await trx
      .updateTable('dev_quotas')
      .set({ quota: row.quota, updated_at: row.updated_at })
      .where('id', '=', existing.id)
      .execute();
    return { before: existing.quota };
  }
  await trx.insertInto('dev_quotas').values(row).execute();
  return { before: null };
}

export async function updateMembership(
  trx: Transaction<DB>,
  id: number,
  set: { category?: string; valid_to?: string; reason?: string },
): Promise<void> {
  await trx.updateTable('memberships').set(set).where('id', '=', id).execute();
}

/** The organisations on a path, root first. */
export async function orgChain(db: Q, ids: readonly number[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('orgs')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
  return ids.map((id) => rows.find((r) => r.id === id)).filter((r): r is NonNullable<typeof r> => !!r);
}

/** Any organisation by code: the CLI acts with the operator's full authority. */
export async function orgByCodeAnywhere(db: Q, code: string) {
  return db
    .selectFrom('orgs')
    .select(['id', 'code', 'name', 'path'])
    .where('code', '=', code)
    .executeTakeFirst();
}

// ---- import (set-based lookups) ----

/** Organisations by code, for the import's 党组织编码 column. */
export async function orgsByCodes(db: Q, codes: readonly string[]) {
  const out = new Map<
    string,
    { id: number; code: string; name: string; path: string; kind: string; status: string }
  >();
  for (let i = 0; i < codes.length; i += 500) {
    const chunk = codes.slice(i, i + 500);
    if (chunk.length === 0) continue;
    for (const r of await db
      .selectFrom('orgs')
      .select(['id', 'code', 'name', 'path', 'kind', 'status'])
      .where('code', 'in', chunk)
      .execute())
      out.set(r.code, r);
  }
  return out;
}

/** Which of these blind indexes already exist in a table (dev_candidates or persons). */
export async function existingBlindIndexes(
  db: Q,
  table: 'dev_candidates' | 'persons',
  bidx: readonly string[],
): Promise<Map<string, { id: number; category: string | null }>> {
  const out = new Map<string, { id: number; category: string | null }>();
  for (let i = 0; i < bidx.length; i += 500) {
    const chunk = bidx.slice(i, i + 500);
    if (chunk.length === 0) continue;
    if (table === 'dev_candidates') {
      for (const r of await db
        .selectFrom('dev_candidates')
        .select(['id', 'id_number_bidx'])
        .where('id_number_bidx', 'in', chunk)
        .execute())
        out.set(r.id_number_bidx, { id: r.id, category: null });
    } else {
      for (const r of await db
        .selectFrom('persons')
        .select(['id', 'id_number_bidx', 'category'])
        .where('id_number_bidx', 'in', chunk)
        .execute())
        if (r.id_number_bidx) out.set(r.id_number_bidx, { id: r.id, category: r.category });
    }
  }
  return out;
}

/** Everyone who has ever been a member of these branches, with their admission dates (one query). */
export async function branchPeople(db: Q, orgIds: readonly number[]) {
  if (orgIds.length === 0) return [];
  return db
    .selectFrom('memberships as m')
    .innerJoin('persons as p', 'p.id', 'm.person_id')
    .select(['m.org_id', 'p.id', 'p.name', 'p.category', 'p.joined_on', 'p.full_member_on'])
    .where('m.org_id', 'in', [...orgIds])
    .distinct()
    .execute();
}

/** The 党委 and 党工委 of a subtree (quota holders), root first. */
export async function committeesUnder(db: Q, path: string) {
  return db
    .selectFrom('orgs')
    .select(['id', 'code', 'name', 'kind', 'path'])
    .where('path', '>=', path)
    .where('path', '<', pathUpperBound(path))
    .where('kind', 'in', ['党委', '党工委'])
    .where('status', '=', 'active')
    .orderBy('path')
    .execute();
}

/** The branch paths of every 接收预备党员 approval (step 17) of a year in a subtree: one range scan. */
export async function approvalPathsInYear(db: Q, path: string, year: number): Promise<string[]> {
  const rows = await db
    .selectFrom('dev_steps')
    .select('org_path')
    .where('org_path', '>=', path)
    .where('org_path', '<', pathUpperBound(path))
    .where('step_no', '=', 17)
    .where('done_on', '>=', `${year}-01-01`)
    .where('done_on', '<=', `${year}-12-31`)
    .execute();
  return rows.map((r) => r.org_path);
}

// ---- the 自查自纠 audit of a subtree: only the columns the rules read ----

export async function auditCandidates(db: Q, path: string) {
  return db
    .selectFrom('dev_candidates as c')
    .innerJoin('orgs as o', 'o.id', 'c.org_id')
    .select([
      'c.id',
      'c.name',
      'c.birth_date',
      'c.applied_on',
      'c.status',
      'o.name as org_name',
      'o.code as org_code',
    ])
    .where('c.org_path', '>=', path)
    .where('c.org_path', '<', pathUpperBound(path))
    .orderBy('c.org_path')
    .orderBy('c.applied_on')
    .orderBy('c.id')
    .execute();
}

/** Steps of a subtree's candidates, unordered (the rules order by date themselves). */
export async function auditSteps(db: Q, path: string) {
  return db
    .selectFrom('dev_steps')
    .select(['id', 'candidate_id', 'step_no', 'done_on', 'data', 'materials', 'as_history'])
    .where('org_path', '>=', path)
    .where('org_path', '<', pathUpperBound(path))
    .execute();
}
