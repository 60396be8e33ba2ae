import { describe, expect, it } from 'vitest';
import { formatCount, formatMs, percentile, ratio, rowsPerSecond, summarize } from './stats.ts';

describe('percentile (nearest rank)', () => {
  const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  it.each([
    [ten, 50, 5],
    [ten, 95, 10],
    [ten, 90, 9],
    [ten, 10, 1],
    [ten, 100, 10],
    [[7], 50, 7],
    [[7], 95, 7],
    [[1, 2], 50, 1],
    [[1, 2], 51, 2],
  ])('%j p%d = %d', (sorted, p, want) => {
    expect(percentile(sorted, p)).toBe(want);
  });

  it.each([0, -1, 101])('refuses p = %d', (p) => {
    expect(() => percentile([1], p)).toThrow(/out of range/);
  });

  it('refuses an empty sample', () => {
    expect(() => percentile([], 50)).toThrow(/empty/);
  });
});

describe('summarize', () => {
  it('sorts before ranking and reports min, p50, p95, max and mean', () => {
    const s = summarize([30, 10, 20, 40]);
    expect(s).toEqual({ n: 4, min: 10, p50: 20, p95: 40, max: 40, mean: 25 });
  });

  it('p95 of twenty samples is the nineteenth', () => {
    const xs = Array.from({ length: 20 }, (_, i) => 20 - i);
    expect(summarize(xs).p95).toBe(19);
  });

  it('refuses an empty sample', () => {
    expect(() => summarize([])).toThrow();
  });
});

describe('ratio and rows per second', () => {
  it.each([
    [10, 5, 2],
    [3, 3, 1],
    [1.5, 1, 1.5],
  ])('ratio(%d, %d) = %d', (api, sqlMs, want) => {
    expect(ratio(api, sqlMs)).toBeCloseTo(want);
  });

  it.each([0, 0.001, -1, Number.NaN])('ratio over a SQL time of %d is unknown', (sqlMs) => {
    expect(ratio(10, sqlMs)).toBeNull();
  });

  it('rows per second', () => {
    expect(rowsPerSecond(500, 250)).toBe(2000);
    expect(rowsPerSecond(500, 0)).toBeNull();
  });
});

describe('formatting', () => {
  it.each([
    [null, '—'],
    [0.1234, '0.12'],
    [9.999, '10.00'],
    [12.34, '12.3'],
    [99.94, '99.9'],
    [1234.5, '1,235'],
  ])('formatMs(%s) = %s', (ms, want) => {
    expect(formatMs(ms)).toBe(want);
  });

  it.each([
    [null, '—'],
    [999.6, '1,000'],
    [9_999_999, '9,999,999'],
    [12_345_678, '12.3M'],
  ])('formatCount(%s) = %s', (n, want) => {
    expect(formatCount(n)).toBe(want);
  });
});
