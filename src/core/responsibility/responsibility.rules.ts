// 党建责任制: 责任清单 status and validation, 责任书 签收 state, 问责 target/approval rules.
// Pure: "today" and the rulebook lists are always arguments.
import { addDays, type IsoDate } from '../shared/dates.ts';
import { ok, refuse, type Decision } from '../shared/result.ts';

export const ITEM_STATUSES = ['进行中', '已完成', '逾期'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** 第一责任人 (书记), 一岗双责 (副书记、委员), 联系点 (other 班子成员, with a contact organisation). */
export const DUTY_KINDS = ['第一责任人', '一岗双责', '联系点'] as const;
export type DutyKind = (typeof DUTY_KINDS)[number];

/** Derived, never stored: done once completed; overdue when the deadline has passed undone. */
export function itemStatus(
  item: { deadline: IsoDate; completedOn: IsoDate | null },
  today: IsoDate,
): ItemStatus {
  if (item.completedOn) return '已完成';
  return item.deadline < today ? '逾期' : '进行中';
}

export function dutyKindOf(
  post: string,
  firstPosts: readonly string[],
  dualPosts: readonly string[],
): DutyKind {
  if (firstPosts.includes(post)) return '第一责任人';
  if (dualPosts.includes(post)) return '一岗双责';
  return '联系点';
}

const strictlyInside = (path: string, ancestor: string) => path !== ancestor && path.startsWith(ancestor);

export interface ItemDraft {
  year: number;
  deadline: IsoDate;
  dutyKind: DutyKind;
  /** Does the person hold the post in the organisation on the day? (positions table) */
  holdsPost: boolean;
  orgPath: string;
  contactOrgPath: string | null;
}

export function decideItem(d: ItemDraft, today: IsoDate): Decision<void> {
  if (!d.holdsPost)
    return refuse('NOT_POST_HOLDER', '该同志当前未在本组织担任所填职务，不能列入责任清单', 'personId');
  if (!d.deadline.startsWith(`${d.year}-`))
    return refuse('DEADLINE_YEAR', '完成时限应在责任年度内', 'deadline');
  if (d.deadline < today) return refuse('DEADLINE_PAST', '完成时限不能早于今天', 'deadline');
  if (d.dutyKind === '联系点' && d.contactOrgPath === null)
    return refuse('CONTACT_REQUIRED', '班子成员须指明联系点', 'contactOrgId');
  if (d.contactOrgPath !== null && !strictlyInside(d.contactOrgPath, d.orgPath))
    return refuse('CONTACT_OUTSIDE', '联系点须是本组织的下级组织', 'contactOrgId');
  return ok(undefined);
}

export interface ProgressDraft {
  onDate: IsoDate;
  note: string;
  evidence: string;
  completes: boolean;
}

export function decideProgress(
  item: { completedOn: IsoDate | null; evidenceRequirement: string; createdOn: IsoDate },
  p: ProgressDraft,
  today: IsoDate,
): Decision<void> {
  if (item.completedOn) return refuse('ITEM_DONE', '该事项已完成，不能再记录进展');
  if (p.onDate > today) return refuse('DATE_FUTURE', '进展日期不能晚于今天', 'onDate');
  if (p.onDate < item.createdOn)
    return refuse('DATE_BEFORE_ITEM', '进展日期不能早于事项列入清单的日期', 'onDate');
  if (p.completes && item.evidenceRequirement.trim() !== '' && p.evidence.trim() === '')
    return refuse('EVIDENCE_REQUIRED', `完成该事项须提供佐证材料（${item.evidenceRequirement}）`, 'evidence');
  return ok(undefined);
}

export type LetterState = 'acknowledged' | 'pending' | 'overdue';
export const LETTER_STATE_LABELS: Record<LetterState, string> = {
  acknowledged: '已签收',
  pending: '待签收',
  overdue: '逾期未签收',
};

/** 签收 is due `ackDays` after issue; overdue from the day after. */
export function letterState(
  l: { issuedOn: IsoDate; acknowledgedOn: IsoDate | null },
  ackDays: number,
  today: IsoDate,
): LetterState {
  if (l.acknowledgedOn) return 'acknowledged';
  return addDays(l.issuedOn, ackDays) < today ? 'overdue' : 'pending';
}

export const letterAckDue = (issuedOn: IsoDate, ackDays: number): IsoDate => addDays(issuedOn, ackDays);

/** 责任书 go down the tree only: every recipient strictly inside the issuer, none twice. */
export function decideLetterRecipients(
  issuerPath: string,
  recipients: ReadonlyArray<{ path: string }>,
): Decision<void> {
  if (recipients.length === 0) return refuse('NO_RECIPIENT', '没有可下达责任书的下级组织', 'orgIds');
  if (recipients.some((r) => !strictlyInside(r.path, issuerPath)))
    return refuse('RECIPIENT_OUTSIDE', '责任书只能下达给本组织的下级组织', 'orgIds');
  if (new Set(recipients.map((r) => r.path)).size !== recipients.length)
    return refuse('RECIPIENT_TWICE', '同一组织不能重复列入', 'orgIds');
  return ok(undefined);
}

export const ACC_STATUSES = ['proposed', 'effective', 'rejected'] as const;
export type AccStatus = (typeof ACC_STATUSES)[number];
export const ACC_STATUS_LABELS: Record<AccStatus, string> = {
  proposed: '待审批',
  effective: '已生效',
  rejected: '未批准',
};

export interface AccDraft {
  type: string;
  types: readonly string[];
  proposerPath: string;
  targetOrgPath: string;
  /** Does the person hold the post in the target organisation today? */
  holdsPost: boolean;
  rectItemId: number | null;
  alertId: number | null;
}

/** 问责 is proposed by a level strictly above the post holder's organisation, about a finding. */
export function decideAccountability(d: AccDraft): Decision<void> {
  if (!d.types.includes(d.type)) return refuse('ACC_TYPE', '问责方式不正确', 'type');
  if (!strictlyInside(d.targetOrgPath, d.proposerPath))
    return refuse('TARGET_OUT_OF_SCOPE', '被问责人不在本组织管理范围内', 'orgId');
  if (!d.holdsPost) return refuse('TARGET_OUT_OF_SCOPE', '被问责人不在本组织管理范围内', 'personId');
  if (d.rectItemId === null && d.alertId === null)
    return refuse('FINDING_REQUIRED', '问责须关联整改事项或预警', 'rectItemId');
  return ok(undefined);
}

/**
 * Who approves: the level above the proposer. A proposal of the top organisation (the county
 * committee) is approved within it by the 组织部 — any county org_admin other than the proposer.
 */
export function decideApproval(
  r: { status: string; approverPath: string; proposerPath: string; proposedBy: number },
  actor: { scopePath: string; userId: number },
): Decision<void> {
  if (!r.approverPath.startsWith(actor.scopePath))
    return refuse('NOT_APPROVER', '只有提出单位的上级党组织才能审批');
  const sameLevel = r.approverPath === r.proposerPath;
  if (sameLevel && actor.userId === r.proposedBy)
    return refuse('SELF_APPROVAL', '提出人不能审批本人提出的问责');
  if (r.status !== 'proposed') return refuse('NOT_PENDING', '该问责已审批，不能重复处理');
  return ok(undefined);
}

/** Seen by the proposing organisation and its ancestors (and the auditor), never by the target's own staff. */
export const canSeeAccountability = (scopePath: string, proposerPath: string) =>
  proposerPath.startsWith(scopePath);
