import { describe, expect, it } from 'vitest';
import {
  approvalStep,
  checkBackPay,
  checkPeriod,
  checkReduction,
  ledgerStatusAfter,
  mayTakeStep,
  monthRange,
  reducedFenFor,
  remitDueOn,
  yuan,
} from './relief.rules.ts';

describe('党费 减免 rules', () => {
  const base = {
    fromMonth: '2026-01',
    toMonth: '2026-06',
    kind: 'waive' as const,
    monthlyFen: null,
    reason: '因病致困',
  };
  it.each([
    [base, true, null],
    [{ ...base, fromMonth: '2026-13' }, false, 'fromMonth'],
    [{ ...base, toMonth: '2025-12' }, false, 'toMonth'],
    [{ ...base, toMonth: '2027-01' }, false, 'toMonth'],
    [{ ...base, toMonth: '2026-12' }, true, null],
    [{ ...base, reason: '  ' }, false, 'reason'],
    [{ ...base, monthlyFen: 100 }, false, 'monthlyFen'],
    [{ ...base, kind: 'reduce' as const }, false, 'monthlyFen'],
    [{ ...base, kind: 'reduce' as const, monthlyFen: -1 }, false, 'monthlyFen'],
    [{ ...base, kind: 'reduce' as const, monthlyFen: 20 }, true, null],
  ])('checkReduction %#', (r, good, field) => {
    const d = checkReduction(r, 12);
    expect(d.ok).toBe(good);
    if (!d.ok) expect(d.field).toBe(field);
  });

  it('lists the months of a span', () => {
    expect(monthRange('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });

  it.each([
    ['pending_branch', 'branch'],
    ['pending_upper', 'upper'],
    ['approved', null],
    ['rejected', null],
  ] as const)('approvalStep(%s)', (status, step) => {
    const d = approvalStep(status);
    expect(d.ok ? d.value : null).toBe(step);
  });

  it.each([
    ['branch', '/1/2/3/', ['worker'], true],
    ['branch', '/1/2/', ['org_admin'], false],
    ['upper', '/1/2/', ['org_admin'], true],
    ['upper', '/1/', ['org_admin'], true],
    ['upper', '/1/2/', ['worker'], false],
    ['upper', '/1/2/3/', ['org_admin'], false],
    ['upper', '/1/9/', ['org_admin'], false],
  ] as const)('mayTakeStep(%s) by scope %s %j', (step, scopePath, roles, good) => {
    expect(mayTakeStep(step, { scopePath, roles }, '/1/2/3/').ok).toBe(good);
  });

  it.each([
    [8100, 'waive', null, 8100],
    [8100, 'reduce', 2000, 6100],
    [8100, 'reduce', 9000, 0],
    [20, 'reduce', 0, 20],
  ] as const)('reducedFenFor(%i, %s, %s) = %i', (due, kind, monthly, out) => {
    expect(reducedFenFor(due, { kind, monthlyFen: monthly })).toBe(out);
  });

  it.each([
    [8100, 8100, 0, 'waived'],
    [8100, 8100, 8100, 'paid'],
    [8100, 6100, 2000, 'paid'],
    [8100, 6100, 1999, 'due'],
    [8100, 0, 0, 'due'],
  ] as const)('ledgerStatusAfter(%i, %i, %i) = %s', (due, reduced, paid, status) => {
    expect(ledgerStatusAfter(due, reduced, paid)).toBe(status);
  });
});

describe('党费 补交 rule', () => {
  it.each([
    [['2026-05'], false, true],
    [['2026-05', '2026-04'], false, false],
    [['2026-04'], true, true],
    [['2026-12'], false, true],
    [['2026-5'], true, false],
  ] as const)('checkBackPay(%j, byUpper=%s) in 2026-11 with 6 months', (months, byUpper, good) => {
    expect(checkBackPay(months, '2026-11', 6, byUpper).ok).toBe(good);
  });
});

describe('党费 上缴 reconciliation', () => {
  it('the remit deadline is the period end plus the grace days', () => {
    expect(remitDueOn('2026-02', 15)).toBe('2026-03-15');
    expect(remitDueOn('2026-12', 15)).toBe('2027-01-15');
  });
  it.each([
    [{ collectedFen: 1000, remittedFen: 1000, bankFen: null }, '2026-04-30', true, 0, null, false],
    [{ collectedFen: 1000, remittedFen: 800, bankFen: 1000 }, '2026-04-15', true, 200, 0, false],
    [{ collectedFen: 1000, remittedFen: 800, bankFen: 900 }, '2026-04-16', true, 200, -100, true],
    [{ collectedFen: 1000, remittedFen: 0, bankFen: null }, '2026-09-01', false, 0, null, false],
  ])('checkPeriod %#', (money, today, hasParent, gap, bankGap, overdue) => {
    expect(checkPeriod(money, '2026-03', today, 15, hasParent)).toEqual({
      remitGapFen: gap,
      bankGapFen: bankGap,
      remitOverdue: overdue,
    });
  });
  it.each([
    [8100, '81.00'],
    [5, '0.05'],
    [-120, '-1.20'],
  ])('yuan(%i) = %s', (fen, s) => expect(yuan(fen)).toBe(s));
});
