// 书记抓基层党建述职评议考核 and 民主评议党员: composite score, 等次, 优秀 cap, 不合格党员处置.
import { addMonths, addYears, type IsoDate } from '../shared/dates.ts';
import { ok, refuse, type Decision } from '../shared/result.ts';

export type SecretaryGrade = '好' | '较好' | '一般' | '差';
export type MemberGrade = '优秀' | '合格' | '基本合格' | '不合格';

/** Weights of the composite score, in percent (they must add up to 100). */
export interface CompositeWeights {
  vote: number;
  indicators: number;
  comment: number;
}

/** Points of each grade when turned into a 0–100 score. */
export type GradePoints = Record<SecretaryGrade, number>;

/** Minimum composite score of each grade, best first; below the last → 差. */
export interface GradeThresholds {
  好: number;
  较好: number;
  一般: number;
}

/** A platform indicator (e.g. 书记空缺, 组织生活合规): a 0–100 score with its explanation. */
export interface IndicatorScore {
  key: string;
  title: string;
  score: number;
  detail: string;
}

export function validateWeights(w: CompositeWeights): Decision<CompositeWeights> {
  for (const [k, v] of Object.entries(w)) {
    if (!Number.isInteger(v) || v < 0 || v > 100)
      return refuse('WEIGHT_INVALID', `权重必须是0到100之间的整数（${k}）`, `weights.${k}`);
  }
  if (w.vote + w.indicators + w.comment !== 100)
    return refuse('WEIGHTS_NOT_100', '民主测评、平台指标、点评三项权重之和必须为100', 'weights');
  return ok(w);
}

/** Average points of the marks a secretary received; null when nobody marked them. */
export function voteScore(counts: Record<string, number>, points: GradePoints): number | null {
  let total = 0;
  let n = 0;
  for (const [grade, count] of Object.entries(counts)) {
    const p = points[grade as SecretaryGrade];
    if (p === undefined) continue;
    total += p * count;
    n += count;
  }
  return n === 0 ? null : total / n;
}

/** One decimal, half-up. */
export function round1(x: number): number {
  return Math.round(x * 10 + 1e-9) / 10;
}

/**
 * Composite = weighted vote score + weighted indicator average + weighted 点评 points.
 * A missing part (nobody voted, no indicator available, no comment yet) gives its weight to
 * the others in proportion, so a secretary is never marked down for what the platform lacks.
 */
export function compositeScore(
  parts: { vote: number | null; indicators: readonly IndicatorScore[]; comment: SecretaryGrade | null },
  weights: CompositeWeights,
  points: GradePoints,
): number | null {
  const indicator =
    parts.indicators.length === 0
      ? null
      : parts.indicators.reduce((s, i) => s + i.score, 0) / parts.indicators.length;
  const comment = parts.comment === null ? null : points[parts.comment];
  const items: Array<[number | null, number]> = [
    [parts.vote, weights.vote],
    [indicator, weights.indicators],
    [comment, weights.comment],
  ];
  const present = items.filter(([v, w]) => v !== null && w > 0);
  const weightSum = present.reduce((s, [, w]) => s + w, 0);
  if (weightSum === 0) return null;
  return round1(present.reduce((s, [v, w]) => s + (v as number) * w, 0) / weightSum);
}

export function gradeOf(score: number, t: GradeThresholds): SecretaryGrade {
  if (score >= t.好) return '好';
  if (score >= t.较好) return '较好';
  if (score >= t.一般) return '一般';
  return '差';
}

/** 一般 and 差 lead to an 约谈 and a rectification list. */
export function needsFollowUp(grade: string | null): boolean {
  return grade === '一般' || grade === '差';
}

