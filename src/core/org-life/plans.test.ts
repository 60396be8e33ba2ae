import { describe, expect, it } from 'vitest';
import { NATIONAL_RULEBOOK } from '../rulebook/rulebook.ts';
import type { MeetingType } from './meeting-types.ts';
import {
  HELD,
  HELD_LATE,
  NOT_DUE,
  NOT_HELD,
  isPlanPeriod,
  planGaps,
  planText,
  planVsActual,
  type PlanItem,
} from './plans.ts';

const book = NATIONAL_RULEBOOK;
const pad = (n: number) => String(n).padStart(2, '0');
const monthly = (type: MeetingType, months: number[]): PlanItem[] =>
  months.map((m) => ({ period: `2026-${pad(m)}`, type, theme: `${m}月${type}` }));
const quarterly = (type: MeetingType, qs: number[]): PlanItem[] =>
  qs.map((q) => ({ period: `2026-Q${q}`, type, theme: `第${q}季度${type}` }));
const all12 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

describe('planGaps (frequencies from the rulebook)', () => {
  it.each<[string, MeetingType[], PlanItem[], string[]]>([
    ['12 monthly 主题党日 cover the year', ['主题党日'], monthly('主题党日', all12), []],
    [
      '11 monthly 主题党日 lack one month',
      ['主题党日'],
      monthly(
        '主题党日',
        all12.filter((m) => m !== 7),
      ),
      ['主题党日 2026-07'],
    ],
    [
      'a quarter item does not stand for a month',
      ['主题党日'],
      [...monthly('主题党日', all12.slice(1)), ...quarterly('主题党日', [1])],
      ['主题党日 2026-01'],
    ],
    [
      '4 quarterly 支部党员大会 cover the year',
      ['支部党员大会'],
      quarterly('支部党员大会', [1, 2, 3, 4]),
      [],
    ],
    [
      'a month item counts for its quarter',
      ['党课'],
      [...quarterly('党课', [1, 2, 3]), ...monthly('党课', [11])],
      [],
    ],
    ['a missing quarter of 党课', ['党课'], quarterly('党课', [1, 2, 4]), ['党课 2026-Q3']],
    ['组织生活会 once a year, any month', ['组织生活会'], monthly('组织生活会', [12]), []],
    ['no 组织生活会 at all', ['组织生活会'], [], ['组织生活会 2026']],
    ['types not asked for are not checked', ['主题党日'], monthly('主题党日', all12), []],
    [
      'an empty plan lacks everything',
      ['支部党员大会', '组织生活会'],
      [],
      [
        '支部党员大会 2026-Q1',
        '支部党员大会 2026-Q2',
        '支部党员大会 2026-Q3',
        '支部党员大会 2026-Q4',
        '组织生活会 2026',
      ],
    ],
  ])('%s', (_, types, items, expected) => {
    expect(planGaps(book, 2026, types, items).map((g) => `${g.type} ${g.period}`)).toEqual(expected);
  });

  it('a gap says how many were planned and how many are required', () => {
    expect(planGaps(book, 2026, ['主题党日'], monthly('主题党日', [1]))[0]).toEqual({
      type: '主题党日',
      period: '2026-02',
      planned: 0,
      required: 1,
    });
  });
});

describe('isPlanPeriod', () => {
  it.each([
    ['2026-01', true],
    ['2026-Q4', true],
    ['2026', false],
    ['2027-01', false],
    ['2026-13', false],
  ])('%s in 2026 → %s', (key, ok) => expect(isPlanPeriod(key, 2026)).toBe(ok));
});

describe('planVsActual', () => {
  const items: PlanItem[] = [
    { period: '2026-03', type: '主题党日', theme: '学雷锋' },
    { period: '2026-04', type: '主题党日', theme: '清明祭扫' },
    { period: '2026-Q2', type: '支部党员大会', theme: '半年工作' },
    { period: '2026-05', type: '主题党日', theme: '劳动节' },
    { period: '2026-12', type: '主题党日', theme: '年终' },
  ];
  it('held in period, held late, not held and not yet due', () => {
    const r = planVsActual(
      2026,
      items,
      [
        { id: 1, type: '主题党日', heldOn: '2026-03-20' },
        { id: 2, type: '主题党日', heldOn: '2026-06-02' },
        { id: 3, type: '支部党员大会', heldOn: '2026-05-10' },
        { id: 9, type: '党课', heldOn: '2026-05-11' },
      ],
      '2026-11-23',
    );
    expect(r.map((x) => [x.outcome, x.meetingId])).toEqual([
      [HELD, 1],
      [HELD_LATE, 2],
      [HELD, 3],
      [NOT_HELD, null],
      [NOT_DUE, null],
    ]);
  });
  it('one meeting never matches two items; a meeting of another year does not count', () => {
    const r = planVsActual(
      2026,
      items.slice(0, 2),
      [
        { id: 1, type: '主题党日', heldOn: '2026-04-05' },
        { id: 2, type: '主题党日', heldOn: '2027-01-05' },
      ],
      '2027-02-01',
    );
    expect(r.map((x) => x.outcome)).toEqual([NOT_HELD, HELD]);
  });
});

it('planText joins the themes in period order', () => {
  expect(
    planText([
      { period: '2026-02', type: '主题党日', theme: '乙' },
      { period: '2026-01', type: '主题党日', theme: '甲' },
    ]),
  ).toBe('甲；乙');
});
