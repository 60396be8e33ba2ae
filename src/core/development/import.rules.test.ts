import { describe, expect, it } from 'vitest';
import { checkCharacter } from '../person/id-number.ts';
import { NATIONAL_RULEBOOK } from '../rulebook/rulebook.ts';
import { maxLengthOf } from '../roster/import.rules.ts';
import { createCandidateBody, recordStepBody } from './development.schemas.ts';
import {
  DEV_IMPORT_TEXT_LIMITS,
  importedStatus,
  parseDateList,
  resolveNames,
  validateDevRow,
  type DevImportColumn,
  type CellValue,
} from './import.rules.ts';
import { stepsOn } from './steps.ts';

const idOf = (birth: string, seq = 101) => {
  const first17 = `330102${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
};
const rules = { today: '2026-11-23', steps: stepsOn(NATIONAL_RULEBOOK, '2026-11-23') };
const base: Partial<Record<DevImportColumn, CellValue>> = {
  姓名: '陈申',
  公民身份号码: idOf('1998-04-12'),
  党组织编码: 'TA-1',
  递交申请书日期: '2024-09-02',
};
const run = (cells: Partial<Record<DevImportColumn, CellValue>>) =>
  validateDevRow({ row: 7, cells: { ...base, ...cells } }, rules);
const codes = (cells: Partial<Record<DevImportColumn, CellValue>>) =>
  run(cells).errors.map((e) => [e.column, e.code]);

describe('development import: one row', () => {
  it('accepts an applicant with the roster date formats', () => {
    for (const d of [
      '2024-09-02',
      '2024.9.2',
      '2024/9/2',
      '2024年9月2日',
      '20240902',
      '２０２４－０９－０２',
      new Date(Date.UTC(2024, 8, 2)),
      45537,
    ]) {
      const r = run({ 递交申请书日期: d });
      expect(r.errors, String(d)).toEqual([]);
      expect(r.draft!.steps).toEqual([
        { step: 1, doneOn: '2024-09-02', data: { imported: true }, materials: ['入党申请书'] },
      ]);
    }
  });

  it.each([
    ['empty name', { 姓名: '' }, [['姓名', 'REQUIRED']]],
    ['digits in the name', { 姓名: '陈2' }, [['姓名', 'NAME_FORMAT']]],
    ['bad check digit', { 公民身份号码: '330102199804121010' }, [['公民身份号码', 'ID_CHECK_DIGIT']]],
    ['ID saved as a number', { 公民身份号码: 330102199804121000 }, [['公民身份号码', 'ID_NUMERIC']]],
    ['no organisation code', { 党组织编码: ' ' }, [['党组织编码', 'REQUIRED']]],
    ['no application date', { 递交申请书日期: null }, [['递交申请书日期', 'REQUIRED']]],
    ['unreadable date', { 递交申请书日期: '去年九月' }, [['递交申请书日期', 'DATE_INVALID']]],
    ['impossible date', { 递交申请书日期: '2024-02-30' }, [['递交申请书日期', 'DATE_INVALID']]],
    ['future date', { 递交申请书日期: '2026-11-24' }, [['递交申请书日期', 'DATE_IN_FUTURE']]],
    [
      'two dates in a single-date column',
      { 谈话日期: '2024-09-10、2024-09-20', 谈话人: '李华' },
      [['谈话日期', 'DATE_INVALID']],
    ],
    ['talk without the talker', { 谈话日期: '2024-09-10' }, [['谈话人', 'REQUIRED']]],
    [
      'activist without the talk',
      { 确定积极分子日期: '2024-10-15', 推荐方式: '党员推荐' },
      [['确定积极分子日期', 'PREDECESSOR_MISSING']],
    ],
    [
      'unknown recommendation method',
      { 谈话日期: '2024-09-10', 谈话人: '李华', 确定积极分子日期: '2024-10-15', 推荐方式: '自荐' },
      [['推荐方式', 'OPTION_INVALID']],
    ],
    ['training days not a number', { 培训天数: '三天' }, [['培训天数', 'NUMBER_INVALID']]],
    [
      '12 without 9 and 10',
      { 支委会审查日期: '2025-01-01' },
      [
        ['支委会审查日期', 'PREDECESSOR_MISSING'],
        ['支委会审查日期', 'PREDECESSOR_MISSING'],
        ['支委会审查日期', 'PREDECESSOR_MISSING'],
      ],
    ],
  ])('refuses: %s', (_name, cells, expected) => {
    expect(codes(cells)).toEqual(expected);
    expect(run(cells).draft).toBeNull();
  });

  it('names the Excel row in every message', () => {
    expect(run({ 姓名: '' }).errors[0]).toMatchObject({ row: 7, message: '第7行：姓名不能为空' });
  });

  const through15: Partial<Record<DevImportColumn, CellValue>> = {
    谈话日期: '2024-09-20',
    谈话人: '李华',
    确定积极分子日期: '2024-10-15',
    推荐方式: '党员推荐',
    指定培养联系人日期: '2024-10-21',
    培养联系人: '张明',
    考察日期: '2025-03-10、2025.9.1',
    确定发展对象日期: '2025-10-15',
    发展对象公示开始日期: '2025-10-09',
    发展对象公示结束日期: '2025-10-14',
    确定入党介绍人日期: '2025-11-03',
    入党介绍人: '张明、李华',
    政治审查日期: '2025-12-01',
    政审结论: '合格',
    集中培训结业日期: '2025-12-10',
    培训天数: 3,
    支委会审查日期: '2026-01-05',
    上级党委预审日期: '2026-01-20',
    填写入党志愿书日期: '2026-01-26',
    支部大会日期: '2026-02-02',
    正式党员人数: 3,
    不计入应到会人数: 1,
    不计入应到会原因: '外出半年以上应转未转组织关系',
    实到人数: 2,
    赞成票: 2,
  };

  it('reads a pipeline up to the 支部大会, with several 考察 dates, names and the vote', () => {
    const r = run(through15);
    expect(r.errors).toEqual([]);
    const steps = r.draft!.steps;
    expect(steps.map((s) => s.step)).toEqual([1, 2, 3, 5, 6, 6, 7, 9, 10, 11, 12, 13, 14, 15]);
    expect(steps.filter((s) => s.step === 6).map((s) => s.doneOn)).toEqual(['2025-03-10', '2025-09-01']);
    expect(steps.find((s) => s.step === 9)!.people).toEqual({
      field: 'introducers',
      column: '入党介绍人',
      names: ['张明', '李华'],
    });
    expect(steps.find((s) => s.step === 15)!.data.vote).toEqual({
      fullMembers: 3,
      exclusions: [
        { name: '不计入应到会人员1', case: 'awayUntransferred', note: '外出半年以上应转未转组织关系' },
      ],
      present: 2,
      for: 2,
      against: 0,
      abstain: 0,
    });
    expect(importedStatus(steps)).toBe('发展对象');
  });

  it.each([
    ['vote counts above those present', { 赞成票: 2, 反对票: 1 }, [['赞成票', 'VOTE_COUNTS']]],
    ['more excluded than members', { 不计入应到会人数: 4 }, [['不计入应到会人数', 'VOTE_COUNTS']]],
    ['no count of those present', { 实到人数: null }, [['实到人数', 'REQUIRED']]],
    ['a fractional vote', { 赞成票: 1.5 }, [['赞成票', 'NUMBER_INVALID']]],
    ['ordinary leave as the exclusion', { 不计入应到会原因: '因事请假' }, [['不计入应到会原因', 'EXCLUSION_CASE']]],
    ['no exclusion case written', { 不计入应到会原因: null }, [['不计入应到会原因', 'EXCLUSION_CASE']]],
  ])('refuses a 支部大会 with %s', (_name, cells, expected) => {
    expect(codes({ ...through15, ...cells })).toEqual(expected);
  });

  it('accepts dates that break an interval: they are history, not errors', () => {
    // Talk 2 months after the application, 积极分子 only 6 months before 发展对象: the audit lists both.
    const r = run({ ...through15, 谈话日期: '2024-11-20', 确定积极分子日期: '2025-04-15' });
    expect(r.errors).toEqual([]);
    expect(r.draft).not.toBeNull();
  });

  it('an admitted 预备党员 (step 17) has that status', () => {
    expect(importedStatus([{ step: 1 }, { step: 15 }, { step: 17 }])).toBe('预备党员');
    expect(importedStatus([{ step: 1 }, { step: 3 }])).toBe('入党积极分子');
    expect(importedStatus([{ step: 1 }])).toBe('申请人');
  });
});

describe('development import: helpers', () => {
  it.each([
    ['2025-03-10、2025.9.1', ['2025-03-10', '2025-09-01'], null],
    ['2025-03-10, 2025-09-01；2026-01-02', ['2025-03-10', '2025-09-01', '2026-01-02'], null],
    ['2025年3月10日 2025年9月1日', ['2025-03-10', '2025-09-01'], null],
    ['2025-03-10、九月', [], '九月'],
    [null, [], null],
  ])('parseDateList(%s)', (cell, dates, bad) => {
    expect(parseDateList(cell)).toEqual({ dates, bad });
  });

  it('resolves names to exactly one branch member', () => {
    const people = [
      { personId: 1, name: '张明' },
      { personId: 2, name: '李华' },
      { personId: 3, name: '李华' },
      { personId: 1, name: '张明' },
    ];
    expect(resolveNames(5, '入党介绍人', ['张明'], people)).toEqual({ ids: [1], errors: [] });
    const r = resolveNames(5, '入党介绍人', ['李华', '王五'], people);
    expect(r.errors.map((e) => e.code)).toEqual(['PERSON_AMBIGUOUS', 'PERSON_NOT_FOUND']);
    expect(r.errors[1]!.message).toBe('第5行：入党介绍人“王五”不是该党支部的党员，请核对姓名');
  });
});

describe('development import: control characters and text limits (the API schemas)', () => {
  it('a NUL or another control character in a cell refuses the row, naming row and column', () => {
    const r = run({ 备注: '补录\u0000' });
    expect(r.draft).toBeNull();
    expect(r.errors).toEqual([
      expect.objectContaining({
        row: 7,
        column: '备注',
        code: 'CONTROL_CHAR',
        message: expect.stringContaining('第7行：备注含有不可见的控制字符（NUL，'),
      }),
    ]);
    expect(codes({ 姓名: '陈\u001f申' })).toEqual([['姓名', 'CONTROL_CHAR']]);
    expect(codes({ 备注: '第一行\n第二行\t完' })).toEqual([]);
  });

  it('takes its limits from the request schemas', () => {
    expect(DEV_IMPORT_TEXT_LIMITS).toMatchObject({
      谈话人: maxLengthOf(recordStepBody.shape.talker),
      政审结论: maxLengthOf(recordStepBody.shape.conclusion),
      超期审批原因: maxLengthOf(recordStepBody.shape.lateReason),
      备注: maxLengthOf(createCandidateBody.shape.note),
      公民身份号码: maxLengthOf(createCandidateBody.shape.idNumber),
    });
    expect(DEV_IMPORT_TEXT_LIMITS.谈话人).toBe(50);
  });

  it.each([
    ['备注', 500, {}],
    ['谈话人', 50, { 谈话日期: '2024-09-10' }],
  ] as const)('%s: %i characters pass, one more is refused with the limit (never cut)', (column, max, extra) => {
    const ok = run({ ...extra, [column]: '字'.repeat(max) });
    expect(ok.errors).toEqual([]);
    const r = run({ ...extra, [column]: '字'.repeat(max + 1) });
    expect(r.draft).toBeNull();
    expect(r.errors).toEqual([
      { row: 7, column, code: 'TOO_LONG', message: `第7行：${column}不能超过${max}个字（现为${max + 1}个字）` },
    ]);
  });

  it('政审结论 over the API limit is refused, not silently cut', () => {
    const conclusion = '合'.repeat(DEV_IMPORT_TEXT_LIMITS.政审结论! + 1);
    expect(codes({ 政审结论: conclusion })).toEqual([['政审结论', 'TOO_LONG']]);
  });

  it('培养联系人: each name within the name limit, at most as many as a step takes', () => {
    expect(codes({ 培养联系人: `李华、${'王'.repeat(51)}` })).toEqual([['培养联系人', 'TOO_LONG']]);
    expect(codes({ 入党介绍人: '甲一、乙二、丙三、丁四、戊五、己六' })).toEqual([['入党介绍人', 'TOO_MANY']]);
  });
});
