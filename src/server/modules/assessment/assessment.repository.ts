// The only queries of the assess_* tables.
import type { Kysely, Transaction } from 'kysely';
import type { IndicatorResult } from '../../../core/assessment/assessment.types.ts';
import type { DB } from '../../db/schema.ts';

type Q = Kysely<DB> | Transaction<DB>;

export interface ScoreRow {
  org_id: number;
  org_path: string;
  org_code: string;
  org_name: string;
  level: string;
  total: number;
  rank: number;
  indicators: IndicatorResult[];
  computed_at: string;
}

const present = (r: {
  org_id: number;
  org_path: string;
  org_code: string;
  org_name: string;
  level: string;
  total: number;
  rank: number;
  indicators: string;
  computed_at: string;
}): ScoreRow => ({
  ...r,
  org_id: Number(r.org_id),
  total: Number(r.total),
  rank: Number(r.rank),
  indicators: JSON.parse(r.indicators) as IndicatorResult[],
});

const SCORE_COLUMNS = [
  'org_id',
  'org_path',
  'org_code',
  'org_name',
  'level',
  'total',
  'rank',
  'indicators',
  'computed_at',
] as const;

export async function scoresOf(db: Q, assessorId: number, year: number): Promise<ScoreRow[]> {
  const rows = await db
    .selectFrom('assess_scores')
    .select(SCORE_COLUMNS)
    .where('assessor_org_id', '=', assessorId)
    .where('year', '=', year)
    .orderBy('rank')
    .orderBy('org_code')
    .execute();
  return rows.map(present);
}

export async function scoreOfOrg(db: Q, orgId: number, year: number): Promise<ScoreRow | undefined> {
  const r = await db
    .selectFrom('assess_scores')
    .select(SCORE_COLUMNS)
    .where('org_id', '=', orgId)
    .where('year', '=', year)
    .executeTakeFirst();
  return r ? present(r) : undefined;
}

export async function replaceScores(
  trx: Transaction<DB>,
  assessorId: number,
  year: number,
  rows: readonly ScoreRow[],
): Promise<void> {
  await trx
    .deleteFrom('assess_scores')
    .where('assessor_org_id', '=', assessorId)
    .where('year', '=', year)
    .execute();
  // An organisation moved under another assessor keeps one row per year.
  const ids = rows.map((r) => r.org_id);
  if (ids.length > 0)
    await trx.deleteFrom('assess_scores').where('org_id', 'in', ids).where('year', '=', year).execute();
  for (let i = 0; i < rows.length; i += 200)
    await trx
      .insertInto('assess_scores')
      .values(
        rows.slice(i, i + 200).map((r) => ({
          assessor_org_id: assessorId,
          year,
          ...r,
          indicators: JSON.stringify(r.indicators),
        })),
      )
      .execute();
}

/** The stored weights of the nearest organisation on `pathIds` (root first) that set them. */
export async function nearestWeights(
  db: Q,
  pathIds: readonly number[],
  year: number,
  level: string,
): Promise<{ org_id: number; weights: Array<{ key: string; weight: number }>; updated_at: string } | null> {
  if (pathIds.length === 0) return null;
  const rows = await db
    .selectFrom('assess_weights')
    .select(['org_id', 'weights', 'updated_at'])
    .where('org_id', 'in', pathIds)
    .where('year', '=', year)
    .where('level', '=', level)
    .execute();
  for (const id of [...pathIds].reverse()) {
    const r = rows.find((x) => Number(x.org_id) === id);
    if (r)
      return {
        org_id: Number(r.org_id),
        weights: JSON.parse(r.weights) as Array<{ key: string; weight: number }>,
        updated_at: r.updated_at,
      };
  }
  return null;
}

