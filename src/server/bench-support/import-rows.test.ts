import { describe, expect, it } from 'vitest';
import { parseIdNumber } from '../../core/person/id-number.ts';
import { IMPORT_HEADERS, importRows } from './import-rows.ts';

const options = { area: '339901', orgCodes: ['A1', 'A2', 'A3'], today: '2026-11-23', seed: 7 };

describe('importRows', () => {
  const rows = importRows(20_000, options);

  it('fills the template columns in order', () => {
    expect(IMPORT_HEADERS).toEqual([
      '姓名',
      '性别',
      '民族',
      '公民身份号码',
      '出生日期',
      '学历',
      '人员类别',
      '入党日期',
      '转正日期',
      '联系电话',
      '党组织编码',
    ]);
    expect(rows).toHaveLength(20_000);
    expect(rows.every((r) => r.length === IMPORT_HEADERS.length)).toBe(true);
  });

  it('gives every row a valid, unique ID whose birth date and gender agree with the row', () => {
    const ids = new Set<string>();
    for (const r of rows) {
      const parsed = parseIdNumber(r[3]);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) continue;
      expect(parsed.value.birthDate).toBe(r[4]);
      expect(parsed.value.gender).toBe(r[1]);
      ids.add(r[3]);
    }
    expect(ids.size).toBe(rows.length);
  });

  it('joins at 18 or older, never in the last 400 days, and confirms full members one year later', () => {
    for (const r of rows) {
      const eighteen = `${Number(r[4].slice(0, 4)) + 18}${r[4].slice(4)}`;
      expect(r[7] >= eighteen || r[4].endsWith('02-29')).toBe(true);
      expect(r[7] <= '2025-10-19').toBe(true);
      if (r[6] === '正式党员')
        expect(r[8]).toBe(`${Number(r[7].slice(0, 4)) + 1}${r[7].slice(4)}`.replace(/-02-29$/, '-03-01'));
      else expect(r[8]).toBe('');
      expect(r[9]).toMatch(/^1[3-9]\d{9}$/);
    }
  });

  it('is deterministic and spreads rows over the organisations', () => {
    expect(importRows(50, options)).toEqual(importRows(50, options));
    expect(new Set(rows.slice(0, 3).map((r) => r[10]))).toEqual(new Set(['A1', 'A2', 'A3']));
  });

  it.each([
    [{ ...options, area: '33990' }, /6 digits/],
    [{ ...options, orgCodes: [] }, /organisation/],
  ])('refuses bad options %#', (bad, message) => {
    expect(() => importRows(1, bad)).toThrow(message);
  });
});
