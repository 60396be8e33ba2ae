// Types of 考核 (assessment): the indicator library (rulebook data) and computed scores.

/** Which children an indicator list assesses: 乡镇(街道)党(工)委 and organs committees, or 党支部. */
export type AssessLevel = 'township' | 'branch';
export const ASSESS_LEVELS: readonly AssessLevel[] = ['township', 'branch'];
export const LEVEL_LABELS: Record<AssessLevel, string> = {
  township: '乡镇(街道)党(工)委及机关党组织',
  branch: '党支部',
};

/**
 * How an indicator turns its value into points:
 * - rate: value is a percentage; score = weight × value / 100 (nothing to measure → full marks);
 * - deduction: value is a count of violations; score = max(0, weight − perUnit × count);
 * - manual: scored by the assessing level (0 … weight) with evidence; not yet scored → 0;
 * - pending: its module is not yet on the platform; weight must stay 0 (scores 0).
 */
export type ScoringRule =
  { type: 'rate' } | { type: 'deduction'; perUnit: number } | { type: 'manual' } | { type: 'pending' };

export interface AssessIndicatorDef {
  key: string;
  label: string;
  weight: number;
  kind: 'computed' | 'manual';
  /** Where the value comes from (shown in the weights editor). */
  source: string;
  rule: ScoringRule;
}

/** One indicator of one assessed organisation, as stored in the snapshot and shown. */
export interface IndicatorResult {
  key: string;
  label: string;
  weight: number;
  /** % for a rate, a count for a deduction, the entered points for a manual one; null = nothing measured / not scored. */
  value: number | null;
  score: number;
  /** Shown next to the value: 计算口径 or 佐证. */
  detail: string;
}

export interface RankedRow<T> {
  row: T;
  total: number;
  rank: number;
}
