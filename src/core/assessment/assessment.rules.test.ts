import { describe, expect, it } from 'vitest';
import { ASSESSMENT_RULES } from '../rulebook/assessment.rules-data.ts';
import {
  rankByTotal,
  scoreOf,
  totalOf,
  validateManual,
  validateWeights,
  withWeights,
} from './assessment.rules.ts';
import type { AssessIndicatorDef, ScoringRule } from './assessment.types.ts';

const LIB = (level: string) =>
  ASSESSMENT_RULES.find((r) => r.id === `assessment.indicators.${level}`)!.value as AssessIndicatorDef[];

describe('indicator library (rulebook defaults)', () => {
  it.each(['township', 'branch'])(
    '%s: weights sum to 100, pending indicators weigh 0, keys unique',
    (level) => {
      const lib = LIB(level);
      expect(lib.reduce((s, d) => s + d.weight, 0)).toBe(100);
      expect(lib.filter((d) => d.rule.type === 'pending').every((d) => d.weight === 0)).toBe(true);
      expect(new Set(lib.map((d) => d.key)).size).toBe(lib.length);
      expect(
        validateWeights(
          lib,
          lib.map((d) => ({ key: d.key, weight: d.weight })),
        ).ok,
      ).toBe(true);
    },
  );
});

// One row per computed indicator's scoring rule, with its default township weight.
const rate: ScoringRule = { type: 'rate' };
const dev: ScoringRule = { type: 'deduction', perUnit: 2 };
describe('scoreOf', () => {
  it.each<[string, ScoringRule, number, number | null, number]>([
    ['组织生活达标率 75% of 20', rate, 20, 75, 15],
    ['组织生活达标率 nothing due → full', rate, 20, null, 20],
    ['按期换届 33.3% of 10', rate, 10, 33.3, 3.33],
    ['书记配备 66.7% of 10', rate, 10, 66.7, 6.67],
    ['书记配备 100% of 10', rate, 10, 100, 10],
    ['整改按期完成 50% of 15', rate, 15, 50, 7.5],
    ['整改按期完成 33.3% of 15 rounds half up (4.995 → 5)', rate, 15, 33.3, 5],
    ['整改按期完成 0% of 15', rate, 15, 0, 0],
    ['承诺按期点评 nothing due → full', rate, 10, null, 10],
    ['任务按时报送 80% of 15', rate, 15, 80, 12],
    ['任务按时报送 above 100 is capped', rate, 15, 120, 15],
    ['发展党员违规 none', dev, 10, 0, 10],
    ['发展党员违规 1 → −2', dev, 10, 1, 8],
    ['发展党员违规 3 → −6', dev, 10, 3, 4],
    ['发展党员违规 floor 0', dev, 10, 7, 0],
    ['发展党员违规 nothing measured', dev, 10, null, 10],
    ['特色工作 entered 4 of 5', { type: 'manual' }, 5, 4, 4],
    ['特色工作 not yet scored', { type: 'manual' }, 5, null, 0],
    ['特色工作 above weight capped', { type: 'manual' }, 5, 9, 5],
    ['督查发现问题 2 → −2', { type: 'deduction', perUnit: 1 }, 5, 2, 3],
    ['督查发现问题 floor 0', { type: 'deduction', perUnit: 1 }, 5, 9, 0],
    ['党费 pending', { type: 'pending' }, 0, null, 0],
  ])('%s', (_name, rule, weight, value, expected) => {
    expect(scoreOf(rule, weight, value)).toBe(expected);
  });
});

describe('totalOf and rankByTotal', () => {
  it('sums the rounded points', () => {
    expect(totalOf([{ score: 3.33 }, { score: 6.67 }, { score: 7.5 }])).toBe(17.5);
  });
  it.each<[string, number[], number[]]>([
    ['distinct', [80, 90, 70], [2, 1, 3]],
    ['tie shares the rank, the next skips (1, 1, 3)', [90, 90, 70], [1, 1, 3]],
    ['tie at the bottom', [90, 70, 70], [1, 2, 2]],
    ['all equal', [50, 50, 50], [1, 1, 1]],
  ])('%s', (_name, totals, ranks) => {
    const rows = totals.map((t, i) => ({ i, t }));
    const ranked = rankByTotal(rows, (r) => r.t);
    expect(rows.map((r) => ranked.find((x) => x.row === r)!.rank)).toEqual(ranks);
  });
});

describe('validateWeights', () => {
  const lib = LIB('township');
  const defaults = lib.map((d) => ({ key: d.key, weight: d.weight }));
  it.each<[string, Array<{ key: string; weight: number }>, string | null]>([
    ['defaults', defaults, null],
    [
      'sum 95',
      defaults.map((w) => (w.key === 'lifeCompliance' ? { ...w, weight: 15 } : w)),
      '各项指标权重之和须为100（当前为95）',
    ],
    [
      'sum 110',
      defaults.map((w) => (w.key === 'lifeCompliance' ? { ...w, weight: 30 } : w)),
      '各项指标权重之和须为100（当前为110）',
    ],
    ['missing one', defaults.filter((w) => w.key !== 'satisfaction'), '缺少指标“群众满意度”的权重'],
    ['unknown key', [...defaults, { key: 'nope', weight: 0 }], '第13项指标不在本年度指标库中'],
    [
      'pending given weight',
      defaults.map((w) =>
        w.key === 'duesOnTime' ? { ...w, weight: 5 } : w.key === 'lifeCompliance' ? { ...w, weight: 15 } : w,
      ),
      '指标“党费按时交纳”所需模块尚未上线，权重须为0',
    ],
  ])('%s', (_name, weights, message) => {
    const d = validateWeights(lib, weights);
    expect(d.ok ? null : d.message).toBe(message);
  });
  it('withWeights applies a stored set', () => {
    const w = withWeights(
      lib,
      defaults.map((x) => (x.key === 'featureWork' ? { ...x, weight: 9 } : x)),
    );
    expect(w.find((d) => d.key === 'featureWork')!.weight).toBe(9);
  });
});

describe('validateManual', () => {
  const lib = LIB('branch');
  const feature = lib.find((d) => d.key === 'featureWork');
  it.each<[string, AssessIndicatorDef | undefined, number, string, string | null]>([
    ['ok', feature, 4, '打造“红色驿站”服务品牌', null],
    ['empty evidence', feature, 4, '   ', '指标“特色工作”须填写评分依据（佐证材料）'],
    ['over weight', feature, 6, '有佐证', '指标“特色工作”的得分须在0到5分之间'],
    [
      'computed indicator',
      lib.find((d) => d.key === 'lifeCompliance'),
      4,
      '有佐证',
      '指标“组织生活达标率”由平台数据自动计算，不能人工评分',
    ],
    ['unknown', undefined, 1, '有佐证', '该指标不在本年度指标库中'],
  ])('%s', (_name, def, score, evidence, message) => {
    const d = validateManual(def, score, evidence);
    expect(d.ok ? null : d.message).toBe(message);
  });
});
