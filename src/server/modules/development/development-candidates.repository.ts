// Development repository: candidates and their steps.
import type { Insertable, Selectable } from 'kysely';
import { type Kysely, type Transaction } from 'kysely';
import { pathUpperBound } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import type { DevCandidateTable, DevStepTable } from '../../db/tables/development.tables.ts';

export type Q = Kysely<DB> | Transaction<DB>;

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
