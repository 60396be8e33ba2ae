// Bands of the structure analysis (年龄、党龄), as date boundaries so that the database
// groups members with one range comparison per band. Ages are whole years on `on`.
import { addYears } from '../shared/dates.ts';

export interface Band {
  key: string;
  label: string;
  /** Inclusive lower bound in whole years, exclusive upper bound (null = open). */
  min: number;
  max: number | null;
}

/** 年龄段: ≤35 and ≥61 follow the statistics bulletin (young/old lines come from the rulebook). */
export function ageBands(youngAge: number, oldAge: number): Band[] {
  return [
    { key: 'le' + youngAge, label: `${youngAge}岁及以下`, min: 0, max: youngAge + 1 },
    { key: `${youngAge + 1}-45`, label: `${youngAge + 1}至45岁`, min: youngAge + 1, max: 46 },
    { key: '46-60', label: `46至${oldAge - 1}岁`, min: 46, max: oldAge },
    { key: 'ge' + oldAge, label: `${oldAge}岁及以上`, min: oldAge, max: null },
  ];
}

/** 党龄段 (years since 入党日期). */
export const PARTY_AGE_BANDS: readonly Band[] = [
  { key: 'lt5', label: '不满5年', min: 0, max: 5 },
  { key: '5-9', label: '5至9年', min: 5, max: 10 },
  { key: '10-19', label: '10至19年', min: 10, max: 20 },
  { key: '20-29', label: '20至29年', min: 20, max: 30 },
  { key: '30-49', label: '30至49年', min: 30, max: 50 },
  { key: 'ge50', label: '50年及以上', min: 50, max: null },
];

/**
 * Age a on day D in [min, max) ⇔ birth in (D − max years, D − min years].
 * Returns the birth/joined date range: date > after (exclusive) and date <= until (inclusive).
 */
export function bandDates(band: Band, on: string): { after: string | null; until: string } {
  return { after: band.max === null ? null : addYears(on, -band.max), until: addYears(on, -band.min) };
}

export interface AgeingFacts {
  total: number;
  old: number;
  young: number;
}

/** A branch is ageing when its share aged oldAge+ reaches the rulebook share (and it has members). */
export function isAgeing(f: AgeingFacts, ageingShare: number): boolean {
  return f.total > 0 && f.old / f.total >= ageingShare;
}

export function share(part: number, total: number): number {
  return total === 0 ? 0 : Math.round((part / total) * 1000) / 1000;
}
