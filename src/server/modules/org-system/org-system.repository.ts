// The only Kysely code for the org-system tables. Subtree reads take the scope path and are
// set-based: one query per fact for the whole subtree, never one per organisation.
import { sql, type Kysely, type Transaction } from 'kysely';
import { pathUpperBound, toCount } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';

type Q = Kysely<DB> | Transaction<DB>;

const FULL = '正式党员';
const PROBATIONARY = '预备党员';
const TEAM_POSTS = ['书记', '副书记', '组织委员', '宣传委员', '纪检委员', '委员'];

/** Holds on day `on`: [valid_from, valid_to). */
function current<T extends string>(alias: T, on: string) {
  return sql<boolean>`${sql.ref(alias + '.valid_from')} <= ${on} and (${sql.ref(alias + '.valid_to')} is null or ${sql.ref(alias + '.valid_to')} > ${on})`;
}

// ---------- organisations and people

export interface SubtreeOrg {
  id: number;
  code: string;
  name: string;
  kind: string;
  sector: string;
  parent_id: number | null;
  path: string;
  depth: number;
  established_on: string | null;
}

export async function subtreeOrgs(db: Q, path: string): Promise<SubtreeOrg[]> {
  return db
    .selectFrom('orgs')
    .select(['id', 'code', 'name', 'kind', 'sector', 'parent_id', 'path', 'depth', 'established_on'])
    .where('path', '>=', path)
    .where('path', '<', pathUpperBound(path))
    .where('status', '=', 'active')
    .orderBy('path')
    .execute();
}

