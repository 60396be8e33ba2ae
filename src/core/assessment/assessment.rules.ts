// Pure rules of 考核: scoring one indicator, totals, ranking and weight validation.
import { refuse, ok, type Decision } from '../shared/result.ts';
import type { AssessIndicatorDef, IndicatorResult, RankedRow, ScoringRule } from './assessment.types.ts';

/** Points keep two decimals; totals are the sum of the rounded points (what the table shows adds up). */
// Half-up as by hand: 15 × 33.3% is 4.995 on paper, 4.99499… in binary; 12 significant digits first.
export const round2 = (x: number) => Math.round(Number((x * 100).toPrecision(12))) / 100;

/**
 * Points of one indicator. A rate with nothing to measure (no organisation due a 换届, no
 * rectification due) scores full marks: nothing was late. A manual indicator not yet scored
 * scores 0 until the assessing level enters it.
 */
export function scoreOf(rule: ScoringRule, weight: number, value: number | null): number {
  switch (rule.type) {
    case 'rate':
      if (value === null) return round2(weight);
      return round2((weight * Math.min(100, Math.max(0, value))) / 100);
    case 'deduction':
      return round2(Math.max(0, weight - rule.perUnit * Math.max(0, value ?? 0)));
    case 'manual':
      return value === null ? 0 : round2(Math.min(weight, Math.max(0, value)));
    case 'pending':
      return 0;
  }
}

export function totalOf(results: readonly Pick<IndicatorResult, 'score'>[]): number {
  return round2(results.reduce((s, r) => s + r.score, 0));
}

/**
 * Standard competition ranking (1, 1, 3): equal totals share a rank and the next rank skips.
 * Ties keep their input order (callers pass children in code order).
 */
export function rankByTotal<T>(rows: readonly T[], total: (r: T) => number): RankedRow<T>[] {
  const sorted = rows
    .map((row, i) => ({ row, total: round2(total(row)), i }))
    .sort((a, b) => b.total - a.total || a.i - b.i);
  const out: RankedRow<T>[] = [];
  sorted.forEach((s, idx) => {
    const prev = out[idx - 1];
    const rank = prev && prev.total === s.total ? prev.rank : idx + 1;
    out.push({ row: s.row, total: s.total, rank });
  });
  return out;
}

/** A weight set must name every indicator of the library once, pending ones at 0, and sum to 100. */
export function validateWeights(
  library: readonly AssessIndicatorDef[],
  weights: readonly { key: string; weight: number }[],
): Decision<AssessIndicatorDef[]> {
  const byKey = new Map(library.map((d) => [d.key, d]));
  const seen = new Set<string>();
  for (const [i, w] of weights.entries()) {
    const def = byKey.get(w.key);
    if (!def) return refuse('WEIGHT_UNKNOWN', `第${i + 1}项指标不在本年度指标库中`, `weights.${i}.key`);
    if (seen.has(w.key)) return refuse('WEIGHT_DUPLICATE', `指标“${def.label}”重复`, `weights.${i}.key`);
    seen.add(w.key);
    if (!Number.isInteger(w.weight) || w.weight < 0 || w.weight > 100)
      return refuse('WEIGHT_INVALID', `指标“${def.label}”的权重须为0到100之间的整数`, `weights.${i}.weight`);
    if (def.rule.type === 'pending' && w.weight !== 0)
      return refuse('WEIGHT_PENDING', `指标“${def.label}”所需模块尚未上线，权重须为0`, `weights.${i}.weight`);
  }
  const missing = library.find((d) => !seen.has(d.key));
  if (missing) return refuse('WEIGHT_MISSING', `缺少指标“${missing.label}”的权重`, 'weights');
  const sum = weights.reduce((s, w) => s + w.weight, 0);
  if (sum !== 100) return refuse('WEIGHT_SUM', `各项指标权重之和须为100（当前为${sum}）`, 'weights');
  const w = new Map(weights.map((x) => [x.key, x.weight]));
  return ok(library.map((d) => ({ ...d, weight: w.get(d.key)! })));
}

/** The library with a stored weight set applied (keys the library no longer has are ignored). */
export function withWeights(
  library: readonly AssessIndicatorDef[],
  stored: readonly { key: string; weight: number }[] | null,
): AssessIndicatorDef[] {
  if (!stored) return [...library];
  const w = new Map(stored.map((x) => [x.key, x.weight]));
  return library.map((d) => ({ ...d, weight: w.get(d.key) ?? 0 }));
}

/** Manual points must lie within 0 … weight and carry evidence (佐证). */
export function validateManual(
  def: AssessIndicatorDef | undefined,
  score: number,
  evidence: string,
): Decision<void> {
  if (!def) return refuse('MANUAL_UNKNOWN', '该指标不在本年度指标库中', 'key');
  if (def.kind !== 'manual')
    return refuse('MANUAL_COMPUTED', `指标“${def.label}”由平台数据自动计算，不能人工评分`, 'key');
  if (!evidence.trim())
    return refuse('MANUAL_EVIDENCE', `指标“${def.label}”须填写评分依据（佐证材料）`, 'evidence');
  if (!(score >= 0 && score <= def.weight))
    return refuse('MANUAL_RANGE', `指标“${def.label}”的得分须在0到${def.weight}分之间`, 'score');
  return ok(undefined);
}
