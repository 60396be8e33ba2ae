// Computes the 考核 scores of an assessing organisation's children for a year (pure rules in
// core/assessment; values from assessment.measure.ts; weights from the nearest organisation that
// set them, else the rulebook).
import { rankByTotal, scoreOf, totalOf, withWeights } from '../../../core/assessment/assessment.rules.ts';
import type {
  AssessIndicatorDef,
  AssessLevel,
  IndicatorResult,
} from '../../../core/assessment/assessment.types.ts';
import { isBranchKind } from '../../../core/org/org.types.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { chinaDate } from '../../../core/shared/dates.ts';
import type { AppContext } from '../../context.ts';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { measureSubtree, valueFor, type Measured } from './assessment.measure.ts';
import * as repo from './assessment.repository.ts';

type Q = Kysely<DB> | Transaction<DB>;

export const levelOfKind = (kind: string): AssessLevel => (isBranchKind(kind) ? 'branch' : 'township');

const pathIds = (path: string) => path.split('/').filter(Boolean).map(Number);

/** The rulebook's library for a level and year (weights are the defaults). */
export function libraryOf(ctx: AppContext, level: AssessLevel, year: number): AssessIndicatorDef[] {
  return ruleValue<AssessIndicatorDef[]>(
    ctx.config.rulebook,
    `assessment.indicators.${level}`,
    `${year}-12-31`,
  );
}

/** The weights in force for `org` (assessing) — its own, the nearest ancestor's, or the rulebook's. */
export async function effectiveLibrary(
  ctx: AppContext,
  db: Q,
  org: { path: string },
  year: number,
  level: AssessLevel,
): Promise<{ defs: AssessIndicatorDef[]; setBy: number | null; updatedAt: string | null }> {
  const stored = await repo.nearestWeights(db, pathIds(org.path), year, level);
  return {
    defs: withWeights(libraryOf(ctx, level, year), stored?.weights ?? null),
    setBy: stored?.org_id ?? null,
    updatedAt: stored?.updated_at ?? null,
  };
}

interface Assessed {
  id: number;
  code: string;
  name: string;
  kind: string;
  path: string;
}

/** One organisation's indicator results from measured values and its manual entries. */
export function resultsFor(
  defs: readonly AssessIndicatorDef[],
  measured: Measured,
  orgId: number,
  manual: readonly repo.ManualRow[],
): IndicatorResult[] {
  return defs.map((def) => {
    if (def.rule.type === 'manual') {
      const m = manual.find((x) => x.org_id === orgId && x.key === def.key);
      return {
        key: def.key,
        label: def.label,
        weight: def.weight,
        value: m ? m.score : null,
        score: scoreOf(def.rule, def.weight, m ? m.score : null),
        detail: m ? m.evidence : '尚未评分',
      };
    }
    const v = valueFor(def, measured, orgId);
    return {
      key: def.key,
      label: def.label,
      weight: def.weight,
      value: v.value,
      score: scoreOf(def.rule, def.weight, v.value),
      detail: v.detail,
    };
  });
}

/** `weightsOf`: the assessing organisation (its weights apply); `root`: the subtree measured. */
async function scoreOrgs(
  ctx: AppContext,
  weightsOf: { path: string },
  root: { id: number; path: string },
  orgs: readonly Assessed[],
  year: number,
  pre?: Measured,
): Promise<Array<{ org: Assessed; level: AssessLevel; indicators: IndicatorResult[]; total: number }>> {
  const today = chinaDate(ctx.now());
  const levels = [...new Set(orgs.map((o) => levelOfKind(o.kind)))];
  const libs = new Map<AssessLevel, AssessIndicatorDef[]>();
  for (const l of levels) libs.set(l, (await effectiveLibrary(ctx, ctx.db, weightsOf, year, l)).defs);
  const keys = new Set(
    [...libs.values()]
      .flat()
      .filter((d) => d.kind === 'computed')
      .map((d) => d.key),
  );
  const measured =
    pre ?? (orgs.length === 0 ? new Map() : await measureSubtree(ctx, root, year, today, keys));
  const manual = await repo.manualOf(
    ctx.db,
    orgs.map((o) => o.id),
    year,
  );
  return orgs.map((org) => {
    const level = levelOfKind(org.kind);
    const indicators = resultsFor(libs.get(level)!, measured, org.id, manual);
    return { org, level, indicators, total: totalOf(indicators) };
  });
}

/** The children of `assessor`, scored and ranked (not stored). */
export async function computeRanking(
  ctx: AppContext,
  assessor: { id: number; path: string },
  year: number,
  /** Values already measured over a subtree holding the assessor's (the seed measures the county once). */
  pre?: Measured,
): Promise<repo.ScoreRow[]> {
  const children = await repo.childrenOf(ctx.db, assessor.id);
  const scored = await scoreOrgs(ctx, assessor, assessor, children, year, pre);
  const at = ctx.now().toISOString();
  return rankByTotal(scored, (s) => s.total).map(({ row, total, rank }) => ({
    org_id: row.org.id,
    org_path: row.org.path,
    org_code: row.org.code,
    org_name: row.org.name,
    level: row.level,
    total,
    rank,
    indicators: row.indicators,
    computed_at: at,
  }));
}

/** One organisation's own breakdown, measured over its subtree with its assessor's weights. */
export async function computeOne(
  ctx: AppContext,
  org: Assessed & { parentPath: string | null },
  year: number,
) {
  const [scored] = await scoreOrgs(ctx, { path: org.parentPath ?? org.path }, org, [org], year);
  return scored!;
}
