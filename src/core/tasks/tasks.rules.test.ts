import { describe, expect, it } from 'vitest';
import { NATIONAL_RULES } from '../rulebook/national.ts';
import { buildRulebook, ruleValue } from '../rulebook/rulebook.ts';
import { validateFormSheet, type FormColumn } from './task-form.rules.ts';
import {
  capCheck,
  capRuleId,
  capWarning,
  decideDeadline,
  decideTargets,
  onTimeCounts,
  reminderFor,
  targetStatus,
  type TargetState,
} from './tasks.rules.ts';

describe('report status of a target (China dates; on the deadline = on time)', () => {
  it.each<[TargetState, string | null, string, string]>([
    ['pending', null, '2026-11-29', 'pending'],
    ['pending', null, '2026-11-30', 'pending'], // deadline day: still time
    ['pending', null, '2026-12-01', 'overdue'],
    ['submitted', '2026-11-30', '2026-12-05', 'on_time'], // reported on the deadline
    ['submitted', '2026-11-20', '2026-11-21', 'on_time'],
    ['submitted', '2026-12-01', '2026-12-05', 'late'],
    ['returned', null, '2026-11-25', 'pending'], // returned: must report again
    ['returned', null, '2026-12-02', 'overdue'],
  ])('%s reported %s, today %s → %s', (state, submittedOn, today, want) => {
    expect(targetStatus({ deadline: '2026-11-30', state, submittedOn }, today)).toBe(want);
  });
});

describe('targets must sit strictly inside the issuer subtree', () => {
  const issuer = '/1/2/';
  it.each<[string, Array<{ path: string; active: boolean }>, string | null]>([
    ['children', [{ path: '/1/2/5/', active: true }], null],
    ['deep branch', [{ path: '/1/2/5/9/', active: true }], null],
    ['the issuer itself', [{ path: '/1/2/', active: true }], 'TARGET_OUT_OF_SCOPE'],
    ['a sibling', [{ path: '/1/3/', active: true }], 'TARGET_OUT_OF_SCOPE'],
    ['the parent', [{ path: '/1/', active: true }], 'TARGET_OUT_OF_SCOPE'],
    ['a prefix look-alike', [{ path: '/1/20/', active: true }], 'TARGET_OUT_OF_SCOPE'],
    ['dissolved', [{ path: '/1/2/5/', active: false }], 'TARGET_DISSOLVED'],
    ['none', [], 'NO_TARGETS'],
  ])('%s', (_n, targets, code) => {
    const d = decideTargets(issuer, targets);
    expect(d.ok ? null : d.code).toBe(code);
    if (code === 'TARGET_OUT_OF_SCOPE' && !d.ok) expect(d.message).toBe('任务下达范围超出本组织管理范围');
  });
});

describe('deadline', () => {
  it.each([
    ['2026-11-23', null],
    ['2026-11-22', 'DEADLINE_PAST'],
    ['2026-02-30', 'BAD_DEADLINE'],
  ])('%s', (deadline, code) => {
    const d = decideDeadline(deadline, '2026-11-23');
    expect(d.ok ? null : d.code).toBe(code);
  });
});

describe('减负 monthly cap (rulebook)', () => {
  const book = buildRulebook('national', NATIONAL_RULES);
  it.each([
    ['top', 'task', 8],
    ['top', 'report', 4],
    ['lower', 'task', 6],
    ['lower', 'report', 3],
  ] as const)('%s %s cap is %i', (level, kind, cap) => {
    expect(ruleValue<number>(book, capRuleId(level, kind), '2026-11-23')).toBe(cap);
  });
  it.each([
    [0, 3, false, 1],
    [2, 3, false, 3],
    [3, 3, true, 4],
    [7, 3, true, 8],
  ])('%i issued before, cap %i → over %s', (before, cap, over, count) => {
    expect(capCheck(before, cap)).toEqual({ count, cap, over });
  });
  it('warns in the words of the dialog', () =>
    expect(capWarning(capCheck(3, 3))).toBe('本月已下达4项，超过减负上限3项，确定继续？'));
});

describe('reminders', () => {
  it.each([
    ['pending', '2026-11-26', null], // 4 days left: not yet
    ['pending', '2026-11-27', 'soon'],
    ['pending', '2026-11-30', 'soon'],
    ['pending', '2026-11-20', null],
    ['overdue', '2026-12-01', 'overdue'],
    ['on_time', '2026-11-29', null],
    ['late', '2026-12-03', null],
  ] as const)('%s on %s → %s', (status, today, want) => {
    expect(reminderFor({ deadline: '2026-11-30', status }, today, 3)).toBe(want);
  });
});

describe('on-time counts', () => {
  it('counts only targets due by the date, on time when reported by the deadline', () => {
    expect(
      onTimeCounts(
        [
          { deadline: '2026-10-31', submittedOn: '2026-10-31' },
          { deadline: '2026-10-31', submittedOn: '2026-11-02' },
          { deadline: '2026-10-31', submittedOn: null },
          { deadline: '2026-12-31', submittedOn: '2026-11-01' },
        ],
        '2026-11-23',
      ),
    ).toEqual({ onTime: 1, due: 3 });
  });
});

describe('Excel form validation (all-or-nothing, row and column named)', () => {
  const columns: FormColumn[] = [
    { name: '支部名称', type: 'text', required: true },
    { name: '参学人数', type: 'number', required: true },
    { name: '开展日期', type: 'date', required: false },
  ];
  const header = ['支部名称', '参学人数', '开展日期'];
  it('parses good rows (numbers as text, dates as Date or text)', () => {
    const r = validateFormSheet(columns, header, [
      { row: 2, cells: ['东村党支部', 23, new Date('2026-11-20T00:00:00Z')] },
      { row: 3, cells: ['西村党支部', '18', '2026/11/21'] },
      { row: 4, cells: [null, null, null] },
    ]);
    expect(r).toEqual({
      ok: true,
      rows: [
        { 支部名称: '东村党支部', 参学人数: 23, 开展日期: '2026-11-20' },
        { 支部名称: '西村党支部', 参学人数: 18, 开展日期: '2026-11-21' },
      ],
    });
  });
  it.each<[string, unknown[], string]>([
    ['missing number', ['东村党支部', null, null], '第2行“参学人数”列：不能为空'],
    ['not a number', ['东村党支部', '二十', null], '第2行“参学人数”列：应填数字'],
    ['bad date', ['东村党支部', 3, '11月20日'], '第2行“开展日期”列：应填日期（如2026-12-01）'],
  ])('%s', (_n, cells, message) => {
    const r = validateFormSheet(columns, header, [{ row: 2, cells: cells as never }]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.message)).toEqual([message]);
  });
  it('a missing header column is named', () => {
    const r = validateFormSheet(columns, ['支部名称', '开展日期'], [{ row: 2, cells: ['东村', null] }]);
    expect(r.ok ? [] : r.errors.map((e) => e.message)).toEqual(['表头缺少“参学人数”列']);
  });
  it('no data rows', () => {
    const r = validateFormSheet(columns, header, []);
    expect(r.ok ? [] : r.errors.map((e) => e.message)).toEqual(['报表没有数据行']);
  });
});
