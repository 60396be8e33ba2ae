import { describe, expect, it } from 'vitest';
import { NATIONAL_RULEBOOK, ruleValue } from '../rulebook/rulebook.ts';
import {
  checkExcellentCap,
  compositeScore,
  decideAdvance,
  excellentCap,
  gradeOf,
  needsFollowUp,
  planDisposition,
  proposeFromFacts,
  vacancyIndicator,
  validateWeights,
  voteScore,
  type CompositeWeights,
  type GradePoints,
  type GradeThresholds,
} from './evaluation.rules.ts';

const book = NATIONAL_RULEBOOK;
const ratio = ruleValue<number>(book, 'evaluation.excellentMaxRatio');
const points = ruleValue<GradePoints>(book, 'evaluation.secretary.gradePoints');
const thresholds = ruleValue<GradeThresholds>(book, 'evaluation.secretary.gradeThresholds');
const weights = ruleValue<CompositeWeights>(book, 'evaluation.secretary.weights');
const rules = {
  correctionMinMonths: ruleValue<number>(book, 'evaluation.correction.minMonths'),
  correctionMaxMonths: ruleValue<number>(book, 'evaluation.correction.maxMonths'),
  noReadmissionYears: ruleValue<number>(book, 'evaluation.noReadmissionYears'),
};

describe('优秀 cap (1/3)', () => {
  it.each([
    ['3 of 9 is exactly a third', 3, 9, true],
    ['4 of 9 is over', 4, 9, false],
    ['3 of 10 is under', 3, 10, true],
    ['4 of 10 is over', 4, 10, false],
    ['1 of 3', 1, 3, true],
    ['1 of 2 is over (cap 0)', 1, 2, false],
    ['none of 2', 0, 2, true],
  ])('%s', (_n, excellent, members, allowed) => {
    expect(checkExcellentCap(excellent, members, ratio).ok).toBe(allowed);
  });
  it('cap of 12 members is 4', () => expect(excellentCap(12, ratio)).toBe(4));
});

describe('composite score and 等次', () => {
  it.each([
    ['weights summing to 100', { vote: 40, indicators: 30, comment: 30 }, true],
    ['weights summing to 99', { vote: 40, indicators: 30, comment: 29 }, false],
    ['weights summing to 101', { vote: 41, indicators: 30, comment: 30 }, false],
    ['a negative weight', { vote: 110, indicators: -10, comment: 0 }, false],
  ])('%s', (_n, w, valid) => expect(validateWeights(w).ok).toBe(valid));

  it('vote score is the average of grade points', () => {
    expect(voteScore({ 好: 3, 较好: 1, 一般: 0, 差: 1 }, points)).toBe((3 * 100 + 85 + 50) / 5);
    expect(voteScore({ 好: 0, 较好: 0, 一般: 0, 差: 0 }, points)).toBeNull();
  });

  it.each([
    [
      'all parts',
      { vote: 90, indicators: [{ key: 'a', title: 'a', score: 80, detail: '' }], comment: '好' as const },
      91,
    ],
    [
      'no indicator: its weight goes to the others',
      { vote: 80, indicators: [], comment: '较好' as const },
      81.9,
    ],
    [
      'no comment yet',
      { vote: 100, indicators: [{ key: 'a', title: 'a', score: 50, detail: '' }], comment: null },
      85.7,
    ],
    ['nothing at all', { vote: null, indicators: [], comment: null }, null],
  ])('composite: %s', (_n, parts, expected) => {
    expect(compositeScore(parts, weights, points)).toBe(expected);
  });

  it.each([
    [90, '好'],
    [89.9, '较好'],
    [80, '较好'],
    [79.9, '一般'],
    [65, '一般'],
    [64.9, '差'],
  ])('score %d → %s', (score, grade) => expect(gradeOf(score, thresholds)).toBe(grade));

  it.each([
    ['好', false],
    ['较好', false],
    ['一般', true],
    ['差', true],
    [null, false],
  ])('follow-up for %s: %s', (g, f) => expect(needsFollowUp(g)).toBe(f));

  it('vacancy indicator', () => {
    expect(vacancyIndicator(9, 10).score).toBe(90);
    expect(vacancyIndicator(0, 0).score).toBe(100);
  });
});

