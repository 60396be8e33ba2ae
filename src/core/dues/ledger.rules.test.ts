import { describe, expect, it } from 'vitest';
import {
  addMonths,
  baseInEffect,
  consecutiveUnpaidRun,
  isDueMonth,
  lastClosedMonth,
  lastDayOf,
  ledgerStatus,
  monthRange,
  type BaseDeclaration,
  type BaseTiming,
} from './ledger.rules.ts';

describe('党费 ledger rules', () => {
  it.each<[string, number, string]>([
    ['2026-01', -1, '2025-12'],
    ['2026-12', 1, '2027-01'],
    ['2026-03', -15, '2024-12'],
  ])('%s %+d → %s', (m, n, out) => expect(addMonths(m, n)).toBe(out));

  it('knows month ends and ranges', () => {
    expect(lastDayOf('2024-02')).toBe('2024-02-29');
    expect(lastDayOf('2026-12')).toBe('2026-12-31');
    expect(monthRange('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(lastClosedMonth('2026-01-15')).toBe('2025-12');
  });

  it.each<[string, string | null, boolean]>([
    ['2026-03', '2026-03-28', true], // 预备党员 from the month of the 支部大会
    ['2026-02', '2026-03-28', false],
    ['2026-04', '2026-03-28', true],
    ['1999-01', null, true],
  ])('month %s, admitted %s → due %s', (m, joined, due) => expect(isDueMonth(m, joined)).toBe(due));

  const decl: BaseDeclaration[] = [
    { category: 'in_service', baseFen: 400000, effectiveMonth: '2025-03' },
    { category: 'in_service', baseFen: 540000, effectiveMonth: '2026-05' },
  ];
  it.each<[string, BaseTiming, number | null]>([
    ['2025-02', 'fromChangeMonth', null],
    ['2025-03', 'fromChangeMonth', 400000],
    ['2026-04', 'fromChangeMonth', 400000],
    ['2026-05', 'fromChangeMonth', 540000],
    ['2026-05', 'januaryFixed', 400000], // the raise waits for January
    ['2027-01', 'januaryFixed', 540000],
    ['2025-04', 'januaryFixed', 400000], // nothing by January 2025: the first declaration applies
  ])('base for %s (%s) → %s', (month, timing, base) => {
    expect(baseInEffect(decl, month, timing)?.baseFen ?? null).toBe(base);
  });

  it.each<[number, number, number, boolean, string]>([
    [1500, 0, 0, false, 'due'],
    [1500, 0, 1500, false, 'paid'],
    [1500, 1000, 500, false, 'paid'],
    [1500, 1000, 0, false, 'due'],
    [1500, 1500, 0, true, 'waived'],
    [0, 0, 0, false, 'paid'],
  ])('due %s reduced %s paid %s waived %s → %s', (dueFen, reducedFen, paidFen, waived, status) => {
    expect(ledgerStatus({ dueFen, reducedFen, paidFen, waived })).toBe(status);
  });

  const months = (statuses: string): { month: string; status: string }[] =>
    [...statuses].map((s, i) => ({
      month: addMonths('2026-01', i),
      status: s === 'd' ? 'due' : s === 'p' ? 'paid' : 'waived',
    }));
  it.each<[string, string, number]>([
    ['pppppp', '2026-06', 0],
    ['pdddddd', '2026-07', 6],
    ['ddddd', '2026-05', 5],
    ['dddwdd', '2026-06', 2], // an approved waiver ends the run
    ['dddd', '2026-06', 0], // no ledger for June: nothing counted
    ['dddddd', '2026-03', 3],
  ])('%s as of %s → %s unpaid in a row', (s, asOf, n) => {
    expect(consecutiveUnpaidRun(months(s), asOf)).toBe(n);
  });
});
