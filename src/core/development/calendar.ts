// Chinese working days: Monday–Friday, minus public holidays, plus make-up workdays (调休上班).
// The calendar is data (maintained in the database, extended by an administrator); these
// functions take it as an argument and never read a clock.
import type { IsoDate } from '../shared/dates.ts';

export type CalendarDayKind = 'holiday' | 'workday';

export interface CalendarDay {
  date: IsoDate;
  kind: CalendarDayKind;
  name: string;
}

export interface WorkCalendar {
  holidays: ReadonlySet<IsoDate>;
  workdays: ReadonlySet<IsoDate>;
}

export function buildCalendar(days: readonly Pick<CalendarDay, 'date' | 'kind'>[]): WorkCalendar {
  const holidays = new Set<IsoDate>();
  const workdays = new Set<IsoDate>();
  for (const d of days) (d.kind === 'holiday' ? holidays : workdays).add(d.date);
  return { holidays, workdays };
}

// The rules count working days for every 公示 of every candidate of a subtree: the loops run on
// integer day numbers (no Date objects), with the calendar's days converted once per calendar.
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 (UTC) of an ISO date. */
function epochDay(date: IsoDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

const numeric = new WeakMap<WorkCalendar, { holidays: Set<number>; workdays: Set<number> }>();
function numericOf(cal: WorkCalendar) {
  let n = numeric.get(cal);
  if (!n) {
    n = {
      holidays: new Set([...cal.holidays].map(epochDay)),
      workdays: new Set([...cal.workdays].map(epochDay)),
    };
    numeric.set(cal, n);
  }
  return n;
}

function isWorkingEpochDay(day: number, n: { holidays: Set<number>; workdays: Set<number> }): boolean {
  if (n.holidays.has(day)) return false;
  if (n.workdays.has(day)) return true;
  const w = (day + 4) % 7; // 1970-01-01 was a Thursday
  return w !== 0 && w !== 6;
}

export function isWorkingDay(date: IsoDate, cal: WorkCalendar): boolean {
  return isWorkingEpochDay(epochDay(date), numericOf(cal));
}

/** Working days from `from` to `to`, both included (a 公示 period). 0 when `to` is before `from`. */
export function workingDaysBetween(from: IsoDate, to: IsoDate, cal: WorkCalendar): number {
  const n = numericOf(cal);
  const last = epochDay(to);
  let count = 0;
  for (let d = epochDay(from); d <= last; d++) if (isWorkingEpochDay(d, n)) count++;
  return count;
}

/** The day on which a period starting on `from` reaches `n` working days (from included). */
export function addWorkingDays(from: IsoDate, n: number, cal: WorkCalendar): IsoDate {
  const num = numericOf(cal);
  let count = 0;
  let d = epochDay(from);
  for (;;) {
    if (isWorkingEpochDay(d, num)) count++;
    if (count >= n) return new Date(d * DAY_MS).toISOString().slice(0, 10);
    d++;
  }
}
