import { describe, expect, it } from 'vitest';
import { NATIONAL_RULEBOOK, applyOverride, ruleEntry, ruleValue } from './rulebook.ts';

describe('rulebook', () => {
  it('every national entry names its source and a valid effective date', () => {
    for (const versions of Object.values(NATIONAL_RULEBOOK.rules)) {
      for (const v of versions) {
        expect(v.source.length, v.id).toBeGreaterThan(0);
        expect(v.effectiveFrom, v.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
  });

  it('throws for an unknown rule rather than defaulting', () => {
    expect(() => ruleValue(NATIONAL_RULEBOOK, 'no.such.rule')).toThrow(/unknown rule/);
  });

  it('a province override replaces a value and keeps the rest', () => {
    const zj = applyOverride(NATIONAL_RULEBOOK, {
      name: 'zj',
      entries: [{ ...ruleEntry(NATIONAL_RULEBOOK, 'development.publicityWorkingDays'), value: 7, source: '某省规定' }],
    });
    expect(ruleValue(zj, 'development.publicityWorkingDays')).toBe(7);
    expect(ruleValue(zj, 'org.branch.minFullMembers')).toBe(3);
    expect(zj.name).toBe('national+zj');
  });

  it.each([
    ['before the revision uses the old version', '2026-04-30', 5],
    ['on the revision day uses the new version', '2026-05-01', 6],
    ['after the revision uses the new version', '2026-12-01', 6],
  ])('versioned by effective date: %s', (_name, on, expected) => {
    const revised = applyOverride(NATIONAL_RULEBOOK, {
      name: 'rev2026',
      entries: [{ ...ruleEntry(NATIONAL_RULEBOOK, 'development.publicityWorkingDays'), value: 6, effectiveFrom: '2026-05-01' }],
    });
    expect(ruleValue(revised, 'development.publicityWorkingDays', on)).toBe(expected);
  });
});
