// 创先争优 公开承诺: types, the status machine (承诺 → 践诺 → 评诺), review cadence and the
// reviewer mapping. Pure: "today" is always an argument.
import { addMonths, type IsoDate } from '../shared/dates.ts';
import { ok, refuse, type Decision } from '../shared/result.ts';

export const COMMITMENT_TYPES = ['长远承诺', '年度承诺', '即时承诺'] as const;
export type CommitmentType = (typeof COMMITMENT_TYPES)[number];

export const COMMITMENT_STATUSES = [
  'draft',
  'opinion',
  'published',
  'in_progress',
  'graded',
  'closed',
] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];

export const STATUS_LABELS: Record<CommitmentStatus, string> = {
  draft: '草拟',
  opinion: '征求意见',
  published: '已公开',
  in_progress: '践诺中',
  graded: '已评诺',
  closed: '已结束',
};

export const GRADES = ['好', '较好', '一般', '差'] as const;
export type Grade = (typeof GRADES)[number];

export const COMMITTER_KINDS = ['org', 'member'] as const;
export type CommitterKind = (typeof COMMITTER_KINDS)[number];

export interface CommitmentState {
  status: CommitmentStatus;
  opinionEndsOn: IsoDate | null;
  leaderGrade: string | null;
}

/** Opens the 征求意见 period: only from draft, ending today or later. */
export function decideOpenOpinion(
  c: CommitmentState,
  endsOn: IsoDate,
  today: IsoDate,
): Decision<CommitmentStatus> {
  if (c.status !== 'draft') return refuse('COMMITMENT_NOT_DRAFT', '只有草拟中的承诺才能征求意见', 'status');
  if (endsOn < today) return refuse('OPINION_END_PAST', '征求意见截止日期不能早于今天', 'endsOn');
  return ok('opinion');
}

/** A public opinion is accepted only while the period is open (its end day included). */
export function decideSubmitOpinion(c: CommitmentState, today: IsoDate): Decision<void> {
  if (c.status !== 'opinion' || !c.opinionEndsOn)
    return refuse('OPINION_CLOSED', '该承诺当前不在征求意见期', 'commitmentId');
  if (today > c.opinionEndsOn) return refuse('OPINION_CLOSED', '征求意见期已结束', 'commitmentId');
  return ok(undefined);
}

/** Publication: after the opinion period has ended (the day after its end day at the earliest). */
export function decidePublish(c: CommitmentState, today: IsoDate): Decision<CommitmentStatus> {
  if (c.status === 'draft') return refuse('OPINION_REQUIRED', '公开承诺前须先征求群众意见', 'status');
  if (c.status !== 'opinion') return refuse('ALREADY_PUBLISHED', '该承诺已公开', 'status');
  if (!c.opinionEndsOn || today <= c.opinionEndsOn)
    return refuse(
      'OPINION_PERIOD_OPEN',
      `征求意见期至${c.opinionEndsOn ?? ''}结束，期满后才能公开承诺`,
      'opinionEndsOn',
    );
  return ok('published');
}

/** 践诺 progress: on a published or in-progress commitment; moves it to in progress. */
export function decideProgress(c: CommitmentState): Decision<CommitmentStatus> {
  if (c.status !== 'published' && c.status !== 'in_progress')
    return refuse('NOT_PUBLISHED', '只有已公开的承诺才能记录践诺情况', 'status');
  return ok('in_progress');
}

/** 评诺: once only, on a published / in-progress commitment. */
export function decideGrade(c: CommitmentState): Decision<CommitmentStatus> {
  if (c.status === 'graded' || c.status === 'closed' || c.leaderGrade !== null)
    return refuse('ALREADY_GRADED', '该承诺已评诺，不能重复评诺', 'leaderGrade');
  if (c.status !== 'published' && c.status !== 'in_progress')
    return refuse('NOT_PUBLISHED', '只有已公开的承诺才能评诺', 'status');
  return ok('graded');
}

export function decideClose(c: CommitmentState): Decision<CommitmentStatus> {
  if (c.status !== 'graded') return refuse('NOT_GRADED', '评诺后才能结束承诺', 'status');
  return ok('closed');
}

/** The date a review falls due: maxMonths calendar months after the last one (or after publication). */
export function reviewDueOn(lastReviewOn: IsoDate, maxMonths: number): IsoDate {
  return addMonths(lastReviewOn, maxMonths);
}

/** Due on the due day itself; overdue strictly after it. */
export function reviewState(
  lastReviewOn: IsoDate,
  maxMonths: number,
  today: IsoDate,
): 'ok' | 'due' | 'overdue' {
  const due = reviewDueOn(lastReviewOn, maxMonths);
  if (today < due) return 'ok';
  return today === due ? 'due' : 'overdue';
}

/** Is a review needed now (due or overdue)? */
export function reviewNeeded(lastReviewOn: IsoDate, maxMonths: number, today: IsoDate): boolean {
  return reviewState(lastReviewOn, maxMonths, today) !== 'ok';
}

/** The kinds of organisation whose leadership reviews the organisations below. */
export const LEADERSHIP_KINDS = ['党委', '党工委', '党总支'] as const;

export interface ReviewerFacts {
  committerKind: CommitterKind;
  /** Positions the reviewer holds today: org ids with kind and path. */
  reviewerPositions: ReadonlyArray<{ orgId: number; orgKind: string; orgPath: string; post: string }>;
  /** The commitment's organisation (a branch, or the member's branch). */
  org: { id: number; path: string; parentId: number | null };
}

/**
 * Who reviews whom: an organisation's commitment by a leadership member (any post) of a
 * 党委/党工委/党总支 above it; a member's commitment by the 书记 of the member's branch.
 */
export function decideReviewer(f: ReviewerFacts): Decision<void> {
  const mapped =
    f.committerKind === 'member'
      ? f.reviewerPositions.some((p) => p.orgId === f.org.id && p.post === '书记')
      : f.reviewerPositions.some(
          (p) =>
            (LEADERSHIP_KINDS as readonly string[]).includes(p.orgKind) &&
            p.orgId !== f.org.id &&
            f.org.path.startsWith(p.orgPath),
        );
  if (!mapped)
    return refuse(
      'NOT_REVIEWER',
      f.committerKind === 'member'
        ? '只有本支部书记才能点评党员的承诺'
        : '只有上级党委领导班子成员才能点评本组织的承诺',
      'reviewerPersonId',
    );
  return ok(undefined);
}
