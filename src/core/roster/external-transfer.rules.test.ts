import { describe, expect, it } from 'vitest';
import { checkSlip, letterNumber, letterValidUntil, slipState } from './external-transfer.rules.ts';

describe('transfers out of the system: letter and return slip', () => {
  it('a 30-day letter issued on 1 Nov is valid until 1 Dec', () => {
    expect(letterValidUntil('2026-11-01', 30)).toBe('2026-12-01');
  });

  it.each([
    ['on the last valid day: still pending', '2026-12-01', null, 'pending'],
    ['the day after: overdue (回执未返回)', '2026-12-02', null, 'overdue'],
    ['returned late is still returned', '2027-03-01', '2027-01-05', 'returned'],
  ] as const)('%s', (_name, today, returned, state) => {
    expect(slipState('2026-12-01', returned, today)).toBe(state);
  });

  it.each([
    ['in the future', '2026-11-24', null, 'SLIP_IN_FUTURE'],
    ['before the letter', '2026-10-31', null, 'SLIP_BEFORE_LETTER'],
    ['on the issue day', '2026-11-01', null, null],
    ['twice', '2026-11-20', '2026-11-10', 'SLIP_ALREADY_RETURNED'],
  ] as const)('slip %s', (_name, on, already, code) => {
    const d = checkSlip(on, '2026-11-01', already, '2026-11-23');
    expect(d.ok ? null : d.code).toBe(code);
  });

  it('numbers letters by year and id', () => {
    expect(letterNumber('2026-11-01', 42)).toBe('2026组外转字第00042号');
  });
});
