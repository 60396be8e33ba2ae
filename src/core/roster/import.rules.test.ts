import { describe, expect, it } from 'vitest';
import { checkCharacter } from '../person/id-number.ts';
import { NATIONAL_RULEBOOK, ruleValue } from '../rulebook/rulebook.ts';
import { z } from 'zod';
import {
  cellText, checkImportOrg, findDuplicateIds, IMPORT_TEXT_LIMITS, isOrphanedImportJob, maxLengthOf, normalisePhone, parseDateCell, validateRow, type CellValue, type RowRules,
} from './import.rules.ts';
import { profileBody } from './roster.schemas.ts';
import type { ImportColumn } from './roster.constants.ts';

const TODAY = '2026-11-23';
const RULES: RowRules = {
  today: TODAY,
  minAge: ruleValue<number>(NATIONAL_RULEBOOK, 'development.minAge', TODAY),
  probationYears: ruleValue<number>(NATIONAL_RULEBOOK, 'development.probationYears', TODAY),
  maxExtensionYears: ruleValue<number>(NATIONAL_RULEBOOK, 'roster.probation.maxExtensionYears', TODAY),
};

/** A valid ID number for a birth date and gender. */
function idFor(birth: string, male: boolean): string {
  const first17 = '330102' + birth.replaceAll('-', '') + '01' + (male ? '1' : '2');
  return first17 + checkCharacter(first17);
}

const ID = idFor('1990-05-12', true);
function row(over: Partial<Record<ImportColumn, CellValue>> = {}) {
  return {
    row: 2,
    cells: {
      姓名: '张三', 性别: '男', 民族: '汉族', 公民身份号码: ID, 出生日期: '1990-05-12', 学历: '大学本科',
      人员类别: '正式党员', 入党日期: '2015-07-01', 转正日期: '2016-07-01', 联系电话: '13812345678', 党组织编码: 'TA-1',
      ...over,
    } as Partial<Record<ImportColumn, CellValue>>,
  };
}
const codes = (over: Partial<Record<ImportColumn, CellValue>>) => validateRow(row(over), RULES).errors.map((e) => `${e.column}:${e.code}`);

describe('cell normalisation', () => {
  it.each([
    ['2015-07-01', '2015-07-01'], ['2015.7.1', '2015-07-01'], ['2015/7/1', '2015-07-01'], ['2015年7月1日', '2015-07-01'],
    ['  2015-07-01 ', '2015-07-01'], ['２０１５－０７－０１', '2015-07-01'], ['20150701', '2015-07-01'], ['2015-07-01 00:00:00', '2015-07-01'],
    ['2015-02-30', null], ['2015/13/1', null], ['七月一日', null], ['', null],
  ])('date text %j → %j', (input, expected) => expect(parseDateCell(input)).toBe(expected));

  it('reads Excel dates and serial numbers', () => {
    expect(parseDateCell(new Date(Date.UTC(2015, 6, 1)))).toBe('2015-07-01');
    expect(parseDateCell(42186)).toBe('2015-07-01');
    expect(parseDateCell(20150701)).toBe('2015-07-01');
  });

  it.each([
    ['13812345678', '13812345678'], ['138 1234 5678', '13812345678'], ['+8613812345678', '13812345678'], ['１３８１２３４５６７８', '13812345678'],
    ['0571-88881234', '0571-88881234'], ['057188881234', '0571-88881234'], ['010-12345678', '010-12345678'],
    ['12812345678', null], ['1381234567', null], ['138123456789', null], ['88881234', null], ['abc', null],
  ])('phone %j → %j', (input, expected) => expect(normalisePhone(input)).toBe(expected));

  it('collapses spaces and full-width characters', () => {
    expect(cellText('  张　三 ')).toBe('张 三');
    expect(cellText(null)).toBe('');
  });
});

