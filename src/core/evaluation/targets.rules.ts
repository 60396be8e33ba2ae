// 党员目标管理: the annual target letter (责任书) and its half-yearly assessment
// combining 自评, 互评 and 组织评价. Pure: numbers come in from the rulebook.
import { ok, refuse, type Decision } from '../shared/result.ts';
import type { IsoDate } from '../shared/dates.ts';
import { round1, type MemberGrade } from './evaluation.rules.ts';

export const TARGET_HALVES = ['H1', 'H2'] as const;
export type TargetHalf = (typeof TARGET_HALVES)[number];
export const TARGET_HALF_NAMES: Record<TargetHalf, string> = { H1: '上半年', H2: '下半年' };

/** Weights of the three parts of a half-yearly assessment, in percent (sum 100). */
export interface TargetWeights {
  self: number;
  peer: number;
  org: number;
}

/** Minimum combined score of each grade, best first; below the last → 不合格. */
export interface TargetThresholds {
  优秀: number;
  合格: number;
  基本合格: number;
}

/** Month-day ('MM-DD') from which each half may be assessed (local practice, rulebook data). */
export type TargetWindows = Record<TargetHalf, string>;

export interface TargetItem {
  title: string;
  detail: string;
}

export function validateTargetWeights(w: TargetWeights): Decision<TargetWeights> {
  for (const [k, v] of Object.entries(w)) {
    if (!Number.isInteger(v) || v < 0 || v > 100)
      return refuse('WEIGHT_INVALID', `权重必须是0到100之间的整数（${k}）`, `weights.${k}`);
  }
  if (w.self + w.peer + w.org !== 100)
    return refuse('WEIGHTS_NOT_100', '自评、互评、组织评价三项权重之和必须为100', 'weights');
  if (w.org === 0) return refuse('ORG_WEIGHT_ZERO', '组织评价权重不能为0', 'weights.org');
  return ok(w);
}

/** A letter's items: at least one, at most `max`, no two with the same title. */
export function validateTargetItems(items: readonly TargetItem[], max: number): Decision<TargetItem[]> {
  if (items.length === 0) return refuse('ITEMS_EMPTY', '目标责任书至少要有一项目标', 'items');
  if (items.length > max) return refuse('ITEMS_TOO_MANY', `目标责任书最多${max}项目标`, 'items');
  const seen = new Set<string>();
  for (const [i, it] of items.entries()) {
    const t = it.title.trim();
    if (seen.has(t))
      return refuse('ITEM_DUPLICATE', `第${i + 1}项目标“${t}”与前面的重复`, `items.${i}.title`);
    seen.add(t);
  }
  return ok(items.map((it) => ({ title: it.title.trim(), detail: it.detail.trim() })));
}

/**
 * Combined score = weighted 自评 + 互评 + 组织评价 (each 0–100), one decimal.
 * 组织评价 is required; a missing 自评 or 互评 gives its weight to the parts present, in proportion,
 * so a member is neither helped nor hurt by a part that was not held.
 */
export function targetScore(
  parts: { self: number | null; peer: number | null; org: number },
  w: TargetWeights,
): number {
  const items: Array<[number | null, number]> = [
    [parts.self, w.self],
    [parts.peer, w.peer],
    [parts.org, w.org],
  ];
  const present = items.filter(([v, weight]) => v !== null && weight > 0);
  const weightSum = present.reduce((s, [, weight]) => s + weight, 0);
  return round1(present.reduce((s, [v, weight]) => s + (v as number) * weight, 0) / weightSum);
}

export function targetGrade(score: number, t: TargetThresholds): MemberGrade {
  if (score >= t.优秀) return '优秀';
  if (score >= t.合格) return '合格';
  if (score >= t.基本合格) return '基本合格';
  return '不合格';
}

/** A half of `year` may be assessed from its window day on (e.g. 上半年 from 06-01). */
export function decideAssessmentOpen(
  year: number,
  half: TargetHalf,
  today: IsoDate,
  windows: TargetWindows,
): Decision<void> {
  const from = `${year}-${windows[half]}`;
  if (today < from)
    return refuse(
      'ASSESSMENT_NOT_OPEN',
      `${year}年${TARGET_HALF_NAMES[half]}的目标考评自${from}起才能进行`,
      'half',
    );
  return ok(undefined);
}