/** 书记空缺 indicator: share of the organisations of a secretary's subtree that have a secretary. */
export function vacancyIndicator(orgsWithSecretary: number, orgsNeedingSecretary: number): IndicatorScore {
  const score = orgsNeedingSecretary === 0 ? 100 : round1((orgsWithSecretary * 100) / orgsNeedingSecretary);
  return {
    key: 'secretaryVacancy',
    title: '所属组织书记配备',
    score,
    detail: `应配书记的组织${orgsNeedingSecretary}个，已配${orgsWithSecretary}个`,
  };
}

/** The largest number of 优秀 allowed among `members` (优秀 ≤ ratio of those reviewed). */
export function excellentCap(members: number, ratio: number): number {
  return Math.floor(members * ratio + 1e-9);
}

export function checkExcellentCap(excellent: number, members: number, ratio: number): Decision<void> {
  const cap = excellentCap(members, ratio);
  if (excellent > cap) {
    return refuse(
      'EXCELLENT_OVER_CAP',
      `评定为优秀的党员${excellent}名，超过参评党员${members}名的比例上限（最多${cap}名）`,
      'grades',
    );
  }
  return ok(undefined);
}

/** 不合格党员处置 kinds (处置办法 2024). */
export type DispositionKind = '限期改正' | '劝其退党' | '除名';
export const DISPOSITION_KINDS: readonly DispositionKind[] = ['限期改正', '劝其退党', '除名'];

export interface DispositionRules {
  correctionMinMonths: number;
  correctionMaxMonths: number;
  noReadmissionYears: number;
}

export interface DispositionPlan {
  kind: DispositionKind;
  /** 限期改正: end of the correction period. */
  correctUntil: IsoDate | null;
  /** 劝其退党 / 除名: may not be readmitted before this day. */
  noReadmissionUntil: IsoDate | null;
  /** 除名 needs a 支部大会 vote and the 党委's approval before it takes effect. */
  needsUpperApproval: boolean;
}

export function planDisposition(
  input: {
    kind: DispositionKind;
    decidedOn: IsoDate;
    months?: number | undefined;
    branchVote?: { for: number; present: number } | undefined;
  },
  rules: DispositionRules,
): Decision<DispositionPlan> {
  if (input.kind === '限期改正') {
    const months = input.months ?? rules.correctionMinMonths;
    if (
      !Number.isInteger(months) ||
      months < rules.correctionMinMonths ||
      months > rules.correctionMaxMonths
    ) {
      return refuse(
        'CORRECTION_PERIOD_INVALID',
        `限期改正期限应为${rules.correctionMinMonths}至${rules.correctionMaxMonths}个月`,
        'months',
      );
    }
    return ok({
      kind: input.kind,
      correctUntil: addMonths(input.decidedOn, months),
      noReadmissionUntil: null,
      needsUpperApproval: false,
    });
  }
  if (input.kind === '除名') {
    const v = input.branchVote;
    if (!v || v.present <= 0 || v.for * 2 <= v.present) {
      return refuse(
        'EXPULSION_VOTE_REQUIRED',
        '除名须经支部大会表决，赞成票超过到会有表决权党员的半数',
        'branchVote',
      );
    }
  }
  return ok({
    kind: input.kind,
    correctUntil: null,
    noReadmissionUntil: addYears(input.decidedOn, rules.noReadmissionYears),
    needsUpperApproval: input.kind === '除名',
  });
}

/** Facts from the platform about one member, for proposals a human decides on. */
export interface MemberFacts {
  personId: number;
  name: string;
  /** Open 失联登记: unreachable since this day. */
  lostContactSince: IsoDate | null;
  /** Last meeting the member attended (出席); null when none is on record. */
  lastOrgLifeOn: IsoDate | null;
  /** Since when the member belongs to the branch: a newcomer is not judged on time before it. */
  memberSince?: IsoDate | null | undefined;
  /**
   * Unexcused absences (缺席) within the window. When given, a member who was never absent
   * (the branch held nothing, or every absence was 请假) is not proposed.
   */
  absencesInWindow?: number | undefined;
  /** Last dues payment; undefined when the platform keeps no dues record (then dues are not judged). */
  lastDuesOn?: IsoDate | null | undefined;
  /** Consecutive unpaid 党费 months without an approved 减免 (from the dues ledger); undefined: not judged. */
  duesUnpaidMonths?: number | undefined;
}