describe('validateRow', () => {
  it('accepts a good row and normalises it', () => {
    const r = validateRow(row({ 公民身份号码: ' ' + ID.slice(0, 17).replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)) + ID[17]!.toLowerCase() + ' ', 入党日期: '2015.7.1', 转正日期: new Date(Date.UTC(2016, 6, 1)) }), RULES);
    expect(r.errors).toEqual([]);
    expect(r.draft).toMatchObject({ idNumber: ID, birthDate: '1990-05-12', joinedOn: '2015-07-01', fullMemberOn: '2016-07-01', gender: '男' });
  });

  it('accepts a lower-case x check character', () => {
    // find a sequence whose check character is X
    let id = '';
    for (let s = 100; s < 999 && !id; s++) {
      const f = '330102199005120' + String(s).slice(1);
      if (checkCharacter(f) === 'X') id = f + 'x';
    }
    const male = Number(id[16]) % 2 === 1;
    expect(validateRow(row({ 公民身份号码: id, 性别: male ? '男' : '女' }), RULES).errors).toEqual([]);
  });

  it.each([
    [{ 姓名: '' }, ['姓名:REQUIRED']],
    [{ 姓名: '张3' }, ['姓名:NAME_FORMAT']],
    [{ 性别: '' }, ['性别:REQUIRED']],
    [{ 性别: '男性' }, ['性别:GENDER_INVALID']],
    [{ 性别: '女' }, ['性别:GENDER_MISMATCH']],
    [{ 民族: '火星族' }, ['民族:ETHNICITY_INVALID']],
    [{ 公民身份号码: '' }, ['公民身份号码:REQUIRED']],
    [{ 公民身份号码: ID.slice(0, 17) }, ['公民身份号码:ID_FORMAT']],
    [{ 公民身份号码: ID.slice(0, 17) + (ID[17] === '0' ? '1' : '0') }, ['公民身份号码:ID_CHECK_DIGIT']],
    [{ 出生日期: '1990-05-13' }, ['出生日期:BIRTH_DATE_MISMATCH']],
    [{ 出生日期: '去年' }, ['出生日期:DATE_INVALID']],
    [{ 学历: '博士后' }, ['学历:EDUCATION_INVALID']],
    [{ 人员类别: '党员' }, ['人员类别:CATEGORY_INVALID']],
    [{ 入党日期: '' }, ['入党日期:REQUIRED']],
    [{ 人员类别: '预备党员', 入党日期: '2026-11-24', 转正日期: '' }, ['入党日期:JOINED_IN_FUTURE']],
    [{ 转正日期: '' }, ['转正日期:REQUIRED']],
    [{ 人员类别: '预备党员', 入党日期: '2026-01-01' }, ['转正日期:FULL_DATE_FOR_PROBATIONARY']],
    [{ 联系电话: '1234' }, ['联系电话:PHONE_FORMAT']],
    [{ 党组织编码: ' ' }, ['党组织编码:REQUIRED']],
    [{ 人员身份: '宇航员' }, ['人员身份:IDENTITY_INVALID']],
  ])('%j → %j', (over, expected) => expect(codes(over)).toEqual(expected));

  // Admission at 18 (development.minAge): born 1990-05-12 → 18 on 2008-05-12.
  it.each([
    ['2008-05-11', ['入党日期:JOINED_UNDER_AGE']],
    ['2008-05-12', []],
  ])('joined on %s → %j', (joined, expected) => {
    const full = String(Number(joined.slice(0, 4)) + 1) + joined.slice(4);
    expect(codes({ 入党日期: joined, 转正日期: full })).toEqual(expected);
  });

  // Probation of 1 year (development.probationYears), extendable by at most 1 year.
  it.each([
    ['2016-06-30', ['转正日期:FULL_DATE_TOO_EARLY']],
    ['2016-07-01', []],
    ['2017-07-01', []],
    ['2017-07-02', ['转正日期:FULL_DATE_TOO_LATE']],
  ])('full member on %s after joining 2015-07-01 → %j', (full, expected) => expect(codes({ 转正日期: full })).toEqual(expected));

  it.each([
    ['2024-11-23', []],
    ['2024-11-22', ['人员类别:PROBATION_OVERDUE']],
  ])('probationary member joined %s → %j', (joined, expected) =>
    expect(codes({ 人员类别: '预备党员', 入党日期: joined, 转正日期: '' })).toEqual(expected),
  );

  it('full member date in the future is refused', () => {
    expect(codes({ 入党日期: '2025-12-01', 转正日期: '2026-12-01' })).toEqual(['转正日期:FULL_DATE_IN_FUTURE']);
  });

  it('gives a Chinese message with the row number', () => {
    const e = validateRow({ ...row({ 联系电话: '12' }), row: 7 }, RULES).errors[0]!;
    expect(e).toMatchObject({ row: 7, column: '联系电话' });
    expect(e.message).toMatch(/^第7行：联系电话/);
  });
});

describe('cross-row and organisation checks', () => {
  it('names the first row of a duplicate', () => {
    const errs = findDuplicateIds([{ row: 2, idNumber: 'A' }, { row: 3, idNumber: 'B' }, { row: 5, idNumber: 'A' }]);
    expect(errs).toEqual([{ row: 5, column: '公民身份号码', code: 'DUPLICATE_IN_FILE', message: '第5行：公民身份号码与第2行重复' }]);
  });

  it.each([
    [undefined, 'ORG_NOT_FOUND'],
    [{ path: '/1/3/', kind: '党支部', status: 'active' }, 'ORG_OUT_OF_SCOPE'],
    [{ path: '/1/2/5/', kind: '党支部', status: 'dissolved' }, 'ORG_DISSOLVED'],
    [{ path: '/1/2/5/', kind: '党小组', status: 'active' }, 'ORG_NOT_BRANCH'],
    [{ path: '/1/2/5/', kind: '党支部', status: 'active' }, null],
  ])('org %j → %s', (org, code) => expect(checkImportOrg(2, 'X', org, '/1/2/')?.code ?? null).toBe(code));
});

describe('ID numbers saved as numbers by Excel', () => {
  it('are refused with a hint about the text format', () => {
    expect(codes({ 公民身份号码: 330102199005120000 })).toEqual(['公民身份号码:ID_NUMERIC']);
  });
});

