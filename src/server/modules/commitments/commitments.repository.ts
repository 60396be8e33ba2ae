// The only Kysely code for the cm_* tables. Every list takes its scope (an org path).
import {
  sql,
  type Insertable,
  type Kysely,
  type Selectable,
  type Transaction,
  type Updateable,
} from 'kysely';
import { pathUpperBound, toCount } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import type { CmCommitmentTable } from '../../db/tables/commitments.tables.ts';

type Q = Kysely<DB> | Transaction<DB>;
export type CommitmentRow = Selectable<CmCommitmentTable>;

export const ACTIVE_STATUSES = ['published', 'in_progress'] as const;
export const PUBLISHED_STATUSES = ['published', 'in_progress', 'graded', 'closed'] as const;

export async function insertCommitment(
  trx: Transaction<DB>,
  row: Insertable<CmCommitmentTable>,
): Promise<CommitmentRow> {
  return trx.insertInto('cm_commitments').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findCommitment(db: Q, id: number): Promise<CommitmentRow | undefined> {
  return db.selectFrom('cm_commitments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateCommitment(
  trx: Transaction<DB>,
  id: number,
  patch: Updateable<CmCommitmentTable>,
): Promise<CommitmentRow> {
  return trx
    .updateTable('cm_commitments')
    .set(patch)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface CommitmentFilter {
  year?: number | undefined;
  status?: string | undefined;
  orgId?: number | undefined;
}

/** Commitments in a subtree (one range scan). */
export async function listCommitments(
  db: Q,
  scopePath: string,
  f: CommitmentFilter,
  limit = 500,
): Promise<CommitmentRow[]> {
  let q = db
    .selectFrom('cm_commitments')
    .selectAll()
    .where('org_path', '>=', scopePath)
    .where('org_path', '<', pathUpperBound(scopePath));
  if (f.year !== undefined) q = q.where('year', '=', f.year);
  if (f.status !== undefined) q = q.where('status', '=', f.status);
  if (f.orgId !== undefined) q = q.where('org_id', '=', f.orgId);
  return q.orderBy('year', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** Published commitments in a subtree that still need leader reviews (the cadence is decided in core). */
export async function listActive(db: Q, scopePath: string, year?: number) {
  let q = db
    .selectFrom('cm_commitments')
    .select([
      'id',
      'org_id',
      'org_path',
      'org_name',
      'committer_kind',
      'committer_name',
      'type',
      'year',
      'title',
      'status',
      'published_on',
      'last_review_on',
    ])
    .where('org_path', '>=', scopePath)
    .where('org_path', '<', pathUpperBound(scopePath))
    .where('status', 'in', [...ACTIVE_STATUSES]);
  if (year !== undefined) q = q.where('year', '=', year);
  return q.orderBy('org_path').orderBy('id').execute();
}

/** Counts by type and status for a subtree and year (one grouped query). */
export async function countByTypeAndStatus(db: Q, scopePath: string, year: number) {
  const rows = await db
    .selectFrom('cm_commitments')
    .select(['type', 'status', sql<number>`count(*)`.as('n')])
    .where('org_path', '>=', scopePath)
    .where('org_path', '<', pathUpperBound(scopePath))
    .where('year', '=', year)
    .groupBy(['type', 'status'])
    .execute();
  return rows.map((r) => ({ type: r.type, status: r.status, n: toCount(r.n) }));
}

/** The public board: published items marked public in a subtree, with no personal data columns at all. */
export async function listPublicBoard(db: Q, scopePath: string, limit = 300) {
  return db
    .selectFrom('cm_commitments')
    .select([
      'id',
      'committer_kind',
      'committer_name',
      'org_name',
      'type',
      'year',
      'title',
      'content',
      'status',
      'published_on',
      'due_on',
      'leader_grade',
    ])
    .where('org_path', '>=', scopePath)
    .where('org_path', '<', pathUpperBound(scopePath))
    .where('is_public', '=', 1)
    .where('status', 'in', [...PUBLISHED_STATUSES])
    .orderBy('year', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function insertOpinion(trx: Transaction<DB>, row: Insertable<DB['cm_opinions']>) {
  return trx.insertInto('cm_opinions').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findOpinion(db: Q, id: number) {
  return db.selectFrom('cm_opinions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function handleOpinion(
  trx: Transaction<DB>,
  id: number,
  handling: string,
  by: number,
  at: string,
) {
  return trx
    .updateTable('cm_opinions')
    .set({ handling, handled_by: by, handled_at: at })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listOpinions(db: Q, commitmentId: number) {
  return db
    .selectFrom('cm_opinions')
    .selectAll()
    .where('commitment_id', '=', commitmentId)
    .orderBy('id')
    .execute();
}

export async function insertProgress(trx: Transaction<DB>, row: Insertable<DB['cm_progress']>) {
  return trx.insertInto('cm_progress').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function listProgress(db: Q, commitmentIds: readonly number[]) {
  if (commitmentIds.length === 0) return [];
  return db
    .selectFrom('cm_progress')
    .selectAll()
    .where('commitment_id', 'in', commitmentIds)
    .orderBy('commitment_id')
    .orderBy('id')
    .execute();
}

export async function insertReview(trx: Transaction<DB>, row: Insertable<DB['cm_reviews']>) {
  return trx.insertInto('cm_reviews').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function listReviews(db: Q, commitmentId: number) {
  return db
    .selectFrom('cm_reviews')
    .selectAll()
    .where('commitment_id', '=', commitmentId)
    .orderBy('id')
    .execute();
}

/** The positions a person holds on a day, with the organisation's kind and path. */
export async function positionsOn(db: Q, personId: number, on: string) {
  return db
    .selectFrom('positions as x')
    .innerJoin('orgs as o', 'o.id', 'x.org_id')
    .select(['x.org_id as orgId', 'o.kind as orgKind', 'o.path as orgPath', 'x.post'])
    .where('x.person_id', '=', personId)
    .where('x.valid_from', '<=', on)
    .where((eb) => eb.or([eb('x.valid_to', 'is', null), eb('x.valid_to', '>', on)]))
    .execute();
}

export async function findPerson(db: Q, id: number) {
  return db.selectFrom('persons').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}

/** Is the person a member of the organisation on the day? */
export async function isMemberOn(db: Q, personId: number, orgId: number, on: string): Promise<boolean> {
  const row = await db
    .selectFrom('memberships')
    .select('id')
    .where('person_id', '=', personId)
    .where('org_id', '=', orgId)
    .where('valid_from', '<=', on)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', on)]))
    .executeTakeFirst();
  return !!row;
}

export async function userPersonId(db: Q, userId: number): Promise<number | null> {
  const row = await db.selectFrom('users').select('person_id').where('id', '=', userId).executeTakeFirst();
  return row?.person_id ?? null;
}

// ---- demo seed (batch writes) ----

/** Inserts many commitments in chunks; returns their ids in order. */
export async function insertCommitmentsBatch(
  trx: Transaction<DB>,
  rows: Insertable<CmCommitmentTable>[],
): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 300) {
    const got = await trx
      .insertInto('cm_commitments')
      .values(rows.slice(i, i + 300))
      .returning('id')
      .execute();
    ids.push(...got.map((g) => g.id));
  }
  return ids;
}

/** Batch inserts of the seed's child rows, in chunks (one function per table keeps the types exact). */
export async function insertOpinionsBatch(
  trx: Transaction<DB>,
  rows: Insertable<DB['cm_opinions']>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 400)
    await trx
      .insertInto('cm_opinions')
      .values(rows.slice(i, i + 400))
      .execute();
}

export async function insertProgressBatch(
  trx: Transaction<DB>,
  rows: Insertable<DB['cm_progress']>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 400)
    await trx
      .insertInto('cm_progress')
      .values(rows.slice(i, i + 400))
      .execute();
}

export async function insertReviewsBatch(
  trx: Transaction<DB>,
  rows: Insertable<DB['cm_reviews']>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 400)
    await trx
      .insertInto('cm_reviews')
      .values(rows.slice(i, i + 400))
      .execute();
}

/** Branches in a subtree with their path (for the demo seed). */
export async function branchesUnder(db: Q, scopePath: string) {
  return db
    .selectFrom('orgs')
    .select(['id', 'path', 'name', 'parent_id'])
    .where('path', '>=', scopePath)
    .where('path', '<', pathUpperBound(scopePath))
    .where('kind', 'in', ['党支部', '联合党支部'])
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();
}

/** Current position holders of leadership bodies (党委/党工委/党总支) and branch secretaries, on a day. */
export async function leadersOn(db: Q, on: string) {
  return db
    .selectFrom('positions as x')
    .innerJoin('orgs as o', 'o.id', 'x.org_id')
    .innerJoin('persons as p', 'p.id', 'x.person_id')
    .select(['x.org_id as orgId', 'o.kind', 'x.post', 'p.id as personId', 'p.name'])
    .where((eb) => eb.or([eb('o.kind', 'in', ['党委', '党工委', '党总支']), eb('x.post', '=', '书记')]))
    .where('x.valid_from', '<=', on)
    .where((eb) => eb.or([eb('x.valid_to', 'is', null), eb('x.valid_to', '>', on)]))
    .orderBy('x.org_id')
    .orderBy('x.id')
    .execute();
}

/** Current members of the given organisations (one query). */
export async function membersOfOrgs(db: Q, orgIds: readonly number[], on: string) {
  if (orgIds.length === 0) return [];
  return db
    .selectFrom('memberships as m')
    .innerJoin('persons as p', 'p.id', 'm.person_id')
    .select(['m.org_id as orgId', 'p.id as personId', 'p.name'])
    .where('m.org_id', 'in', orgIds)
    .where('m.valid_from', '<=', on)
    .where((eb) => eb.or([eb('m.valid_to', 'is', null), eb('m.valid_to', '>', on)]))
    .orderBy('m.org_id')
    .orderBy('p.id')
    .execute();
}

export async function demoBranchIds(db: Q): Promise<number[]> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select('u.scope_org_id')
    .where('r.role', '=', 'worker')
    .execute();
  return [...new Set(rows.map((r) => r.scope_org_id))];
}

export async function rootOrg(db: Q) {
  return db
    .selectFrom('orgs')
    .select(['id', 'path'])
    .where('parent_id', 'is', null)
    .orderBy('id')
    .executeTakeFirst();
}

/** Current 书记 of the given organisations (one query). */
export async function secretariesOf(db: Q, orgIds: readonly number[], on: string) {
  if (orgIds.length === 0) return [];
  return db
    .selectFrom('positions as x')
    .innerJoin('persons as p', 'p.id', 'x.person_id')
    .select(['x.org_id as orgId', 'p.id as personId', 'p.name'])
    .where('x.org_id', 'in', [...orgIds])
    .where('x.post', '=', '书记')
    .where('x.valid_from', '<=', on)
    .where((eb) => eb.or([eb('x.valid_to', 'is', null), eb('x.valid_to', '>', on)]))
    .orderBy('x.org_id')
    .orderBy('x.valid_from', 'desc')
    .execute();
}
