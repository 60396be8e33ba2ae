// 两优一先 commendations: a round opened by a 党委, nominations from the organisations below it
// inside a window, 公示 in working days, then approval or rejection, then the year's archive.
// Pure: "today" and the working-day calendar are arguments.
import { addWorkingDays, type WorkCalendar } from '../development/calendar.ts';
import type { IsoDate } from '../shared/dates.ts';
import { ok, refuse, type Decision } from '../shared/result.ts';

export const COMMENDATION_CATEGORIES = ['优秀共产党员', '优秀党务工作者', '先进基层党组织'] as const;
export type CommendationCategory = (typeof COMMENDATION_CATEGORIES)[number];

/** 先进基层党组织 names an organisation; the other two name a person. */
export function nomineeKindOf(category: CommendationCategory): 'person' | 'org' {
  return category === '先进基层党组织' ? 'org' : 'person';
}

/** The committees that may open a round (a 党委 and its equivalents). */
export const ROUND_OPENER_KINDS = ['党委', '党工委'] as const;
/** 基层党组织 that may be commended as 先进基层党组织. */
export const GRASSROOTS_KINDS = ['党委', '党总支', '党支部', '联合党支部'] as const;

/** open (nominations) → publicity (公示) → archived. */
export const ROUND_STATUSES = ['open', 'publicity', 'archived'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];
export const ROUND_STATUS_LABELS: Record<RoundStatus, string> = {
  open: '提名中',
  publicity: '公示中',
  archived: '已归档',
};

export const NOMINATION_STATUSES = ['nominated', 'approved', 'rejected'] as const;
export type NominationStatus = (typeof NOMINATION_STATUSES)[number];
export const NOMINATION_STATUS_LABELS: Record<NominationStatus, string> = {
  nominated: '已提名',
  approved: '已批准',
  rejected: '未批准',
};

