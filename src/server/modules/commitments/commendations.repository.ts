// The only Kysely code for cm_commendation_rounds / cm_nominations. Lists take their scope.
import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import { pathUpperBound } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import type { CmCommendationRoundTable, CmNominationTable } from '../../db/tables/commitments.tables.ts';

type Q = Kysely<DB> | Transaction<DB>;
export type RoundRow = Selectable<CmCommendationRoundTable>;
export type NominationRow = Selectable<CmNominationTable>;

export async function insertRound(trx: Transaction<DB>, row: Insertable<CmCommendationRoundTable>) {
  return trx.insertInto('cm_commendation_rounds').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findRound(db: Q, id: number): Promise<RoundRow | undefined> {
  return db.selectFrom('cm_commendation_rounds').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateRound(
  trx: Transaction<DB>,
  id: number,
  patch: Updateable<CmCommendationRoundTable>,
) {
  return trx
    .updateTable('cm_commendation_rounds')
    .set(patch)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Rounds an organisation takes part in: those opened inside its subtree, and those opened by
 * an ancestor committee (the rounds it may nominate to). `ancestors` are the scope's own path
 * and its ancestors' paths.
 */
export async function listRounds(db: Q, scopePath: string, ancestors: readonly string[], year?: number) {
  let q = db
    .selectFrom('cm_commendation_rounds')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('org_path', '>=', scopePath), eb('org_path', '<', pathUpperBound(scopePath))]),
        ...(ancestors.length > 0 ? [eb('org_path', 'in', [...ancestors])] : []),
      ]),
    );
  if (year !== undefined) q = q.where('year', '=', year);
  return q.orderBy('year', 'desc').orderBy('id', 'desc').limit(200).execute();
}

export async function insertNomination(trx: Transaction<DB>, row: Insertable<CmNominationTable>) {
  return trx.insertInto('cm_nominations').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findNomination(db: Q, id: number): Promise<NominationRow | undefined> {
  return db.selectFrom('cm_nominations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateNomination(
  trx: Transaction<DB>,
  id: number,
  patch: Updateable<CmNominationTable>,
) {
  return trx
    .updateTable('cm_nominations')
    .set(patch)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A round's nominations, restricted to a subtree (a nominating branch sees only its own). */
export async function listNominations(
  db: Q,
  roundId: number,
  scopePath: string,
  statuses?: readonly string[],
) {
  let q = db
    .selectFrom('cm_nominations')
    .selectAll()
    .where('round_id', '=', roundId)
    .where('org_path', '>=', scopePath)
    .where('org_path', '<', pathUpperBound(scopePath));
  if (statuses) q = q.where('status', 'in', [...statuses]);
  return q.orderBy('category').orderBy('id').execute();
}

/** A live (not rejected) nomination of the same nominee and category in the round. */
export async function hasLiveNomination(
  db: Q,
  roundId: number,
  category: string,
  nominee: { personId?: number | undefined; orgId?: number | undefined },
): Promise<boolean> {
  let q = db
    .selectFrom('cm_nominations')
    .select('id')
    .where('round_id', '=', roundId)
    .where('category', '=', category)
    .where('status', '!=', 'rejected');
  q =
    nominee.personId !== undefined
      ? q.where('nominee_person_id', '=', nominee.personId)
      : q.where('nominee_org_id', '=', nominee.orgId ?? -1);
  return !!(await q.executeTakeFirst());
}

export async function countByStatus(db: Q, roundId: number, status: string): Promise<number> {
  const rows = await db
    .selectFrom('cm_nominations')
    .select('id')
    .where('round_id', '=', roundId)
    .where('status', '=', status)
    .execute();
  return rows.length;
}

/** The year's archive: approved honours of archived rounds opened inside a subtree or above it. */
export async function archive(db: Q, scopePath: string, year: number) {
  return db
    .selectFrom('cm_nominations as n')
    .innerJoin('cm_commendation_rounds as r', 'r.id', 'n.round_id')
    .select([
      'n.id',
      'n.round_id',
      'r.title as round_title',
      'r.org_name as round_org_name',
      'r.archived_on',
      'n.category',
      'n.nominee_name',
      'n.nominee_org_name',
      'n.org_name',
      'n.reason',
      'n.decided_on',
    ])
    .where('r.year', '=', year)
    .where('r.status', '=', 'archived')
    .where('n.status', '=', 'approved')
    .where('n.org_path', '>=', scopePath)
    .where('n.org_path', '<', pathUpperBound(scopePath))
    .orderBy('n.category')
    .orderBy('n.id')
    .execute();
}

/** Rounds in 公示 or archived, opened at or above an organisation (what its public board shows). */
export async function publicRounds(db: Q, paths: readonly string[]) {
  if (paths.length === 0) return [];
  return db
    .selectFrom('cm_commendation_rounds')
    .selectAll()
    .where('org_path', 'in', [...paths])
    .where('status', 'in', ['publicity', 'archived'])
    .orderBy('year', 'desc')
    .orderBy('id', 'desc')
    .limit(10)
    .execute();
}

/** What the public may see of a round's nominations: names, organisations, categories, reasons. */
export async function publicNominations(db: Q, roundIds: readonly number[], statuses: readonly string[]) {
  if (roundIds.length === 0) return [];
  return db
    .selectFrom('cm_nominations')
    .select(['id', 'round_id', 'category', 'nominee_name', 'nominee_org_name', 'reason', 'status'])
    .where('round_id', 'in', [...roundIds])
    .where('status', 'in', [...statuses])
    .orderBy('category')
    .orderBy('id')
    .execute();
}

/** The person's current organisation (path, name), if a member today. */
export async function currentMembership(db: Q, personId: number, on: string) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .innerJoin('persons as p', 'p.id', 'm.person_id')
    .select(['o.id as orgId', 'o.path', 'o.name as orgName', 'p.name'])
    .where('m.person_id', '=', personId)
    .where('m.valid_from', '<=', on)
    .where((eb) => eb.or([eb('m.valid_to', 'is', null), eb('m.valid_to', '>', on)]))
    .orderBy('m.valid_from', 'desc')
    .executeTakeFirst();
}
