import { describe, expect, it } from 'vitest';
import {
  checkEnd,
  checkMayRecord,
  checkService,
  hoursByMonth,
  hoursInYear,
  registrationStatus,
} from './community.rules.ts';

const base = {
  servedOn: '2026-05-01',
  hours: 2,
  registeredOn: '2026-01-10',
  endedOn: null,
  today: '2026-11-23',
  minHours: 0.5,
  maxHours: 24,
};

describe('volunteer service record', () => {
  it.each([
    [{}, null, 4],
    [{ hours: 0.5 }, null, 1],
    [{ hours: 24 }, null, 48],
    [{ hours: 0.25 }, 'HOURS_OUT_OF_RANGE', null],
    [{ hours: 24.5 }, 'HOURS_OUT_OF_RANGE', null],
    [{ hours: 0 }, 'HOURS_OUT_OF_RANGE', null],
    [{ hours: 1.2 }, 'HOURS_NOT_HALF', null],
    [{ servedOn: '2026-11-24' }, 'SERVED_IN_FUTURE', null],
    [{ servedOn: '2026-01-09' }, 'SERVED_BEFORE_REGISTRATION', null],
    [{ endedOn: '2026-04-30' }, 'SERVED_AFTER_END', null],
  ])('%o → %s', (patch, code, half) => {
    const d = checkService({ ...base, ...patch });
    expect(d.ok ? null : d.code).toBe(code);
    if (d.ok) expect(d.value).toBe(half);
  });
});

describe('报到结束', () => {
  const end = {
    registeredOn: '2026-01-10',
    endedOn: null,
    endOn: '2026-10-01',
    today: '2026-11-23',
    lastServedOn: '2026-09-30',
  };
  it.each([
    ['ends between registration and today', {}, null],
    ['ends on the registration date', { endOn: '2026-01-10', lastServedOn: null }, null],
    [
      'ends the day before registering',
      { endOn: '2026-01-09', lastServedOn: null },
      'ENDED_BEFORE_REGISTRATION',
    ],
    ['ends today', { endOn: '2026-11-23' }, null],
    ['ends tomorrow', { endOn: '2026-11-24' }, 'ENDED_IN_FUTURE'],
    ['ends on the day of the last service', { endOn: '2026-09-30' }, null],
    ['ends before the last service', { endOn: '2026-09-29' }, 'ENDED_BEFORE_LAST_SERVICE'],
    ['is already ended', { endedOn: '2026-06-01' }, 'REGISTRATION_ENDED'],
  ])('%s', (_name, patch, code) => {
    const d = checkEnd({ ...end, ...patch });
    expect(d.ok ? null : d.code).toBe(code);
    if (!d.ok && code !== 'REGISTRATION_ENDED') expect(d.field).toBe('endedOn');
  });

  it.each([
    ['an active registration takes new records', null, null, 'active'],
    ['an ended registration refuses new records', '2026-10-01', 'REGISTRATION_ENDED', 'ended'],
  ])('%s', (_name, endedOn, code, status) => {
    const d = checkMayRecord(endedOn);
    expect(d.ok ? null : d.code).toBe(code);
    if (!d.ok) expect(d.message).toContain('不能再记录志愿服务');
    expect(registrationStatus(endedOn)).toBe(status);
  });
});

describe('hours by month', () => {
  const records = [
    { servedOn: '2026-01-05', halfHours: 3 },
    { servedOn: '2026-01-20', halfHours: 4 },
    { servedOn: '2026-12-31', halfHours: 1 },
    { servedOn: '2025-01-05', halfHours: 10 },
  ];
  it('sums one year, month by month, in hours', () => {
    const m = hoursByMonth(records, 2026);
    expect(m[0]).toBe(3.5);
    expect(m[11]).toBe(0.5);
    expect(m.slice(1, 11).every((h) => h === 0)).toBe(true);
    expect(hoursInYear(records, 2026)).toBe(4);
    expect(hoursInYear(records, 2024)).toBe(0);
  });
});