export async function upsertWeights(
  trx: Transaction<DB>,
  row: {
    org_id: number;
    org_path: string;
    year: number;
    level: string;
    weights: string;
    updated_by: number;
    updated_at: string;
  },
): Promise<string | null> {
  const existing = await trx
    .selectFrom('assess_weights')
    .select(['id', 'weights'])
    .where('org_id', '=', row.org_id)
    .where('year', '=', row.year)
    .where('level', '=', row.level)
    .executeTakeFirst();
  if (existing) {
    await trx
      .updateTable('assess_weights')
      .set({ weights: row.weights, updated_by: row.updated_by, updated_at: row.updated_at })
      .where('id', '=', existing.id)
      .execute();
    return existing.weights;
  }
  await trx.insertInto('assess_weights').values(row).execute();
  return null;
}

export interface ManualRow {
  id: number;
  org_id: number;
  key: string;
  score: number;
  evidence: string;
  entered_at: string;
}

export async function manualOf(db: Q, orgIds: readonly number[], year: number): Promise<ManualRow[]> {
  if (orgIds.length === 0) return [];
  const rows = await db
    .selectFrom('assess_manual')
    .select(['id', 'org_id', 'key', 'score', 'evidence', 'entered_at'])
    .where('org_id', 'in', orgIds)
    .where('year', '=', year)
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), org_id: Number(r.org_id), score: Number(r.score) }));
}

export async function upsertManual(
  trx: Transaction<DB>,
  row: {
    assessor_org_id: number;
    org_id: number;
    org_path: string;
    year: number;
    key: string;
    score: number;
    evidence: string;
    entered_by: number | null;
    entered_at: string;
  },
): Promise<{ id: number; before: { score: number; evidence: string } | null }> {
  const existing = await trx
    .selectFrom('assess_manual')
    .select(['id', 'score', 'evidence'])
    .where('org_id', '=', row.org_id)
    .where('year', '=', row.year)
    .where('key', '=', row.key)
    .executeTakeFirst();
  if (existing) {
    await trx
      .updateTable('assess_manual')
      .set({
        score: row.score,
        evidence: row.evidence,
        entered_by: row.entered_by,
        entered_at: row.entered_at,
        assessor_org_id: row.assessor_org_id,
      })
      .where('id', '=', existing.id)
      .execute();
    return {
      id: Number(existing.id),
      before: { score: Number(existing.score), evidence: existing.evidence },
    };
  }
  const { id } = await trx.insertInto('assess_manual').values(row).returning('id').executeTakeFirstOrThrow();
  return { id: Number(id), before: null };
}

/** Active direct children that are assessed (党小组 are not). */
export async function childrenOf(db: Q, parentId: number) {
  const rows = await db
    .selectFrom('orgs')
    .select(['id', 'code', 'name', 'kind', 'path', 'parent_id'])
    .where('parent_id', '=', parentId)
    .where('status', '=', 'active')
    .where('kind', '<>', '党小组')
    .orderBy('code')
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

export async function subtreeNodes(db: Q, path: string) {
  const rows = await db
    .selectFrom('orgs')
    .select(['id', 'parent_id'])
    .where('path', 'like', `${path}%`)
    .where('status', '=', 'active')
    .execute();
  return rows.map((o) => ({ id: Number(o.id), parentId: o.parent_id === null ? null : Number(o.parent_id) }));
}

/** 发展党员 violations (DEV_VIOLATION alerts) open at any time during the year, per organisation. */
export async function devViolationsIn(db: Q, path: string, year: number): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('alerts')
    .select(['org_id'])
    .where('code', '=', 'DEV_VIOLATION')
    .where('org_path', 'like', `${path}%`)
    .where('opened_at', '<=', `${year}-12-31T23:59:59.999Z`)
    .where((eb) => eb.or([eb('closed_at', 'is', null), eb('closed_at', '>=', `${year}-01-01`)]))
    .execute();
  const out = new Map<number, number>();
  for (const r of rows) out.set(Number(r.org_id), (out.get(Number(r.org_id)) ?? 0) + 1);
  return out;
}
