// The one ballot engine's pure rules: grade schemes, ballot validation, tally, turnout, quorum.
import { ok, refuse, type Decision } from '../shared/result.ts';

/** 民主测评 grades for secretaries' 述职评议. */
export const SECRETARY_SCHEME = ['好', '较好', '一般', '差'] as const;
/** 民主评议党员 grades. */
export const MEMBER_SCHEME = ['优秀', '合格', '基本合格', '不合格'] as const;

export interface BallotSubject {
  /** Stable key of what is rated (e.g. a campaign subject id). */
  key: string;
  label: string;
}

/** One ballot: a grade per subject; unmarked subjects are abstentions. */
export type BallotMarks = Record<string, string>;

export function validateBallot(
  scheme: readonly string[],
  subjects: readonly BallotSubject[],
  marks: BallotMarks,
): Decision<BallotMarks> {
  const keys = Object.keys(marks);
  if (keys.length === 0) return refuse('BALLOT_EMPTY', '选票未填写任何评价', 'marks');
  const known = new Set(subjects.map((s) => s.key));
  for (const key of keys) {
    if (!known.has(key))
      return refuse('BALLOT_SUBJECT_UNKNOWN', `选票评价了不在本次测评范围内的对象（${key}）`, 'marks');
    const grade = marks[key]!;
    if (!scheme.includes(grade))
      return refuse(
        'BALLOT_GRADE_INVALID',
        `等次“${grade}”不在本次测评的等次（${scheme.join('/')}）之内`,
        'marks',
      );
  }
  return ok(marks);
}

export interface SubjectTally {
  key: string;
  label: string;
  counts: Record<string, number>;
  /** Percentages of the marks this subject received, one decimal. */
  percents: Record<string, number>;
  marked: number;
  abstained: number;
}

export interface Tally {
  cast: number;
  expected: number;
  /** cast / expected, percent with one decimal (0 when nobody is expected). */
  turnoutPercent: number;
  quorumMet: boolean;
  subjects: SubjectTally[];
}

/** Percent with one decimal, half-up, in integer arithmetic. */
export function percent(part: number, whole: number): number {
  if (whole <= 0) return 0;
  return Math.floor((part * 2000 + whole) / (2 * whole)) / 10;
}

export interface QuorumRule {
  numerator: number;
  denominator: number;
  /** true: more than the fraction (超过); false: at least. */
  strict: boolean;
}

/** Quorum computed from the expected voters, never left to the user to judge. */
export function isQuorumMet(cast: number, expected: number, rule: QuorumRule): boolean {
  if (expected <= 0) return false;
  const lhs = cast * rule.denominator;
  const rhs = expected * rule.numerator;
  return rule.strict ? lhs > rhs : lhs >= rhs;
}

export function tally(
  scheme: readonly string[],
  subjects: readonly BallotSubject[],
  ballots: readonly BallotMarks[],
  expected: number,
  quorum: QuorumRule,
): Tally {
  const result: SubjectTally[] = subjects.map((s) => {
    const counts: Record<string, number> = Object.fromEntries(scheme.map((g) => [g, 0]));
    let marked = 0;
    for (const b of ballots) {
      const g = b[s.key];
      if (g !== undefined && g in counts) {
        counts[g]! += 1;
        marked += 1;
      }
    }
    const percents = Object.fromEntries(scheme.map((g) => [g, percent(counts[g]!, marked)]));
    return { key: s.key, label: s.label, counts, percents, marked, abstained: ballots.length - marked };
  });
  return {
    cast: ballots.length,
    expected,
    turnoutPercent: percent(ballots.length, expected),
    quorumMet: isQuorumMet(ballots.length, expected, quorum),
    subjects: result,
  };
}

/** A box accepts ballots only while open and while fewer ballots than issued tokens exist. */
export function decideCast(status: string): Decision<void> {
  if (status !== 'open') return refuse('VOTING_CLOSED', '投票已结束，不能再投票', 'token');
  return ok(undefined);
}
