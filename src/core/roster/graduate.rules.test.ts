import { describe, expect, it } from 'vitest';
import { NATIONAL_RULEBOOK, ruleEntry } from '../rulebook/rulebook.ts';
import { addDays } from '../shared/dates.ts';
import {
  checkGraduate,
  graduateStanding,
  graduateStatusBounds,
  type GraduateFacts,
  type GraduateStanding,
} from './graduate.rules.ts';

const rules = { maxYears: 2, warnDays: 90 };

describe('graduates keeping the party relationship at school', () => {
  it('reads its numbers from the rulebook (2 years national, 90 days local practice)', () => {
    expect(ruleEntry(NATIONAL_RULEBOOK, 'roster.graduate.maxYears').value).toBe(rules.maxYears);
    const warn = ruleEntry(NATIONAL_RULEBOOK, 'roster.graduate.warnDays');
    expect([warn.value, warn.source, warn.certainty]).toEqual([rules.warnDays, '地方实践', 'L']);
  });

  it.each<[string, string, string, GraduateStanding]>([
    [
      'well inside the 2 years',
      '2025-07-01',
      '2026-11-23',
      { deadline: '2027-07-01', daysLeft: 220, status: '正常' },
    ],
    [
      '91 days left: still 正常',
      '2025-02-22',
      '2026-11-23',
      { deadline: '2027-02-22', daysLeft: 91, status: '正常' },
    ],
    [
      '90 days left: 即将到期',
      '2025-02-21',
      '2026-11-23',
      { deadline: '2027-02-21', daysLeft: 90, status: '即将到期' },
    ],
    [
      'on the deadline day: still within the limit',
      '2024-11-23',
      '2026-11-23',
      { deadline: '2026-11-23', daysLeft: 0, status: '即将到期' },
    ],
    [
      'the day after the deadline: 已超期',
      '2024-11-22',
      '2026-11-23',
      { deadline: '2026-11-22', daysLeft: -1, status: '已超期' },
    ],
    [
      'graduated on 29 Feb: the deadline clamps to 28 Feb, never longer than 2 years',
      '2024-02-29',
      '2026-02-28',
      { deadline: '2026-02-28', daysLeft: 0, status: '即将到期' },
    ],
    [
      'graduated on 29 Feb: 1 March is past the deadline',
      '2024-02-29',
      '2026-03-01',
      { deadline: '2026-02-28', daysLeft: -1, status: '已超期' },
    ],
    [
      'deadline on 29 Feb of a leap year',
      '2026-02-28',
      '2028-02-29',
      { deadline: '2028-02-28', daysLeft: -1, status: '已超期' },
    ],
  ])('%s', (_name, graduatedOn, today, expected) => {
    expect(graduateStanding(graduatedOn, true, today, rules)).toEqual(expected);
  });

  it.each([
    ['not retained: no limit runs', '2020-07-01', false],
    ['retained without a graduation date: nothing to count from', null, true],
  ])('%s', (_name, graduatedOn, retained) => {
    expect(graduateStanding(graduatedOn, retained, '2026-11-23', rules)).toBeNull();
  });

  it('the graduatedOn ranges agree with graduateStanding day by day, across leap years', () => {
    for (const today of [
      '2026-11-23',
      '2024-02-29',
      '2026-02-28',
      '2026-03-01',
      '2028-02-29',
      '2027-05-30',
    ]) {
      const { overdueBefore, dueSoonBefore } = graduateStatusBounds(today, rules);
      for (let k = -900; k <= 0; k++) {
        const g = addDays(today, k);
        const status = graduateStanding(g, true, today, rules)!.status;
        const byRange = g < overdueBefore ? '已超期' : g < dueSoonBefore ? '即将到期' : '正常';
        expect(`${today} ${g} ${byRange}`).toBe(`${today} ${g} ${status}`);
      }
    }
  });

  const member: GraduateFacts = { graduatedOn: '2025-07-01', retained: true, birthDate: '2002-03-15' };
  it.each<[string, Partial<GraduateFacts>, string | null]>([
    ['a plausible graduation', {}, null],
    ['graduated today', { graduatedOn: '2026-11-23' }, null],
    ['graduated tomorrow', { graduatedOn: '2026-11-24' }, 'GRADUATED_IN_FUTURE'],
    ['exactly 15 years after birth', { graduatedOn: '2017-03-15' }, null],
    ['one day short of 15 years after birth', { graduatedOn: '2017-03-14' }, 'GRADUATED_TOO_EARLY'],
    ['birth date unknown: only the future is refused', { graduatedOn: '1990-01-01', birthDate: null }, null],
    ['retained without a graduation date', { graduatedOn: null }, 'GRADUATED_ON_REQUIRED'],
    ['neither retained nor graduated', { graduatedOn: null, retained: false }, null],
  ])('%s', (_name, patch, code) => {
    const d = checkGraduate({ ...member, ...patch }, '2026-11-23');
    if (code === null) expect(d).toEqual({ ok: true, value: undefined });
    else expect(d).toMatchObject({ ok: false, code, field: 'graduatedOn' });
  });
});
