// Which months a member owes 党费, on which base, and how many months in a row are unpaid.
import type { DuesCategory } from './rates.ts';

export type BaseTiming = 'fromChangeMonth' | 'januaryFixed';
export type LedgerStatus = 'due' | 'paid' | 'waived';

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(text: string): boolean {
  return MONTH_RE.test(text);
}

export function monthOf(date: string): string {
  return date.slice(0, 7);
}

export function addMonths(month: string, n: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + n;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${yy}-${String(mm + 1).padStart(2, '0')}`;
}

export function firstDayOf(month: string): string {
  return `${month}-01`;
}

export function lastDayOf(month: string): string {
  const next = addMonths(month, 1);
  const d = new Date(Date.UTC(Number(next.slice(0, 4)), Number(next.slice(5, 7)) - 1, 0));
  return d.toISOString().slice(0, 10);
}

/** Months from..to inclusive ('YYYY-MM'); empty when from > to. */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

/**
 * The last month that is over: a month's dues may be paid until its end, so arrears are
 * counted up to the previous month.
 */
export function lastClosedMonth(today: string): string {
  return addMonths(monthOf(today), -1);
}

/**
 * A member owes dues from the month of admission (预备党员: the 支部大会's admission date,
 * persons.joined_on). Without a recorded date (old records) every month is due.
 */
export function isDueMonth(month: string, joinedOn: string | null): boolean {
  return joinedOn === null || month >= monthOf(joinedOn);
}

export interface BaseDeclaration {
  category: DuesCategory;
  baseFen: number | null;
  effectiveMonth: string;
}

/**
 * The confirmed declaration in force for a month. fromChangeMonth: the newest one that took
 * effect by then. januaryFixed: the newest one effective by January of that year (a base set
 * during the year waits for next January), unless the member had none by January.
 */
export function baseInEffect<B extends BaseDeclaration>(
  confirmed: readonly B[],
  month: string,
  timing: BaseTiming,
): B | null {
  const newestBy = (limit: string): B | null => {
    let found: B | null = null;
    for (const b of confirmed) {
      if (b.effectiveMonth <= limit && (found === null || b.effectiveMonth >= found.effectiveMonth))
        found = b;
    }
    return found;
  };
  if (timing === 'januaryFixed') return newestBy(`${month.slice(0, 4)}-01`) ?? newestBy(month);
  return newestBy(month);
}

export interface LedgerAmounts {
  dueFen: number;
  reducedFen: number;
  paidFen: number;
}

/** Still owed for the month (never negative). */
export function outstandingFen(r: LedgerAmounts): number {
  return Math.max(0, r.dueFen - r.reducedFen - r.paidFen);
}

/** A month is paid once nothing is outstanding; an approved waiver keeps it 'waived'. */
export function ledgerStatus(r: LedgerAmounts & { waived: boolean }): LedgerStatus {
  if (r.waived) return 'waived';
  return outstandingFen(r) === 0 ? 'paid' : 'due';
}

/**
 * Unpaid months in a row ending at asOfMonth. A month without a ledger row (not yet a
 * member), a paid month or an approved waiver ends the run.
 */
export function consecutiveUnpaidRun(
  rows: readonly { month: string; status: string }[],
  asOfMonth: string,
): number {
  const byMonth = new Map(rows.map((r) => [r.month, r.status]));
  let n = 0;
  for (let m = asOfMonth; byMonth.get(m) === 'due'; m = addMonths(m, -1)) n++;
  return n;
}
