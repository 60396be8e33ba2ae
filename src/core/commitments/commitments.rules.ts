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

/** 党委 leaders (书记, 副书记) review any organisation below without a 联系点 link. */
export const LEADER_POSTS = ['书记', '副书记'] as const;

export interface ReviewerFacts {
  committerKind: CommitterKind;
  /** Positions the reviewer holds today: org ids with kind and path. */
  reviewerPositions: ReadonlyArray<{ orgId: number; orgKind: string; orgPath: string; post: string }>;
  /** The commitment's organisation (a branch, or the member's branch). */
  org: { id: number; path: string; parentId: number | null };
  /** Paths of the organisations the reviewer is linked to today as a 联系点 (none when absent). */
  liaisonOrgPaths?: readonly string[];
}

/**
 * Who reviews whom: a member's commitment by the 书记 of the member's branch; an organisation's
 * commitment by a leadership-team member of a 党委/党工委/党总支 above it who is linked to it
 * (联系点: the organisation or an ancestor of it below the committee), or by a 书记/副书记 of such
 * a committee.
 */
export function decideReviewer(f: ReviewerFacts): Decision<void> {
  const above = f.reviewerPositions.filter(
    (p) =>
      (LEADERSHIP_KINDS as readonly string[]).includes(p.orgKind) &&
      p.orgId !== f.org.id &&
      f.org.path.startsWith(p.orgPath),
  );
  const mapped =
    f.committerKind === 'member'
      ? f.reviewerPositions.some((p) => p.orgId === f.org.id && p.post === '书记')
      : above.some((p) => (LEADER_POSTS as readonly string[]).includes(p.post)) ||
        (above.length > 0 && (f.liaisonOrgPaths ?? []).some((lp) => f.org.path.startsWith(lp)));
  if (!mapped)
    return refuse(
      'NOT_REVIEWER',
      f.committerKind === 'member'
        ? '只有本支部书记才能点评党员的承诺'
        : '只有联系本组织（联系点）的上级党委领导班子成员或上级党委书记、副书记才能点评本组织的承诺',
      'reviewerPersonId',
    );
  return ok(undefined);
}

/** A 联系点 link: a leadership-team member of the committee, to an organisation strictly below it. */
export function decideLiaison(f: {
  committee: { kind: string; path: string };
  /** Posts the person holds in the committee on the link's first day. */
  postsInCommittee: readonly string[];
  org: { path: string };
  overlapping: boolean;
}): Decision<void> {
  if (!(LEADERSHIP_KINDS as readonly string[]).includes(f.committee.kind))
    return refuse(
      'LIAISON_COMMITTEE_KIND',
      '联系点只能由党委（党工委、党总支）领导班子成员设立',
      'committeeOrgId',
    );
  if (f.postsInCommittee.length === 0)
    return refuse('LIAISON_NOT_LEADER', '该党员不是该党委领导班子成员，不能设立联系点', 'personId');
  if (!f.org.path.startsWith(f.committee.path) || f.org.path === f.committee.path)
    return refuse('LIAISON_ORG_OUT_OF_SCOPE', '联系点须为该党委所属的下级组织', 'orgId');
  if (f.overlapping) return refuse('LIAISON_DUPLICATE', '该领导已联系该组织，不能重复设立', 'orgId');
  return ok(undefined);
}

/** 评诺 满意度测评: the grade scheme of the anonymous box in the voting engine. */
export const SATISFACTION_SCHEME = ['满意', '基本满意', '不满意'] as const;

/** Opening the 满意度测评: once, on a published commitment not yet graded. */
export function decideOpenSatisfaction(c: CommitmentState, hasBox: boolean): Decision<void> {
  if (c.status !== 'published' && c.status !== 'in_progress')
    return refuse('NOT_PUBLISHED', '只有已公开、正在践诺的承诺才能开展满意度测评', 'status');
  if (hasBox) return refuse('SATISFACTION_OPENED', '该承诺已开展满意度测评', 'status');
  return ok(undefined);
}

/**
 * 满意率: (满意 + 基本满意) / ballots that marked the commitment, percent with one decimal
 * (half-up, integer arithmetic); null when nobody voted.
 */
export function satisfactionRate(counts: Readonly<Record<string, number>>, marked: number): number | null {
  if (marked <= 0) return null;
  const part = (counts['满意'] ?? 0) + (counts['基本满意'] ?? 0);
  return Math.floor((part * 2000 + marked) / (2 * marked)) / 10;
}
