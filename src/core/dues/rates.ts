// 党费 rates: the monthly due of one member from the category and base (integer fen).
import type { DuesFixedAmounts, DuesRateBand } from '../rulebook/dues.rules-data.ts';

export const DUES_CATEGORIES = [
  'in_service',
  'retired',
  'farmer',
  'student',
  'unemployed',
  'relief',
  'no_income',
] as const;
export type DuesCategory = (typeof DUES_CATEGORIES)[number];

export const DUES_CATEGORY_LABELS: Record<DuesCategory, string> = {
  in_service: '在职党员',
  retired: '离退休党员',
  farmer: '农民党员',
  student: '学生党员',
  unemployed: '下岗失业党员',
  relief: '享受低保党员',
  no_income: '无固定收入党员',
};

/** Categories with a fixed monthly amount: no base. */
export const FIXED_CATEGORIES: readonly DuesCategory[] = ['farmer', 'student', 'unemployed', 'relief'];

export function isFixedCategory(c: DuesCategory): c is keyof DuesFixedAmounts {
  return FIXED_CATEGORIES.includes(c);
}

export function isDuesCategory(v: string): v is DuesCategory {
  return (DUES_CATEGORIES as readonly string[]).includes(v);
}

export interface DuesRates {
  inService: readonly DuesRateBand[];
  retired: readonly DuesRateBand[];
  fixed: DuesFixedAmounts;
}

/** The band's rate for the WHOLE base (not marginal): the first band whose upper bound holds it. */
export function rateFor(bands: readonly DuesRateBand[], baseFen: number): number {
  for (const b of bands) if (b.upToFen === null || baseFen <= b.upToFen) return b.rateBp;
  throw new Error('rate table without an open top band');
}

/** base × rate, rounded half up once (integers only: never a float in between). */
export function applyRate(baseFen: number, rateBp: number): number {
  return Math.floor((baseFen * rateBp + 5000) / 10000);
}

/**
 * The monthly due in fen. no_income is the self-declared previous quarter's average,
 * charged by the in-service table.
 */
export function monthlyDueFen(rates: DuesRates, category: DuesCategory, baseFen: number | null): number {
  if (isFixedCategory(category)) return rates.fixed[category];
  if (baseFen === null || !Number.isSafeInteger(baseFen) || baseFen < 0) {
    throw new Error(`base required for ${category}`);
  }
  const bands = category === 'retired' ? rates.retired : rates.inService;
  return applyRate(baseFen, rateFor(bands, baseFen));
}

/** Display as yuan with 2 decimals: 8100 → "81.00". */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Parse "5400", "5400.5" or "5400.50" yuan into fen without floats; null when not a plain amount. */
export function yuanToFen(text: string): number | null {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Bases above this are refused as absurd (100万元 a month). */
export const MAX_BASE_FEN = 100_000_000;
