// Calendar periods in the words the rules use: "满1年", "1个月内", "11个月28天".
import { addMonths, addYears, daysBetween, type IsoDate } from '../shared/dates.ts';

/** Whole months and remaining days from `from` to `to` (to >= from). */
export function monthsAndDays(from: IsoDate, to: IsoDate): { months: number; days: number } {
  let months = 0;
  while (addMonths(from, months + 1) <= to) months++;
  return { months, days: daysBetween(addMonths(from, months), to) };
}

/** "1年2个月3天", "11个月28天", "0天". */
export function describePeriod(from: IsoDate, to: IsoDate): string {
  if (to < from) return `负${daysBetween(to, from)}天`;
  const { months, days } = monthsAndDays(from, to);
  const y = Math.floor(months / 12);
  const m = months % 12;
  const parts = [y ? `${y}年` : '', m ? `${m}个月` : '', days || (!y && !m) ? `${days}天` : ''];
  return parts.join('');
}

/** "满N年": `to` is on or after the same day N years later (Feb 29 clamps to Feb 28). */
export function hasFullYears(from: IsoDate, to: IsoDate, years: number): boolean {
  return to >= addYears(from, years);
}

/** "N个月内": `to` is on or before the same day N months later. */
export function withinMonths(from: IsoDate, to: IsoDate, months: number): boolean {
  return to <= addMonths(from, months);
}
