// Chinese working days: Monday–Friday, minus public holidays, plus make-up workdays (调休上班).
// The calendar is data (maintained in the database, extended by an administrator); these
// functions take it as an argument and never read a clock.
import { addDays, type IsoDate } from '../shared/dates.ts';

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

function weekday(date: IsoDate): number {
  return new Date(date + 'T00:00:00Z').getUTCDay();
}

export function isWorkingDay(date: IsoDate, cal: WorkCalendar): boolean {
  if (cal.holidays.has(date)) return false;
  if (cal.workdays.has(date)) return true;
  const w = weekday(date);
  return w !== 0 && w !== 6;
}

/** Working days from `from` to `to`, both included (a 公示 period). 0 when `to` is before `from`. */
export function workingDaysBetween(from: IsoDate, to: IsoDate, cal: WorkCalendar): number {
  let n = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) if (isWorkingDay(d, cal)) n++;
  return n;
}

/** The day on which a period starting on `from` reaches `n` working days (from included). */
export function addWorkingDays(from: IsoDate, n: number, cal: WorkCalendar): IsoDate {
  let count = 0;
  let d = from;
  for (;;) {
    if (isWorkingDay(d, cal)) count++;
    if (count >= n) return d;
    d = addDays(d, 1);
  }
}
