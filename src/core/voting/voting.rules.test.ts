import { describe, expect, it } from 'vitest';
import { NATIONAL_RULEBOOK, ruleValue } from '../rulebook/rulebook.ts';
import {
  type BallotMarks,
  isQuorumMet,
  MEMBER_SCHEME,
  percent,
  SECRETARY_SCHEME,
  tally,
  validateBallot,
  type QuorumRule,
} from './voting.rules.ts';

const quorum = ruleValue<QuorumRule>(NATIONAL_RULEBOOK, 'evaluation.voting.quorum');
const subjects = [
  { key: '1', label: '甲' },
  { key: '2', label: '乙' },
];

describe('voting rules', () => {
  it.each([
    ['exactly four fifths is not more than 4/5', 8, 10, false],
    ['one more than four fifths', 9, 10, true],
    ['everybody', 10, 10, true],
    ['just under with 5 expected (4 of 5)', 4, 5, false],
    ['all 5 of 5', 5, 5, true],
    ['nobody expected', 0, 0, false],
  ])('quorum: %s', (_n, cast, expected, met) => {
    expect(isQuorumMet(cast, expected, quorum)).toBe(met);
  });

  it.each([
    ['a valid ballot', { '1': '好', '2': '差' }, null],
    ['an empty ballot', {}, 'BALLOT_EMPTY'],
    ['someone outside the campaign', { '3': '好' }, 'BALLOT_SUBJECT_UNKNOWN'],
    ['a grade outside the scheme', { '1': '优秀' }, 'BALLOT_GRADE_INVALID'],
  ])('ballot validation: %s', (_n, marks, code) => {
    const d = validateBallot(SECRETARY_SCHEME, subjects, marks);
    if (code === null) expect(d.ok).toBe(true);
    else expect(d).toMatchObject({ ok: false, code, field: 'marks' });
  });

  it.each([
    [1, 3, 33.3],
    [2, 3, 66.7],
    [1, 8, 12.5],
    [0, 5, 0],
    [5, 0, 0],
  ])('percent(%i, %i) = %d', (part, whole, expected) => {
    expect(percent(part, whole)).toBe(expected);
  });

  it('tallies counts, percentages, abstentions, turnout and quorum', () => {
    const ballots: BallotMarks[] = [
      { '1': '好', '2': '一般' },
      { '1': '好' },
      { '1': '较好', '2': '一般' },
      { '1': '差', '2': '好' },
      { '1': '好', '2': '一般' },
    ];
    const t = tally(SECRETARY_SCHEME, subjects, ballots, 6, quorum);
    expect(t.cast).toBe(5);
    expect(t.turnoutPercent).toBe(83.3);
    expect(t.quorumMet).toBe(true);
    expect(t.subjects[0]).toMatchObject({
      counts: { 好: 3, 较好: 1, 一般: 0, 差: 1 },
      marked: 5,
      abstained: 0,
    });
    expect(t.subjects[0]!.percents).toEqual({ 好: 60, 较好: 20, 一般: 0, 差: 20 });
    expect(t.subjects[1]).toMatchObject({
      counts: { 好: 1, 较好: 0, 一般: 3, 差: 0 },
      marked: 4,
      abstained: 1,
    });
    expect(t.subjects[1]!.percents.一般).toBe(75);
    expect(tally(MEMBER_SCHEME, subjects, ballots.slice(0, 4), 5, quorum).quorumMet).toBe(false);
  });
});
