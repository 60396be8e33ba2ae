// Reporting periods: a year ('2026'), a quarter ('2026-Q3') or a month ('2026-07'), and the
// native period of a meeting date for each frequency unit.
import type { Unit } from './meeting-types.ts';

export interface Period {
  key: string;
  kind: Unit;
  /** First day, inclusive. */
  from: string;
  /** Day after the last day (exclusive). */
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function monthKey(date: string): string {
  return date.slice(0, 7);
}

export function quarterKey(date: string): string {
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

export function yearKey(date: string): string {
  return date.slice(0, 4);
}

/** The native period key of `date` for a frequency unit. */
export function unitKey(unit: Unit, date: string): string {
  return unit === 'month' ? monthKey(date) : unit === 'quarter' ? quarterKey(date) : yearKey(date);
}

export function parsePeriod(key: string): Period | null {
  let m = /^(\d{4})$/.exec(key);
  if (m) return { key, kind: 'year', from: `${m[1]}-01-01`, to: `${Number(m[1]) + 1}-01-01` };
  m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (m) {
    const y = Number(m[1]);
    const q = Number(m[2]);
    const endMonth = q * 3 + 1;
    return { key, kind: 'quarter', from: `${y}-${pad((q - 1) * 3 + 1)}-01`, to: endMonth > 12 ? `${y + 1}-01-01` : `${y}-${pad(endMonth)}-01` };
  }
  m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    return { key, kind: 'month', from: `${y}-${pad(mo)}-01`, to: mo === 12 ? `${y + 1}-01-01` : `${y}-${pad(mo + 1)}-01` };
  }
  return null;
}

/** Period from CLI/API parts: year, optional quarter or month (not both). */
export function periodOf(year: number, quarter?: number, month?: number): Period {
  const key = month ? `${year}-${pad(month)}` : quarter ? `${year}-Q${quarter}` : String(year);
  return parsePeriod(key)!;
}

/** The native periods of `unit` that lie inside `p` (a month inside a quarter has no quarter unit). */
export function unitsWithin(p: Period, unit: Unit): Period[] {
  const order: Record<Unit, number> = { month: 0, quarter: 1, year: 2 };
  if (order[unit] > order[p.kind]) return [];
  const out: Period[] = [];
  const y = Number(p.from.slice(0, 4));
  const firstMonth = Number(p.from.slice(5, 7));
  const months = p.kind === 'year' ? 12 : p.kind === 'quarter' ? 3 : 1;
  if (unit === 'year') return [parsePeriod(String(y))!];
  if (unit === 'quarter') {
    for (let m = firstMonth; m < firstMonth + months; m += 3) out.push(parsePeriod(quarterKey(`${y}-${pad(m)}-01`))!);
    return out;
  }
  for (let m = firstMonth; m < firstMonth + months; m++) out.push(parsePeriod(`${y}-${pad(m)}`)!);
  return out;
}

/** The 12 month keys of a year. */
export function monthsOf(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${pad(i + 1)}`);
}
