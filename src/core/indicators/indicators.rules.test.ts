import { describe, expect, it } from 'vitest';
import { asOfFor, last12Months, rollUp, valueOf, type Part } from './indicators.rules.ts';

// county 1 → townships 2, 3 → branches 4, 5 (under 2), 6 (under 3)
const tree = [
  { id: 1, parentId: null },
  { id: 2, parentId: 1 },
  { id: 3, parentId: 1 },
  { id: 4, parentId: 2 },
  { id: 5, parentId: 2 },
  { id: 6, parentId: 3 },
];

describe('rollUp', () => {
  it('sums counts into every ancestor', () => {
    const own = new Map<number, Part>([
      [4, { num: 10, den: null }],
      [5, { num: 7, den: null }],
      [6, { num: 3, den: null }],
      [2, { num: 1, den: null }],
    ]);
    const r = rollUp(tree, own);
    expect(r.get(1)).toEqual({ num: 21, den: null });
    expect(r.get(2)).toEqual({ num: 18, den: null });
    expect(r.get(3)).toEqual({ num: 3, den: null });
    expect(r.get(4)).toEqual({ num: 10, den: null });
  });

  it('sums numerators and denominators of a ratio; an organisation measuring nothing has den null', () => {
    const own = new Map<number, Part>([
      [4, { num: 1, den: 1 }],
      [5, { num: 0, den: 1 }],
    ]);
    const r = rollUp(tree, own);
    expect(r.get(2)).toEqual({ num: 1, den: 2 });
    expect(r.get(1)).toEqual({ num: 1, den: 2 });
    expect(r.get(3)).toEqual({ num: 0, den: null });
  });

  it('an organisation that sets its own denominator replaces the sum below it', () => {
    const own = new Map<number, Part>([
      [4, { num: 2, den: null }],
      [6, { num: 1, den: null }],
    ]);
    const quotas = new Map([
      [2, 5],
      [3, 2],
      [4, 9], // a quota below a quota holder is ignored once the holder sets its own
    ]);
    const r = rollUp(tree, own, quotas);
    expect(r.get(2)).toEqual({ num: 2, den: 5 });
    expect(r.get(1)).toEqual({ num: 3, den: 7 });
  });

  it('treats an organisation whose parent is outside the set as a root', () => {
    const r = rollUp(tree.slice(1), new Map([[4, { num: 1, den: null }]]));
    expect(r.get(2)).toEqual({ num: 1, den: null });
    expect(r.has(1)).toBe(false);
  });
});

describe('valueOf', () => {
  it.each([
    [{ num: 3, den: null }, '人', 3],
    [{ num: 1, den: 3 }, '%', 33.3],
    [{ num: 2, den: 3 }, '%', 66.7],
    [{ num: 0, den: 0 }, '%', null],
    [{ num: 0, den: null }, '%', null],
    [undefined, '%', null],
  ] as const)('%o in %s → %s', (p, unit, want) => {
    expect(valueOf(p, unit)).toBe(want);
  });
});

describe('months', () => {
  it('lists the 12 months ending with the given one, across a year boundary', () => {
    const m = last12Months('2026-03');
    expect(m[0]).toBe('2025-04');
    expect(m[11]).toBe('2026-03');
    expect(m).toHaveLength(12);
  });
  it.each([
    ['2026-12', '2026-12-07', '2026-12-07'],
    ['2026-11', '2026-12-07', '2026-11-30'],
    ['2026-02', '2026-12-07', '2026-02-28'],
    ['2024-02', '2026-12-07', '2024-02-29'],
  ])('as of for %s on %s is %s', (month, today, want) => {
    expect(asOfFor(month, today)).toBe(want);
  });
});