export const EVIDENCE_KINDS = ['commitment', 'evaluation', 'member_review', 'meeting'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
export const EVIDENCE_LABELS: Record<EvidenceKind, string> = {
  commitment: '公开承诺',
  evaluation: '述职评议结果',
  member_review: '民主评议党员结果',
  meeting: '组织生活会议',
};

export interface RoundState {
  status: RoundStatus;
  orgPath: string;
  nominateFrom: IsoDate;
  nominateTo: IsoDate;
  publicityEndsOn: IsoDate | null;
}

/** Opening a round: by a 党委 / 党工委, with a window that has not already passed. */
export function decideOpenRound(f: {
  orgKind: string;
  nominateFrom: IsoDate;
  nominateTo: IsoDate;
  today: IsoDate;
}): Decision<RoundStatus> {
  if (!(ROUND_OPENER_KINDS as readonly string[]).includes(f.orgKind))
    return refuse('ROUND_OPENER_KIND', '两优一先评选须由党委（党工委）发起', 'orgId');
  if (f.nominateTo < f.nominateFrom)
    return refuse('WINDOW_INVALID', '提名截止日期不能早于提名开始日期', 'nominateTo');
  if (f.nominateTo < f.today) return refuse('WINDOW_PAST', '提名截止日期不能早于今天', 'nominateTo');
  return ok('open');
}

/** Is `path` inside the subtree rooted at `root` (root included)? */
const within = (path: string, root: string) => path.startsWith(root);

export interface NominationFacts {
  round: RoundState;
  today: IsoDate;
  /** The nominating organisation (a branch or committee below the round's 党委). */
  nominatorPath: string;
  category: CommendationCategory;
  /** The nominee's organisation path: the member's current organisation, or the nominated organisation. */
  nomineePath: string | null;
  nomineeOrgKind: string | null;
  /** Another live nomination of the same nominee in the same category of this round. */
  duplicate: boolean;
}

/**
 * A nomination: inside the window (both end days included), by an organisation strictly below
 * the round's 党委, of a nominee inside the nominating organisation's subtree.
 */
export function decideNominate(f: NominationFacts): Decision<NominationStatus> {
  const { round } = f;
  if (round.status !== 'open')
    return refuse('NOMINATION_CLOSED', '本轮评选已结束提名，不能再提名', 'roundId');
  if (f.today < round.nominateFrom || f.today > round.nominateTo)
    return refuse(
      'NOMINATION_WINDOW_CLOSED',
      `提名时间为${round.nominateFrom}至${round.nominateTo}，当前不在提名期内`,
      'roundId',
    );
  if (!within(f.nominatorPath, round.orgPath) || f.nominatorPath === round.orgPath)
    return refuse('NOMINATOR_OUT_OF_SCOPE', '只有发起评选的党委所属下级组织才能提名', 'orgId');
  if (f.nomineePath === null || !within(f.nomineePath, f.nominatorPath))
    return refuse(
      'NOMINEE_OUT_OF_SCOPE',
      nomineeKindOf(f.category) === 'org'
        ? '被提名组织不在本组织及所属下级组织范围内，不属于本轮评选范围'
        : '被提名人不是本组织及所属下级组织的党员，不属于本轮评选范围',
      'nominee',
    );
  if (
    nomineeKindOf(f.category) === 'org' &&
    !(GRASSROOTS_KINDS as readonly string[]).includes(f.nomineeOrgKind ?? '')
  )
    return refuse(
      'NOMINEE_NOT_GRASSROOTS',
      '先进基层党组织只能提名基层党组织（党委、党总支、党支部）',
      'nominee',
    );
  if (f.duplicate) return refuse('NOMINEE_DUPLICATE', '该对象已在本轮同一类别中被提名', 'nominee');
  return ok('nominated');
}

/** Evidence lies in scope when it belongs to the nominating organisation's subtree. */
export function decideEvidence(
  items: ReadonlyArray<{ kind: EvidenceKind; id: number; orgPath: string | null; usable: boolean }>,
  nominatorPath: string,
): Decision<void> {
  for (const e of items) {
    const label = `${EVIDENCE_LABELS[e.kind]}（ID ${e.id}）`;
    if (e.orgPath === null) return refuse('EVIDENCE_UNKNOWN', `佐证${label}不存在`, 'evidence');
    if (!within(e.orgPath, nominatorPath))
      return refuse('EVIDENCE_OUT_OF_SCOPE', `佐证${label}不属于本组织及所属下级组织`, 'evidence');
    if (!e.usable)
      return refuse('EVIDENCE_NOT_FINAL', `佐证${label}尚未公开或尚未形成结果，不能作为佐证`, 'evidence');
  }
  return ok(undefined);
}

/** The last day of a 公示 of `days` working days starting on `startOn` (counted from the first working day). */
export function publicityEndsOn(startOn: IsoDate, days: number, cal: WorkCalendar): IsoDate {
  return addWorkingDays(startOn, days, cal);
}

/** 公示 starts after the nomination window has closed, with at least one nomination to show. */
export function decideStartPublicity(
  round: RoundState,
  today: IsoDate,
  pending: number,
): Decision<RoundStatus> {
  if (round.status !== 'open') return refuse('ROUND_NOT_OPEN', '本轮评选已公示或已归档', 'status');
  if (today <= round.nominateTo)
    return refuse('NOMINATION_WINDOW_OPEN', `提名期至${round.nominateTo}结束，期满后才能公示`, 'nominateTo');
  if (pending === 0) return refuse('NOTHING_TO_PUBLISH', '本轮没有待公示的提名', 'status');
  return ok('publicity');
}

/** Has the 公示 ended (strictly after its last day)? */
export function publicityOver(round: RoundState, today: IsoDate): boolean {
  return round.status !== 'open' && round.publicityEndsOn !== null && today > round.publicityEndsOn;
}

/**
 * Approval only once the 公示 has ended; rejection (with a reason) at any time before the
 * archive — a 公示 objection may lead to it. A decision is taken once.
 */
export function decideNominationDecision(
  action: 'approve' | 'reject',
  round: RoundState,
  nomination: { status: NominationStatus },
  today: IsoDate,
): Decision<NominationStatus> {
  if (round.status === 'archived') return refuse('ROUND_ARCHIVED', '本轮评选已归档，不能再审批', 'status');
  if (nomination.status !== 'nominated')
    return refuse('ALREADY_DECIDED', '该提名已审批，不能重复审批', 'status');
  if (action === 'reject') return ok('rejected');
  if (round.status === 'open') return refuse('NOT_PUBLICISED', '提名尚未公示，不能批准', 'status');
  if (!publicityOver(round, today))
    return refuse(
      'PUBLICITY_NOT_ENDED',
      `公示期至${round.publicityEndsOn ?? ''}结束，期满后才能批准`,
      'publicityEndsOn',
    );
  return ok('approved');
}

/** Archiving: after the 公示, once every nomination is decided. */
export function decideArchive(round: RoundState, today: IsoDate, undecided: number): Decision<RoundStatus> {
  if (round.status !== 'publicity')
    return refuse('ROUND_NOT_PUBLICISED', '只有公示后的评选才能归档', 'status');
  if (!publicityOver(round, today))
    return refuse(
      'PUBLICITY_NOT_ENDED',
      `公示期至${round.publicityEndsOn ?? ''}结束，期满后才能归档`,
      'status',
    );
  if (undecided > 0)
    return refuse('UNDECIDED_NOMINATIONS', `还有${undecided}项提名未审批，不能归档`, 'status');
  return ok('archived');
}