describe('control characters and text limits (one set of limits with the API)', () => {
  it.each([
    ['NUL in the name', { 姓名: '张\u0000三' }, '姓名', 'NUL'],
    ['BEL in the address', { 家庭住址: '杭州市\u0007西湖区' }, '家庭住址', 'U+0007'],
    ['ESC in the work unit', { 工作单位: '\u001b[31m某单位' }, '工作单位', 'U+001B'],
    ['DEL in the organisation code', { 党组织编码: 'TA-1\u007f' }, '党组织编码', 'U+007F'],
  ])('%s is refused naming the row and the column', (_, over, column, what) => {
    const r = validateRow(row(over), RULES);
    expect(r.draft).toBeNull();
    expect(r.errors).toEqual([
      expect.objectContaining({ row: 2, column, code: 'CONTROL_CHAR', message: expect.stringContaining(`第2行：${column}含有不可见的控制字符（${what}，`) }),
    ]);
  });

  it('tab and line breaks are whitespace: normalised, not refused', () => {
    const r = validateRow(row({ 家庭住址: '杭州市\t西湖区\r\n文三路1号', 姓名: '张三\n' }), RULES);
    expect(r.errors).toEqual([]);
    expect(r.draft).toMatchObject({ name: '张三', address: '杭州市 西湖区 文三路1号' });
  });

  it('uses the profile API limits for every free-text column', () => {
    expect(IMPORT_TEXT_LIMITS).toMatchObject({
      籍贯: maxLengthOf(profileBody.shape.nativePlace),
      工作单位: maxLengthOf(profileBody.shape.workUnit),
      岗位: maxLengthOf(profileBody.shape.post),
      家庭住址: maxLengthOf(profileBody.shape.address),
      学位: maxLengthOf(profileBody.shape.degree),
    });
    expect(IMPORT_TEXT_LIMITS.家庭住址).toBe(200);
  });

  it.each([
    ['家庭住址', 200],
    ['工作单位', 100],
    ['籍贯', 50],
    ['岗位', 50],
  ] as const)('%s: %i characters pass, one more is refused with the limit', (column, max) => {
    expect(validateRow(row({ [column]: '路'.repeat(max) }), RULES).errors).toEqual([]);
    const r = validateRow(row({ [column]: '路'.repeat(max + 1) }), RULES);
    expect(r.draft).toBeNull();
    expect(r.errors).toEqual([
      { row: 2, column, code: 'TOO_LONG', message: `第2行：${column}不能超过${max}个字（现为${max + 1}个字）` },
    ]);
  });

  it('a 32,767-character address (an Excel cell full) is refused', () => {
    const r = validateRow(row({ 家庭住址: 'x'.repeat(32_767) }), RULES);
    expect(r.errors.map((e) => `${e.column}:${e.code}`)).toEqual(['家庭住址:TOO_LONG']);
    expect(r.errors[0]!.message).toContain('不能超过200个字');
  });

  it('an over-long name or organisation code is a length error, not a format error', () => {
    expect(codes({ 姓名: '张'.repeat(31) })).toEqual(['姓名:TOO_LONG']);
    expect(codes({ 党组织编码: 'A'.repeat(33) })).toEqual(['党组织编码:TOO_LONG']);
  });

  it('maxLengthOf reads strings and lists through optional/nullable/default wrappers', () => {
    expect(maxLengthOf(z.string().max(7).nullable().optional())).toBe(7);
    expect(maxLengthOf(z.array(z.number()).max(5).optional())).toBe(5);
    expect(() => maxLengthOf(z.string())).toThrow();
  });
});

describe('import jobs left running by a stopped process', () => {
  const here = {
    host: 'web1',
    pid: 4242,
    token: 'tok-now',
    now: new Date('2026-12-07T10:00:00Z'),
    alive: (pid: number) => pid === 4242 || pid === 777,
  };
  it.each([
    ['a row from before owners were recorded', null, '2026-12-07T09:59:00Z', true],
    ['this very process', 'web1 4242 tok-now', '2026-12-07T09:00:00Z', false],
    ['an earlier process that had the same pid', 'web1 4242 tok-old', '2026-12-07T09:59:00Z', true],
    ['a live process on this machine (a CLI beside the server)', 'web1 777 t', '2026-12-01T00:00:00Z', false],
    ['a dead process on this machine', 'web1 778 t', '2026-12-07T09:59:00Z', true],
    ['another machine, started 1 h ago', 'web2 55 t', '2026-12-07T09:00:00Z', false],
    ['another machine, started 2 h 1 min ago', 'web2 55 t', '2026-12-07T07:59:00Z', true],
    ['garbage owner on another machine, old', 'x', '2026-12-06T00:00:00Z', true],
  ])('%s → orphaned %s', (_, owner, createdAt, expected) =>
    expect(isOrphanedImportJob({ owner, createdAt }, here)).toBe(expected));
});
