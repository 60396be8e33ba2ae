import { describe, expect, it } from 'vitest';
import { NATIONAL_RULEBOOK, ruleValue } from '../rulebook/rulebook.ts';
import {
  applyRate,
  fenToYuan,
  monthlyDueFen,
  yuanToFen,
  type DuesCategory,
  type DuesRates,
} from './rates.ts';

const rates: DuesRates = {
  inService: ruleValue(NATIONAL_RULEBOOK, 'dues.rates.inService'),
  retired: ruleValue(NATIONAL_RULEBOOK, 'dues.rates.retired'),
  fixed: ruleValue(NATIONAL_RULEBOOK, 'dues.fixed'),
};

describe('党费 rates', () => {
  it.each<[DuesCategory, number | null, number]>([
    // in service: both sides of every boundary (whole base, not marginal)
    ['in_service', 300000, 1500], // 3000.00 × 0.5% = 15.00
    ['in_service', 300001, 3000], // 3000.01 × 1% = 30.0001 → 30.00
    ['in_service', 500000, 5000], // 5000.00 × 1%
    ['in_service', 500001, 7500], // 5000.01 × 1.5% = 75.00015
    ['in_service', 1000000, 15000], // 10000.00 × 1.5%
    ['in_service', 1000001, 20000], // 10000.01 × 2% = 200.0002
    ['in_service', 540000, 8100], // 5400 → 81.00
    ['in_service', 0, 0],
    // half up: 2990.99 × 0.5% = 14.95495 → 14.95; 2991.00 → 14.955 → 14.96
    ['in_service', 299099, 1495],
    ['in_service', 299100, 1496],
    ['in_service', 299090, 1495], // 14.9545 → 14.95
    // retired
    ['retired', 500000, 2500],
    ['retired', 500001, 5000], // 5000.01 × 1% = 50.0001
    ['retired', 310030, 1550], // 15.5015 → 15.50
    ['retired', 310100, 1551], // 15.505 → 15.51 (half up)
    // no fixed income: previous quarter's average on the in-service table
    ['no_income', 250000, 1250],
    // fixed amounts
    ['farmer', null, 20],
    ['student', null, 20],
    ['unemployed', null, 20],
    ['relief', null, 20],
  ])('%s base %s fen → %s fen', (category, base, due) => {
    expect(monthlyDueFen(rates, category, base)).toBe(due);
  });

  it('rounds half up exactly once', () => {
    expect(applyRate(100, 50)).toBe(1); // 0.5 fen → 1
    expect(applyRate(99, 50)).toBe(0); // 0.495 → 0
  });

  it('refuses a missing or negative base for a rated category', () => {
    expect(() => monthlyDueFen(rates, 'in_service', null)).toThrow();
    expect(() => monthlyDueFen(rates, 'retired', -1)).toThrow();
  });

  it.each<[number, string]>([
    [8100, '81.00'],
    [20, '0.20'],
    [5, '0.05'],
    [0, '0.00'],
    [-150, '-1.50'],
  ])('%s fen shows as %s', (fen, text) => expect(fenToYuan(fen)).toBe(text));

  it.each<[string, number | null]>([
    ['5400', 540000],
    ['3000.01', 300001],
    ['3000.1', 300010],
    ['-1', null],
    ['1.234', null],
    ['abc', null],
  ])('yuan %s → %s fen', (text, fen) => expect(yuanToFen(text)).toBe(fen));
});