describe('不合格党员处置', () => {
  it.each([
    ['5 months is too short', 5, false],
    ['6 months', 6, true],
    ['12 months', 12, true],
    ['13 months is too long', 13, false],
  ])('限期改正 %s', (_n, months, valid) => {
    const d = planDisposition({ kind: '限期改正', decidedOn: '2026-01-15', months }, rules);
    expect(d.ok).toBe(valid);
    if (d.ok) expect(d.value.correctUntil).toBe(months === 6 ? '2026-07-15' : '2027-01-15');
    else expect(d.field).toBe('months');
  });
  it('劝其退党 carries the 5-year no-readmission marker', () => {
    const d = planDisposition({ kind: '劝其退党', decidedOn: '2026-03-01' }, rules);
    expect(d).toMatchObject({
      ok: true,
      value: { noReadmissionUntil: '2031-03-01', needsUpperApproval: false },
    });
  });
  it.each([
    ['no vote', undefined, false],
    ['exactly half', { for: 5, present: 10 }, false],
    ['more than half', { for: 6, present: 10 }, true],
  ])('除名 needs a branch vote: %s', (_n, branchVote, valid) => {
    const d = planDisposition({ kind: '除名', decidedOn: '2026-03-01', branchVote }, rules);
    expect(d.ok).toBe(valid);
    if (d.ok) expect(d.value.needsUpperApproval).toBe(true);
  });
  it.each([
    [
      'lost contact 6 months ago',
      { lostContactSince: '2026-05-23', lastOrgLifeOn: '2026-11-01', lastDuesOn: '2026-11-01' },
      '停止党籍',
    ],
    [
      'lost contact a day short of 6 months',
      { lostContactSince: '2026-05-24', lastOrgLifeOn: '2026-11-01', lastDuesOn: '2026-11-01' },
      null,
    ],
    [
      'no dues for 6 months',
      { lostContactSince: null, lastOrgLifeOn: '2026-11-01', lastDuesOn: '2026-05-23' },
      '按自行脱党处理',
    ],
    [
      'dues a day short of 6 months',
      { lostContactSince: null, lastOrgLifeOn: '2026-11-01', lastDuesOn: '2026-05-24' },
      null,
    ],
    [
      'no dues record kept by the platform: dues not judged',
      { lostContactSince: null, lastOrgLifeOn: '2026-11-01' },
      null,
    ],
    [
      'last attended 6 months ago and absent since',
      { lostContactSince: null, lastOrgLifeOn: '2026-05-23', absencesInWindow: 3 },
      '按自行脱党处理',
    ],
    [
      'last attended a day short of 6 months',
      { lostContactSince: null, lastOrgLifeOn: '2026-05-24', absencesInWindow: 3 },
      null,
    ],
    [
      'nothing attended, but the branch held nothing either (no absence)',
      { lostContactSince: null, lastOrgLifeOn: '2026-01-10', absencesInWindow: 0 },
      null,
    ],
    [
      'never attended since joining 7 months ago, absent',
      { lostContactSince: null, lastOrgLifeOn: null, memberSince: '2026-04-20', absencesInWindow: 4 },
      '按自行脱党处理',
    ],
    [
      'never attended but joined only 3 months ago',
      { lostContactSince: null, lastOrgLifeOn: null, memberSince: '2026-08-20', absencesInWindow: 2 },
      null,
    ],
    [
      'attended long ago in another branch, joined this one recently',
      {
        lostContactSince: null,
        lastOrgLifeOn: '2025-01-10',
        memberSince: '2026-09-01',
        absencesInWindow: 1,
      },
      null,
    ],
    [
      'lost contact wins over inactivity',
      { lostContactSince: '2026-01-01', lastOrgLifeOn: null, absencesInWindow: 5 },
      '停止党籍',
    ],
  ])('proposal: %s', (_n, facts, proposal) => {
    const out = proposeFromFacts([{ personId: 1, name: '某', ...facts }], '2026-11-23', 6, 6);
    expect(out[0]?.proposal ?? null).toBe(proposal);
  });
});

describe('党费 arrears → 自行脱党 proposal', () => {
  const active = { lostContactSince: null, lastOrgLifeOn: '2026-11-01', absencesInWindow: 0 };
  it.each<[string, number | undefined, number]>([
    ['6 unpaid months in a row', 6, 1],
    ['7 unpaid months in a row', 7, 1],
    ['5 unpaid months in a row', 5, 0],
    ['none unpaid', 0, 0],
    ['dues not judged', undefined, 0],
  ])('%s → %s proposal(s)', (_n, duesUnpaidMonths, count) => {
    const out = proposeFromFacts(
      [{ personId: 1, name: '某', ...active, duesUnpaidMonths }],
      '2026-11-23',
      6,
      6,
      6,
    );
    expect(out).toHaveLength(count);
    if (count)
      expect(out[0]).toMatchObject({ proposal: '按自行脱党处理', reason: expect.stringContaining('党费') });
  });

  it('dues and organisational life both stale: exactly one proposal naming both', () => {
    const out = proposeFromFacts(
      [
        {
          personId: 1,
          name: '某',
          lostContactSince: null,
          lastOrgLifeOn: '2026-03-01',
          absencesInWindow: 2,
          duesUnpaidMonths: 8,
        },
      ],
      '2026-11-23',
      6,
      6,
      6,
    );
    expect(out).toHaveLength(1);
    expect(out[0]!.reason).toContain('组织生活');
    expect(out[0]!.reason).toContain('连续8个月未交纳党费');
  });
});

describe('民主评议 stages', () => {
  it.each([
    ['study → self', 'study', 'self', true],
    ['self → vote', 'self', 'vote', true],
    ['skipping 自评', 'study', 'vote', false],
    ['going back', 'assess', 'vote', false],
  ] as const)('%s', (_n, from, to, ok) => expect(decideAdvance(from, to).ok).toBe(ok));
});