export interface DispositionProposal {
  personId: number;
  name: string;
  proposal: '停止党籍' | '按自行脱党处理';
  reason: string;
}

/** Proposals only: nothing here changes a member's status. */
export function proposeFromFacts(
  facts: readonly MemberFacts[],
  today: IsoDate,
  lostContactMonths: number,
  inactiveMonths: number,
  /** 党章第九条: this many unpaid months in a row (rulebook dues.selfLapseMonths). */
  duesLapseMonths: number = inactiveMonths,
): DispositionProposal[] {
  const out: DispositionProposal[] = [];
  for (const f of facts) {
    if (f.lostContactSince && addMonths(f.lostContactSince, lostContactMonths) <= today) {
      out.push({
        personId: f.personId,
        name: f.name,
        proposal: '停止党籍',
        reason: `自${f.lostContactSince}起失去联系满${lostContactMonths}个月`,
      });
      continue;
    }
    const since =
      f.lastOrgLifeOn && f.memberSince
        ? f.lastOrgLifeOn > f.memberSince
          ? f.lastOrgLifeOn
          : f.memberSince
        : (f.lastOrgLifeOn ?? f.memberSince ?? null);
    const lifeStale =
      (since === null || addMonths(since, inactiveMonths) <= today) &&
      (f.absencesInWindow === undefined || f.absencesInWindow > 0);
    const duesStale =
      f.lastDuesOn !== undefined && (!f.lastDuesOn || addMonths(f.lastDuesOn, inactiveMonths) <= today);
    const duesUnpaid = f.duesUnpaidMonths !== undefined && f.duesUnpaidMonths >= duesLapseMonths;
    if (lifeStale || duesStale || duesUnpaid) {
      const what = [lifeStale ? '参加组织生活' : '', duesStale ? '交纳党费' : ''].filter(Boolean).join('、');
      const detail =
        lifeStale && f.absencesInWindow !== undefined
          ? `（期间无故缺席${f.absencesInWindow}次${f.lastOrgLifeOn ? `，最近一次参加为${f.lastOrgLifeOn}` : '，无参加记录'}）`
          : '';
      const reasons = [
        what ? `连续${inactiveMonths}个月未${what}${detail}` : '',
        duesUnpaid ? `连续${f.duesUnpaidMonths}个月未交纳党费且无批准的减免` : '',
      ];
      // One proposal per member, whatever the grounds.
      out.push({
        personId: f.personId,
        name: f.name,
        proposal: '按自行脱党处理',
        reason: reasons.filter(Boolean).join('；'),
      });
    }
  }
  return out;
}

/** Stages of 民主评议党员, in order. */
export const MEMBER_REVIEW_STAGES = ['study', 'self', 'vote', 'assess', 'published'] as const;
export type MemberReviewStage = (typeof MEMBER_REVIEW_STAGES)[number];
export const MEMBER_REVIEW_STAGE_NAMES: Record<MemberReviewStage, string> = {
  study: '学习教育',
  self: '个人自评',
  vote: '党员互评和民主测评',
  assess: '组织评定',
  published: '结果公示和处理',
};

export function decideAdvance(current: MemberReviewStage, next: MemberReviewStage): Decision<void> {
  const i = MEMBER_REVIEW_STAGES.indexOf(current);
  if (MEMBER_REVIEW_STAGES.indexOf(next) !== i + 1) {
    return refuse(
      'STAGE_ORDER',
      `民主评议须按顺序进行：当前为“${MEMBER_REVIEW_STAGE_NAMES[current]}”，下一步应为“${MEMBER_REVIEW_STAGE_NAMES[MEMBER_REVIEW_STAGES[i + 1] ?? current]}”`,
      'stage',
    );
  }
  return ok(undefined);
}
