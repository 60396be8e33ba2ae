import { describe, expect, it } from 'vitest';
import { checkContact, checkFloatingDates, floatingStatus, type FloatingFacts } from './floating.rules.ts';

const rules = { contactMonths: 6, awayMonths: 6 };
const abroad: FloatingFacts = {
  direction: 'out',
  kind: 'abroad_study',
  since: '2026-01-10',
  lastContactOn: null,
  endedOn: null,
};
const domestic: FloatingFacts = {
  direction: 'out',
  kind: 'domestic',
  since: '2026-05-23',
  lastContactOn: null,
  endedOn: null,
};

describe('floating members', () => {
  it.each([
    [
      'no contact yet, due 6 months after leaving: on the due day in time',
      { ...abroad },
      '2026-07-10',
      false,
      '2026-07-10',
    ],
    ['no contact yet: the day after the due day overdue', { ...abroad }, '2026-07-11', true, '2026-07-10'],
    [
      'last contact counts from its day: on the due day in time',
      { ...abroad, lastContactOn: '2026-05-31' },
      '2026-11-30',
      false,
      '2026-11-30',
    ],
    [
      'last contact 31 May: due 30 Nov (month end clamps), 1 Dec overdue',
      { ...abroad, lastContactOn: '2026-05-31' },
      '2026-12-01',
      true,
      '2026-11-30',
    ],
    [
      'a contact dated before leaving does not count',
      { ...abroad, lastContactOn: '2025-12-01' },
      '2026-07-11',
      true,
      '2026-07-10',
    ],
    ['domestic out-flow has no contact interval', { ...domestic }, '2030-01-01', false, null],
    ['in-flow has no contact interval', { ...abroad, direction: 'in' as const }, '2030-01-01', false, null],
    [
      'an ended registration is never overdue',
      { ...abroad, endedOn: '2026-03-01' },
      '2027-01-01',
      false,
      null,
    ],
  ])('%s', (_name, facts, today, overdue, due) => {
    const s = floatingStatus(facts, today, rules);
    expect(s.contactOverdue).toBe(overdue);
    expect(s.contactDueOn).toBe(due);
    expect(s.daysOverdue).toBe(overdue ? 1 : 0);
  });

  it.each([
    ['away exactly 6 months: transfer due (6个月以上 includes 6)', '2026-11-23', true],
    ['away one day short of 6 months: not yet', '2026-11-22', false],
  ])('%s', (_name, today, due) => {
    expect(floatingStatus(domestic, today, rules).transferDue).toBe(due);
  });

  it('abroad for study is contacted, not transferred', () => {
    expect(floatingStatus(abroad, '2030-01-01', rules).transferDue).toBe(false);
  });

  it.each([
    ['since in the future', '2026-11-24', null, 'SINCE_IN_FUTURE'],
    ['end before since', '2026-05-01', '2026-04-30', 'END_BEFORE_SINCE'],
    ['not a date', '2026-02-30', null, 'DATE_INVALID'],
    ['today is fine', '2026-11-23', null, null],
  ])('registration dates: %s', (_name, since, ended, code) => {
    const d = checkFloatingDates(since, ended, '2026-11-23');
    expect(d.ok ? null : d.code).toBe(code);
  });

  it.each([
    ['in the future', '2026-11-24', null, 'CONTACT_IN_FUTURE'],
    ['before leaving', '2026-01-09', null, 'CONTACT_BEFORE_SINCE'],
    ['on the day of leaving', '2026-01-10', null, null],
    ['after the registration ended', '2026-03-02', '2026-03-01', 'REGISTRATION_ENDED'],
    ['on the day it ended', '2026-03-01', '2026-03-01', null],
  ])('contact %s', (_name, on, ended, code) => {
    const d = checkContact(on, { since: '2026-01-10', endedOn: ended }, '2026-11-23');
    expect(d.ok ? null : d.code).toBe(code);
  });
});
