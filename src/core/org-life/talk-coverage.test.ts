import { describe, expect, it } from 'vitest';
import { NATIONAL_RULEBOOK, ruleValue } from '../rulebook/rulebook.ts';
import {
  requiredTalkPairs,
  talkPairCoverage,
  type CommitteeSeat,
  type TalkPairRule,
  type TalkPerson,
} from './talk-coverage.ts';

const p = (personId: number, name = `P${personId}`): TalkPerson => ({ personId, name });
const seat = (personId: number, post: string): CommitteeSeat => ({ ...p(personId), post });
const committee = [seat(1, '书记'), seat(2, '组织委员'), seat(3, '宣传委员')];
// Members of the branch: the committee are members too.
const members = [p(1), p(2), p(3), p(4), p(5)];
const ALL: TalkPairRule = { committeeEachOther: true, committeeWithMembers: 'all' };
const pairs = (rule: TalkPairRule, c = committee, m = members) =>
  requiredTalkPairs(rule, c, m).map((x) => `${x.a.personId}-${x.b.personId}`);

describe('谈心谈话 pairs', () => {
  it('the national rule: committee with each other and with every member', () => {
    expect(ruleValue<TalkPairRule>(NATIONAL_RULEBOOK, 'orgLife.talks.pairs', '2026-01-01')).toEqual(ALL);
  });

  it.each<[string, TalkPairRule, string[]]>([
    // 3 committee pairs + 3 committee × 2 other members.
    ['all', ALL, ['1-2', '1-3', '1-4', '1-5', '2-3', '2-4', '2-5', '3-4', '3-5']],
    [
      'secretary with members only',
      { committeeEachOther: true, committeeWithMembers: 'secretary' },
      ['1-2', '1-3', '1-4', '1-5', '2-3'],
    ],
    ['committee among themselves only', { committeeEachOther: false, committeeWithMembers: 'none' }, []],
    [
      'no committee pairs, all with members',
      { committeeEachOther: false, committeeWithMembers: 'all' },
      ['1-2', '1-3', '1-4', '1-5', '2-3', '2-4', '2-5', '3-4', '3-5'],
    ],
  ])('%s', (_name, rule, expected) => {
    expect(pairs(rule)).toEqual(expected);
  });

  it.each<[string, CommitteeSeat[], TalkPerson[], number]>([
    ['no committee: nothing is required', [], members, 0],
    ['a one-person committee (书记 only) talks with each other member', [seat(1, '书记')], members, 4],
    [
      'one person holding two posts counts once',
      [seat(1, '书记'), seat(1, '纪检委员'), seat(2, '组织委员')],
      [p(1), p(2), p(3)],
      3,
    ],
    [
      'a committee member outside the member list still talks with the members',
      [seat(9, '书记')],
      [p(1), p(2)],
      2,
    ],
    ['no members, two committee members: their own pair', [seat(1, '书记'), seat(2, '委员')], [], 1],
  ])('%s', (_name, c, m, n) => {
    expect(requiredTalkPairs(ALL, c, m)).toHaveLength(n);
  });

  it('a talk covers its pair in either direction; talks outside the required pairs do not count', () => {
    const cov = talkPairCoverage(ALL, committee, members, [
      { talker: 1, talkee: 2 },
      { talker: 4, talkee: 3 },
      { talker: 2, talkee: 1 },
      { talker: 4, talkee: 5 },
    ]);
    expect(cov).toMatchObject({ required: 9, covered: 2 });
    expect(cov.missing.map((x) => `${x.a.name}-${x.b.name}`)).toEqual([
      'P1-P3',
      'P1-P4',
      'P1-P5',
      'P2-P3',
      'P2-P4',
      'P2-P5',
      'P3-P5',
    ]);
  });

  it('every pair talked: nothing missing', () => {
    const talks = requiredTalkPairs(ALL, committee, members).map((x) => ({
      talker: x.b.personId,
      talkee: x.a.personId,
    }));
    expect(talkPairCoverage(ALL, committee, members, talks)).toEqual({
      required: 9,
      covered: 9,
      missing: [],
    });
  });
});