export async function findOrgByCodeAnywhere(db: Q, code: string) {
  return db.selectFrom('orgs').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function findOrg(db: Q, id: number) {
  return db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Direct members and full members per organisation of the subtree on a day. */
export async function memberCountsByOrg(db: Q, path: string, on: string): Promise<Map<number, { members: number; full: number }>> {
  const rows = await db
    .selectFrom('memberships as m')
    .select(['m.org_id', sql<number>`count(*)`.as('n'), sql<number>`sum(case when m.category = ${FULL} then 1 else 0 end)`.as('full')])
    .where('m.org_path', '>=', path)
    .where('m.org_path', '<', pathUpperBound(path))
    .where(current('m', on))
    .groupBy('m.org_id')
    .execute();
  return new Map(rows.map((r) => [Number(r.org_id), { members: toCount(r.n), full: toCount(r.full) }]));
}

/** Current team per organisation: distinct post holders and whether a 书记 is in post. */
export async function teamsByOrg(db: Q, path: string, on: string): Promise<Map<number, { size: number; secretary: boolean }>> {
  const rows = await db
    .selectFrom('positions as x')
    .innerJoin('orgs as o', 'o.id', 'x.org_id')
    .select([
      'x.org_id',
      sql<number>`count(distinct x.person_id)`.as('n'),
      sql<number>`max(case when x.post = '书记' then 1 else 0 end)`.as('sec'),
    ])
    .where('o.path', '>=', path)
    .where('o.path', '<', pathUpperBound(path))
    .where('x.post', 'in', TEAM_POSTS)
    .where(current('x', on))
    .groupBy('x.org_id')
    .execute();
  return new Map(rows.map((r) => [Number(r.org_id), { size: toCount(r.n), secretary: toCount(r.sec) > 0 }]));
}

/** The day the last 书记 of each organisation left (for vacancy). */
export async function lastSecretaryEnd(db: Q, path: string, on: string): Promise<Map<number, string>> {
  const rows = await db
    .selectFrom('positions as x')
    .innerJoin('orgs as o', 'o.id', 'x.org_id')
    .select(['x.org_id', sql<string>`max(x.valid_to)`.as('until')])
    .where('o.path', '>=', path)
    .where('o.path', '<', pathUpperBound(path))
    .where('x.post', '=', '书记')
    .where('x.valid_to', '<=', on)
    .groupBy('x.org_id')
    .execute();
  return new Map(rows.map((r) => [Number(r.org_id), r.until]));
}

/** Latest admission (预备党员 membership start) per organisation of the subtree. */
export async function lastAdmissionByOrg(db: Q, path: string, on: string): Promise<Map<number, string>> {
  const rows = await db
    .selectFrom('memberships as m')
    .select(['m.org_id', sql<string>`max(m.valid_from)`.as('last')])
    .where('m.org_path', '>=', path)
    .where('m.org_path', '<', pathUpperBound(path))
    .where('m.category', '=', PROBATIONARY)
    .where('m.valid_from', '<=', on)
    .groupBy('m.org_id')
    .execute();
  return new Map(rows.map((r) => [Number(r.org_id), r.last]));
}

/** Units covered by each branch of the subtree. */
export async function coveredUnitCounts(db: Q, path: string): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('os_units as u')
    .innerJoin('orgs as b', 'b.id', 'u.branch_org_id')
    .select(['u.branch_org_id', sql<number>`count(*)`.as('n')])
    .where('b.path', '>=', path)
    .where('b.path', '<', pathUpperBound(path))
    .groupBy('u.branch_org_id')
    .execute();
  return new Map(rows.map((r) => [Number(r.branch_org_id), toCount(r.n)]));
}

export interface UncoveredUnit {
  unit_id: number;
  unit_name: string;
  org_id: number;
  org_code: string;
  org_name: string;
  full: number;
}

/** Units of the subtree with no active covering branch, with their current full members. */
export async function uncoveredUnits(db: Q, path: string, on: string): Promise<UncoveredUnit[]> {
  const rows = await db
    .selectFrom('os_units as u')
    .innerJoin('orgs as r', 'r.id', 'u.org_id')
    .leftJoin('orgs as b', 'b.id', 'u.branch_org_id')
    .innerJoin('os_person_units as pu', 'pu.unit_id', 'u.id')
    .innerJoin('memberships as m', 'm.person_id', 'pu.person_id')
    .select(['u.id as unit_id', 'u.name as unit_name', 'r.id as org_id', 'r.code as org_code', 'r.name as org_name', sql<number>`count(distinct m.person_id)`.as('full')])
    .where('u.org_path', '>=', path)
    .where('u.org_path', '<', pathUpperBound(path))
    .where((eb) => eb.or([eb('u.branch_org_id', 'is', null), eb('b.status', '<>', 'active')]))
    .where(current('pu', on))
    .where(current('m', on))
    .where('m.category', '=', FULL)
    .groupBy(['u.id', 'u.name', 'r.id', 'r.code', 'r.name'])
    .execute();
  return rows.map((r) => ({ ...r, unit_id: Number(r.unit_id), org_id: Number(r.org_id), full: toCount(r.full) }));
}

export async function unitsInScope(db: Q, path: string, limit: number) {
  return db
    .selectFrom('os_units as u')
    .innerJoin('orgs as r', 'r.id', 'u.org_id')
    .leftJoin('orgs as b', 'b.id', 'u.branch_org_id')
    .select(['u.id', 'u.name', 'u.sector', 'r.id as org_id', 'r.code as org_code', 'r.name as org_name', 'b.id as branch_id', 'b.code as branch_code', 'b.name as branch_name'])
    .where('u.org_path', '>=', path)
    .where('u.org_path', '<', pathUpperBound(path))
    .orderBy('u.org_path')
    .orderBy('u.id')
    .limit(limit)
    .execute();
}

/** Full members of one organisation on a day (the electorate). */
export async function fullMemberIds(db: Q, orgId: number, on: string): Promise<Set<number>> {
  const rows = await db
    .selectFrom('memberships as m')
    .select('m.person_id')
    .where('m.org_id', '=', orgId)
    .where('m.category', '=', FULL)
    .where(current('m', on))
    .execute();
  return new Set(rows.map((r) => Number(r.person_id)));
}

export async function memberIds(db: Q, orgId: number, on: string): Promise<Set<number>> {
  const rows = await db.selectFrom('memberships as m').select('m.person_id').where('m.org_id', '=', orgId).where(current('m', on)).execute();
  return new Set(rows.map((r) => Number(r.person_id)));
}

export async function personNames(db: Q, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('persons').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

// ---------- team (positions) and approvals

export async function teamOn(db: Q, orgId: number, on: string) {
  return db
    .selectFrom('positions as x')
    .innerJoin('persons as p', 'p.id', 'x.person_id')
    .leftJoin('os_post_approvals as a', 'a.position_id', 'x.id')
    .select(['x.id', 'x.person_id', 'p.name', 'p.gender', 'x.post', 'x.valid_from', 'x.basis', 'a.id as approval_id', 'a.state as approval_state', 'a.decided_on', 'a.ref'])
    .where('x.org_id', '=', orgId)
    .where('x.post', 'in', TEAM_POSTS)
    .where(current('x', on))
    .orderBy('x.id')
    .execute();
}

export async function teamHistory(db: Q, orgId: number, limit: number) {
  return db
    .selectFrom('positions as x')
    .innerJoin('persons as p', 'p.id', 'x.person_id')
    .select(['x.id', 'x.person_id', 'p.name', 'x.post', 'x.valid_from', 'x.valid_to', 'x.basis'])
    .where('x.org_id', '=', orgId)
    .where('x.post', 'in', TEAM_POSTS)
    .orderBy('x.valid_from', 'desc')
    .orderBy('x.id', 'desc')
    .limit(limit)
    .execute();
}

export async function closeTeamPositions(trx: Transaction<DB>, orgId: number, on: string): Promise<number[]> {
  const rows = await trx
    .updateTable('positions')
    .set({ valid_to: on })
    .where('org_id', '=', orgId)
    .where('post', 'in', TEAM_POSTS)
    .where('valid_from', '<', on)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', on)]))
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function openPosition(trx: Transaction<DB>, row: { person_id: number; org_id: number; post: string; valid_from: string; basis: string; created_at: string }) {
  const { id } = await trx.insertInto('positions').values({ ...row, valid_to: null }).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function insertApproval(trx: Transaction<DB>, row: { org_id: number; org_path: string; person_id: number; post: string; position_id: number; term_id: number; state: string; created_at: string }) {
  await trx.insertInto('os_post_approvals').values({ ...row, decided_on: null, ref: null, decided_by: null }).execute();
}

export async function findApproval(db: Q, id: number) {
  return db.selectFrom('os_post_approvals').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function decideApproval(trx: Transaction<DB>, id: number, state: string, on: string, ref: string | null, by: number) {
  return trx.updateTable('os_post_approvals').set({ state, decided_on: on, ref, decided_by: by }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function pendingApprovalsUnder(db: Q, path: string, limit: number) {
  return db
    .selectFrom('os_post_approvals as a')
    .innerJoin('orgs as o', 'o.id', 'a.org_id')
    .innerJoin('persons as p', 'p.id', 'a.person_id')
    .select(['a.id', 'a.post', 'a.state', 'a.created_at', 'a.org_path', 'o.id as org_id', 'o.code as org_code', 'o.name as org_name', 'p.name'])
    .where('a.org_path', '>=', path)
    .where('a.org_path', '<', pathUpperBound(path))
    .where('a.state', 'in', ['待批复', '待备案'])
    .orderBy('a.id')
    .limit(limit)
    .execute();
}

// ---------- terms

export async function termsOfOrg(db: Q, orgId: number) {
  return db.selectFrom('os_terms').selectAll().where('org_id', '=', orgId).orderBy('elected_on', 'desc').execute();
}

export async function currentTerm(db: Q, orgId: number) {
  return db.selectFrom('os_terms').selectAll().where('org_id', '=', orgId).where('ended_on', 'is', null).executeTakeFirst();
}

export async function findTerm(db: Q, id: number) {
  return db.selectFrom('os_terms').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertTerm(trx: Transaction<DB>, row: {
  org_id: number; org_path: string; number: number; elected_on: string; years: number; term_end: string; ended_on: string | null;
  renewal_id: number | null; basis: string | null; now: string;
}) {
  const { now, ...rest } = row;
  return trx.insertInto('os_terms').values({ ...rest, adjust_ref: null, adjust_reason: null, adjust_approved_on: null, created_at: now, updated_at: now }).returningAll().executeTakeFirstOrThrow();
}

export async function endTerm(trx: Transaction<DB>, id: number, on: string, now: string) {
  await trx.updateTable('os_terms').set({ ended_on: on, updated_at: now }).where('id', '=', id).execute();
}

export async function adjustTerm(trx: Transaction<DB>, id: number, set: { adjust_months: number; adjust_ref: string; adjust_reason: string; adjust_approved_on: string; term_end: string; updated_at: string }) {
  return trx.updateTable('os_terms').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Current terms of the subtree's organisations, with the organisation. */
export async function currentTermsUnder(db: Q, path: string) {
  return db
    .selectFrom('os_terms as t')
    .innerJoin('orgs as o', 'o.id', 't.org_id')
    .select(['t.id', 't.org_id', 't.number', 't.elected_on', 't.years', 't.adjust_months', 't.term_end', 'o.code', 'o.name', 'o.kind', 'o.sector', 'o.path'])
    .where('t.org_path', '>=', path)
    .where('t.org_path', '<', pathUpperBound(path))
    .where('t.ended_on', 'is', null)
    .where('o.status', '=', 'active')
    .orderBy('o.path')
    .execute();
}

// ---------- renewals and elections

export async function findRenewal(db: Q, id: number) {
  return db.selectFrom('os_renewals').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function openRenewalOf(db: Q, orgId: number) {
  return db.selectFrom('os_renewals').selectAll().where('org_id', '=', orgId).where('stage', 'in', ['已请示', '已批复', '已选举']).executeTakeFirst();
}

export async function renewalsOfOrg(db: Q, orgId: number) {
  return db.selectFrom('os_renewals').selectAll().where('org_id', '=', orgId).orderBy('id', 'desc').execute();
}

export async function insertRenewal(trx: Transaction<DB>, row: {
  org_id: number; org_path: string; term_id: number | null; seats: number; requested_on: string; planned_on: string; request_note: string | null; created_by: number | null; now: string;
}) {
  const { now, ...rest } = row;
  return trx.insertInto('os_renewals').values({
    ...rest, stage: '已请示', approved_on: null, approval_ref: null, election_id: null, reported_on: null, report_note: null, new_term_id: null, created_at: now, updated_at: now,
  }).returningAll().executeTakeFirstOrThrow();
}

export async function updateRenewal(trx: Transaction<DB>, id: number, set: Partial<{
  stage: string; approved_on: string; approval_ref: string; candidate_ids: string; election_id: number; reported_on: string; report_note: string | null; new_term_id: number; updated_at: string;
}>) {
  return trx.updateTable('os_renewals').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function insertElection(trx: Transaction<DB>, row: {
  org_id: number; org_path: string; renewal_id: number; held_on: string; expected: number; present: number; seats: number; unfilled: number; posts: string; created_at: string;
}, candidates: readonly { person_id: number; votes: number; elected: number }[]) {
  const e = await trx.insertInto('os_elections').values(row).returningAll().executeTakeFirstOrThrow();
  if (candidates.length) await trx.insertInto('os_election_candidates').values(candidates.map((c) => ({ ...c, election_id: e.id }))).execute();
  return e;
}

export async function findElection(db: Q, id: number) {
  const e = await db.selectFrom('os_elections').selectAll().where('id', '=', id).executeTakeFirst();
  if (!e) return undefined;
  const candidates = await db
    .selectFrom('os_election_candidates as c')
    .innerJoin('persons as p', 'p.id', 'c.person_id')
    .select(['c.person_id', 'p.name', 'c.votes', 'c.elected'])
    .where('c.election_id', '=', id)
    .orderBy('c.votes', 'desc')
    .execute();
  return { ...e, candidates };
}

// ---------- 软弱涣散

export async function weakCasesUnder(db: Q, path: string, year: number | undefined, limit: number) {
  let q = db
    .selectFrom('os_weak_cases as w')
    .innerJoin('orgs as o', 'o.id', 'w.org_id')
    .selectAll('w')
    .select(['o.code as org_code', 'o.name as org_name'])
    .where('w.org_path', '>=', path)
    .where('w.org_path', '<', pathUpperBound(path));
  if (year !== undefined) q = q.where('w.year', '=', year);
  return q.orderBy('w.id', 'desc').limit(limit).execute();
}

export async function findWeakCase(db: Q, id: number) {
  return db.selectFrom('os_weak_cases').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function openWeakCaseOf(db: Q, orgId: number) {
  return db.selectFrom('os_weak_cases').selectAll().where('org_id', '=', orgId).where('state', '<>', '已销号').executeTakeFirst();
}

export async function insertWeakCase(trx: Transaction<DB>, row: {
  org_id: number; org_path: string; year: number; designated_on: string; criteria: string; source: string; measures: string;
  first_secretary: string | null; village_cadres: string | null; created_by: number | null; now: string;
}) {
  const { now, ...rest } = row;
  return trx.insertInto('os_weak_cases').values({ ...rest, state: '整顿中', closed_on: null, review_note: null, closed_by: null, created_at: now, updated_at: now }).returningAll().executeTakeFirstOrThrow();
}

export async function progressOf(db: Q, caseId: number) {
  return db.selectFrom('os_weak_progress').selectAll().where('case_id', '=', caseId).orderBy('on_date').orderBy('id').execute();
}

export async function insertProgress(trx: Transaction<DB>, row: { case_id: number; on_date: string; note: string; created_by: number | null; created_at: string }) {
  await trx.insertInto('os_weak_progress').values(row).execute();
}

export async function updateWeakCase(trx: Transaction<DB>, id: number, set: Partial<{ state: string; closed_on: string; review_note: string; closed_by: number; updated_at: string }>) {
  return trx.updateTable('os_weak_cases').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

// ---------- grading

export async function gradingsUnder(db: Q, path: string, year: number) {
  return db
    .selectFrom('os_gradings as g')
    .innerJoin('orgs as o', 'o.id', 'g.org_id')
    .selectAll('g')
    .select(['o.code as org_code', 'o.name as org_name'])
    .where('g.org_path', '>=', path)
    .where('g.org_path', '<', pathUpperBound(path))
    .where('g.year', '=', year)
    .orderBy('g.org_path')
    .execute();
}

export async function gradingOf(db: Q, orgId: number, year: number) {
  return db.selectFrom('os_gradings').selectAll().where('org_id', '=', orgId).where('year', '=', year).executeTakeFirst();
}

/** Ratings with a grade given by a rating organisation in a year, one branch left out. */
export async function countGrade(db: Q, raterOrgId: number, year: number, grade: string, exceptOrgId: number): Promise<number> {
  const row = await db
    .selectFrom('os_gradings')
    .select(sql<number>`count(*)`.as('n'))
    .where('rater_org_id', '=', raterOrgId)
    .where('year', '=', year)
    .where('grade', '=', grade)
    .where('org_id', '<>', exceptOrgId)
    .executeTakeFirstOrThrow();
  return toCount(row.n);
}

/** Active branches directly under an organisation: the quota base. */
export async function countBranchesUnder(db: Q, parentPath: string, kinds: readonly string[]): Promise<number> {
  const row = await db
    .selectFrom('orgs')
    .select(sql<number>`count(*)`.as('n'))
    .where('path', '>', parentPath)
    .where('path', '<', pathUpperBound(parentPath))
    .where('kind', 'in', kinds)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return toCount(row.n);
}

export async function upsertGrading(trx: Transaction<DB>, existingId: number | null, row: {
  org_id: number; org_path: string; rater_org_id: number; year: number; scheme: string; grade: string; evidence: string; approved_on: string; approver_user_id: number; created_at: string;
}) {
  if (existingId !== null) {
    return trx.updateTable('os_gradings').set(row).where('id', '=', existingId).returningAll().executeTakeFirstOrThrow();
  }
  return trx.insertInto('os_gradings').values(row).returningAll().executeTakeFirstOrThrow();
}

const PATH_TABLES = ['os_units', 'os_terms', 'os_renewals', 'os_elections', 'os_post_approvals', 'os_weak_cases', 'os_gradings'] as const;

/** Moving a subtree: this module's carried org_path values follow (call in the move's transaction). */
export async function rebaseOrgSystemPaths(trx: Transaction<DB>, oldPrefix: string, newPrefix: string): Promise<void> {
  for (const table of PATH_TABLES) {
    await trx
      .updateTable(table)
      .set({ org_path: sql<string>`${newPrefix} || substr(org_path, ${oldPrefix.length + 1})` })
      .where('org_path', '>=', oldPrefix)
      .where('org_path', '<', pathUpperBound(oldPrefix))
      .execute();
  }
}
