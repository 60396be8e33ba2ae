// Calendar periods in the words the rules use: "满1年", "1个月内", "11个月28天".
import { daysBetween, type IsoDate } from '../shared/dates.ts';

// The audit evaluates these for every step of every candidate of a subtree: the month arithmetic
// runs on the date's digits (no Date objects). Same result as shared/dates.ts addMonths (tested).
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month0: number): number {
  return month0 === 1 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : MONTH_DAYS[month0]!;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Adds calendar months; the 31st clamps to the end of a shorter month (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const total = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
  const year = Math.floor(total / 12);
  const month0 = total - year * 12;
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(year, month0));
  return `${String(year).padStart(4, '0')}-${pad2(month0 + 1)}-${pad2(day)}`;
}

export function addYears(date: IsoDate, years: number): IsoDate {
  return addMonths(date, years * 12);
}

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
