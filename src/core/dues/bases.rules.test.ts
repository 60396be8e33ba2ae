import { describe, expect, it } from 'vitest';
import { checkBase, normaliseMonth, parseImportRow } from './bases.rules.ts';

describe('党费基数 declarations', () => {
  it.each<[string, number | null, string, string | null]>([
    ['in_service', 540000, '2026-05', null],
    ['in_service', null, '2026-05', 'baseFen'],
    ['in_service', -1, '2026-05', 'baseFen'],
    ['in_service', 100_000_001, '2026-05', 'baseFen'], // 100万元 a month: absurd
    ['retired', 0, '2026-05', null],
    ['farmer', null, '2026-05', null],
    ['farmer', 500000, '2026-05', null], // dropped: fixed amount
    ['teacher', 1, '2026-05', 'category'],
    ['in_service', 1, '2026-13', 'effectiveMonth'],
    ['in_service', 1, '2028-01', 'effectiveMonth'], // more than 12 months ahead
  ])('%s base %s from %s → refused on %s', (category, baseFen, effectiveMonth, field) => {
    const d = checkBase({ category, baseFen, effectiveMonth }, '2026-11');
    expect(d.ok ? null : d.field).toBe(field);
    if (d.ok && category === 'farmer') expect(d.value.baseFen).toBeNull();
  });

  it.each<[string, string | null]>([
    ['2026-03', '2026-03'],
    ['2026/3', '2026-03'],
    ['2026年3月', '2026-03'],
    ['2026-13', null],
    ['三月', null],
  ])('month %s → %s', (t, m) => expect(normaliseMonth(t)).toBe(m));

  it('reads an import row, naming every bad column', () => {
    const good = parseImportRow(
      2,
      { name: '王红梅', orgName: '', category: '在职', base: '5400', month: '2026-01', note: '' },
      '2026-11',
    );
    expect(good).toMatchObject({ ok: true, value: { base: { category: 'in_service', baseFen: 540000 } } });
    const bad = parseImportRow(
      3,
      { name: '', orgName: '', category: '教师', base: '-5', month: '2026年13月', note: '' },
      '2026-11',
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.errors.map((e) => e.field)).toEqual(['姓名', '党员类别', '起始月份', '月缴费基数（元）']);
    const missing = parseImportRow(
      4,
      { name: '李建国', orgName: '', category: '离退休', base: '', month: '2026-01', note: '' },
      '2026-11',
    );
    expect(missing).toMatchObject({ ok: false, errors: [{ row: 4, field: '月缴费基数（元）' }] });
  });
});
