// The only Kysely code for the insp_* tables of 督查 (plans, targets, visits, findings, photos).
// Every list takes its scope (an org path) and scans it as a range.
import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import { pathUpperBound } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import type {
  InspFindingTable,
  InspPlanTable,
  InspTargetTable,
  InspVisitTable,
} from '../../db/tables/inspection.tables.ts';

export type Q = Kysely<DB> | Transaction<DB>;
export type PlanRow = Selectable<InspPlanTable>;
export type TargetRow = Selectable<InspTargetTable>;
export type VisitRow = Selectable<InspVisitTable>;
export type FindingRow = Selectable<InspFindingTable>;

export async function insertPlan(trx: Transaction<DB>, row: Insertable<InspPlanTable>): Promise<PlanRow> {
  return trx.insertInto('insp_plans').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function insertTargets(
  trx: Transaction<DB>,
  rows: Insertable<InspTargetTable>[],
): Promise<void> {
  if (rows.length > 0) await trx.insertInto('insp_targets').values(rows).execute();
}

export async function findPlan(db: Q, id: number): Promise<PlanRow | undefined> {
  return db.selectFrom('insp_plans').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Plans issued by organisations in the subtree, newest first. */
export async function listPlans(db: Q, scopePath: string, year?: number): Promise<PlanRow[]> {
  let q = db
    .selectFrom('insp_plans')
    .selectAll()
    .where('org_path', '>=', scopePath)
    .where('org_path', '<', pathUpperBound(scopePath));
  if (year !== undefined) q = q.where('year', '=', year);
  return q.orderBy('period_from', 'desc').orderBy('id', 'desc').execute();
}

export async function targetsOf(db: Q, planIds: readonly number[]): Promise<TargetRow[]> {
  if (planIds.length === 0) return [];
  return db
    .selectFrom('insp_targets')
    .selectAll()
    .where('plan_id', 'in', [...planIds])
    .orderBy('planned_on')
    .orderBy('id')
    .execute();
}

/** Targets of plans issued in the subtree (for the overdue-visit alert). */
export async function targetsIssuedUnder(db: Q, scopePath: string) {
  return db
    .selectFrom('insp_targets as t')
    .innerJoin('insp_plans as p', 'p.id', 't.plan_id')
    .leftJoin('insp_visits as v', 'v.target_id', 't.id')
    .select([
      't.id',
      't.plan_id',
      't.org_id',
      't.org_name',
      't.planned_on',
      'p.org_id as plan_org_id',
      'p.org_path as plan_org_path',
      'p.title as plan_title',
      'v.id as visit_id',
    ])
    .where('t.plan_org_path', '>=', scopePath)
    .where('t.plan_org_path', '<', pathUpperBound(scopePath))
    .execute();
}

export async function insertVisit(trx: Transaction<DB>, row: Insertable<InspVisitTable>): Promise<VisitRow> {
  return trx.insertInto('insp_visits').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findVisit(db: Q, id: number): Promise<VisitRow | undefined> {
  return db.selectFrom('insp_visits').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function visitOfTarget(db: Q, targetId: number): Promise<VisitRow | undefined> {
  return db.selectFrom('insp_visits').selectAll().where('target_id', '=', targetId).executeTakeFirst();
}

export async function visitsOfPlans(db: Q, planIds: readonly number[]): Promise<VisitRow[]> {
  if (planIds.length === 0) return [];
  return db
    .selectFrom('insp_visits')
    .selectAll()
    .where('plan_id', 'in', [...planIds])
    .execute();
}

/** Visits of organisations in the subtree (what was found about them), newest first. */
export async function visitsAbout(db: Q, scopePath: string, year?: number): Promise<VisitRow[]> {
  let q = db
    .selectFrom('insp_visits')
    .selectAll()
    .where('org_path', '>=', scopePath)
    .where('org_path', '<', pathUpperBound(scopePath));
  if (year !== undefined)
    q = q.where('visited_on', '>=', `${year}-01-01`).where('visited_on', '<=', `${year}-12-31`);
  return q.orderBy('visited_on', 'desc').orderBy('id', 'desc').execute();
}

export async function insertFindings(
  trx: Transaction<DB>,
  rows: Insertable<InspFindingTable>[],
): Promise<FindingRow[]> {
  if (rows.length === 0) return [];
  return trx.insertInto('insp_findings').values(rows).returningAll().execute();
}

export async function findFinding(db: Q, id: number): Promise<FindingRow | undefined> {
  return db.selectFrom('insp_findings').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findingsOfVisits(db: Q, visitIds: readonly number[]): Promise<FindingRow[]> {
  if (visitIds.length === 0) return [];
  return db
    .selectFrom('insp_findings')
    .selectAll()
    .where('visit_id', 'in', [...visitIds])
    .orderBy('id')
    .execute();
}

/** 严重 findings not yet turned into 整改, of plans issued in the subtree (for the alert). */
export async function openSeriousFindingsIssuedUnder(db: Q, scopePath: string) {
  return db
    .selectFrom('insp_findings as f')
    .innerJoin('insp_plans as p', 'p.id', 'f.plan_id')
    .innerJoin('insp_visits as v', 'v.id', 'f.visit_id')
    .select([
      'f.id',
      'f.text',
      'f.severity',
      'f.recorded_on',
      'f.rect_item_id',
      'f.visit_id',
      'v.org_name',
      'p.org_id as plan_org_id',
      'p.org_path as plan_org_path',
    ])
    .where('f.plan_org_path', '>=', scopePath)
    .where('f.plan_org_path', '<', pathUpperBound(scopePath))
    .where('f.severity', '=', '严重')
    .where('f.rect_item_id', 'is', null)
    .execute();
}

export async function setFindingRect(trx: Transaction<DB>, id: number, rectItemId: number): Promise<void> {
  await trx.updateTable('insp_findings').set({ rect_item_id: rectItemId }).where('id', '=', id).execute();
}

/** The 书记 in post on a day (the default owner of a finding's 整改). */
export async function secretaryOf(db: Q, orgId: number, on: string) {
  return db
    .selectFrom('positions as x')
    .innerJoin('persons as p', 'p.id', 'x.person_id')
    .select(['p.id as personId', 'p.name'])
    .where('x.org_id', '=', orgId)
    .where('x.post', '=', '书记')
    .where('x.valid_from', '<=', on)
    .where((eb) => eb.or([eb('x.valid_to', 'is', null), eb('x.valid_to', '>', on)]))
    .orderBy('x.valid_from', 'desc')
    .executeTakeFirst();
}

export async function photosOfVisit(db: Q, visitId: number) {
  return db
    .selectFrom('insp_photos')
    .select(['id', 'file_name', 'size'])
    .where('visit_id', '=', visitId)
    .orderBy('id')
    .execute();
}
