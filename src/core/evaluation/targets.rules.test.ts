import { describe, expect, it } from 'vitest';
import { NATIONAL_RULEBOOK, ruleValue } from '../rulebook/rulebook.ts';
import {
  decideAssessmentOpen,
  targetGrade,
  targetScore,
  validateTargetItems,
  validateTargetWeights,
  type TargetThresholds,
  type TargetWeights,
  type TargetWindows,
} from './targets.rules.ts';

const book = NATIONAL_RULEBOOK;
const weights = ruleValue<TargetWeights>(book, 'evaluation.targets.weights');
const thresholds = ruleValue<TargetThresholds>(book, 'evaluation.targets.gradeThresholds');
const windows = ruleValue<TargetWindows>(book, 'evaluation.targets.assessmentWindows');
const maxItems = ruleValue<number>(book, 'evaluation.targets.maxItems');

describe('党员目标管理 weights', () => {
  it.each([
    ['the rulebook default', weights, null],
    ['custom 30/30/40', { self: 30, peer: 30, org: 40 }, null],
    ['not adding up to 100', { self: 30, peer: 30, org: 30 }, 'WEIGHTS_NOT_100'],
    ['a negative weight', { self: -10, peer: 60, org: 50 }, 'WEIGHT_INVALID'],
    ['a fraction', { self: 20.5, peer: 29.5, org: 50 }, 'WEIGHT_INVALID'],
    ['no organisation part', { self: 50, peer: 50, org: 0 }, 'ORG_WEIGHT_ZERO'],
  ])('%s', (_n, w, code) => {
    const d = validateTargetWeights(w);
    expect(d.ok ? null : d.code).toBe(code);
  });
});

describe('half-yearly combined score (default 自评20 / 互评30 / 组织50)', () => {
  it.each([
    ['all three parts', { self: 95, peer: 90, org: 88 }, 90],
    ['all full marks', { self: 100, peer: 100, org: 100 }, 100],
    ['self 80, peer 70, org 60', { self: 80, peer: 70, org: 60 }, 67],
    ['rounds half up to one decimal', { self: 91, peer: 87, org: 85 }, 86.8],
    ['no 自评: its weight goes to the others (30:50)', { self: null, peer: 90, org: 80 }, 83.8],
    ['no 互评: 20:50', { self: 100, peer: null, org: 86 }, 90],
    ['only 组织评价', { self: null, peer: null, org: 72 }, 72],
  ])('%s', (_n, parts, expected) => {
    expect(targetScore(parts, weights)).toBe(expected);
  });

  it('uses configured weights', () => {
    expect(targetScore({ self: 60, peer: 80, org: 100 }, { self: 0, peer: 50, org: 50 })).toBe(90);
  });
});

describe('等次 from the combined score (优秀≥90, 合格≥70, 基本合格≥60)', () => {
  it.each([
    [100, '优秀'],
    [90, '优秀'],
    [89.9, '合格'],
    [70, '合格'],
    [69.9, '基本合格'],
    [60, '基本合格'],
    [59.9, '不合格'],
    [0, '不合格'],
  ])('%s → %s', (score, grade) => {
    expect(targetGrade(score, thresholds)).toBe(grade);
  });
});

describe('assessment window', () => {
  it.each([
    ['上半年 before June', 'H1', '2026-05-31', 'ASSESSMENT_NOT_OPEN'],
    ['上半年 from 1 June', 'H1', '2026-06-01', null],
    ['上半年 later in the year', 'H1', '2026-11-20', null],
    ['下半年 in November', 'H2', '2026-11-30', 'ASSESSMENT_NOT_OPEN'],
    ['下半年 from 1 December', 'H2', '2026-12-01', null],
    ['下半年 next January', 'H2', '2027-01-15', null],
  ] as const)('%s', (_n, half, today, code) => {
    const d = decideAssessmentOpen(2026, half, today, windows);
    expect(d.ok ? null : d.code).toBe(code);
  });
});

describe('target items', () => {
  it.each([
    ['one item', [{ title: '按时交纳党费', detail: '' }], null],
    ['none', [], 'ITEMS_EMPTY'],
    [
      'a repeated title (after trimming)',
      [
        { title: '学习', detail: '' },
        { title: ' 学习 ', detail: '' },
      ],
      'ITEM_DUPLICATE',
    ],
    [
      'more than the maximum',
      Array.from({ length: maxItems + 1 }, (_, i) => ({ title: `目标${i}`, detail: '' })),
      'ITEMS_TOO_MANY',
    ],
  ])('%s', (_n, items, code) => {
    const d = validateTargetItems(items, maxItems);
    expect(d.ok ? null : d.code).toBe(code);
  });
});
