// Notifications (通知, issue 17 item 3): what each event says, the key that keeps a daily job from
// notifying twice, and the daily digest's text. Pure: the service decides who receives them.
import { SEVERITY_LABEL, type AlertSeverity } from '../alerts/alerts.rules.ts';

export const NOTIFICATION_KINDS = [
  'meeting.scheduled',
  'bulletin.published',
  'transfer.decided',
  'development.due',
  'term.due',
  'digest',
  'task.issued',
  'task.remind',
  'task.returned',
  'resp.letter',
  'accountability.proposed',
  'dues.reduction',
  'dues.payment',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Kinds as shown to users. */
export const NOTIFICATION_KIND_LABEL: Record<NotificationKind, string> = {
  'meeting.scheduled': '会议通知',
  'bulletin.published': '督查通报',
  'transfer.decided': '转接办理结果',
  'development.due': '发展党员期限提醒',
  'term.due': '换届提醒',
  digest: '每日汇总',
  'task.issued': '工作任务',
  'task.remind': '任务催报',
  'task.returned': '报送退回',
  'resp.letter': '党建工作责任书',
  'accountability.proposed': '问责待审批',
  'dues.reduction': '党费减免审批',
  'dues.payment': '党费缴纳',
};

/** What a notification says and where it leads, before it is addressed to anyone. */
export interface Notice {
  kind: NotificationKind;
  title: string;
  body: string;
  link: string | null;
  /** Unique per recipient: the same event or finding notifies each user once. */
  dedupeKey: string;
}

export function meetingScheduledNotice(m: {
  id: number;
  title: string;
  type: string;
  orgName: string;
  heldOn: string;
  startTime: string | null;
  place: string | null;
}): Notice {
  const when = `${m.heldOn}${m.startTime ? ' ' + m.startTime : ''}`;
  return {
    kind: 'meeting.scheduled',
    title: `会议通知：${m.title}`,
    body: `${m.orgName}定于${when}${m.place ? '在' + m.place : ''}召开${m.type}，请准时参加；不能参加的请向支部请假。`,
    link: `/org-life/meetings/${m.id}`,
    dedupeKey: `meeting:${m.id}`,
  };
}

export type TransferDecision = 'converted' | 'declined';

export function transferDecidedNotice(r: {
  id: number;
  decision: TransferDecision;
  destination: string;
  reason?: string | null;
}): Notice {
  const accepted = r.decision === 'converted';
  return {
    kind: 'transfer.decided',
    title: accepted ? '组织关系转接申请已受理' : '组织关系转接申请未予办理',
    body: accepted
      ? `您申请将组织关系转往${r.destination}，党支部已受理并开始办理转接。`
      : `您申请将组织关系转往${r.destination}，党支部决定不予办理${r.reason ? '，理由：' + r.reason : ''}。`,
    link: '/roster/me',
    dedupeKey: `transfer-request:${r.id}`,
  };
}

/** A step of 发展党员 falling due (the development audit's `upcoming`), for the branch's workers. */
export function developmentDueNotice(u: {
  candidateId: number;
  candidate: string;
  step: number;
  due: string;
  what: string;
}): Notice {
  return {
    kind: 'development.due',
    title: `发展党员期限：${u.candidate}`,
    body: `${u.candidate}：${u.what}（期限${u.due}）。`,
    link: `/development/candidates/${u.candidateId}`,
    dedupeKey: `development:${u.candidateId}:${u.step}:${u.due}`,
  };
}

/** 临近换届: the term ends within the reminder months; to the organisation and its parent. */
export function termDueNotice(t: { orgId: number; orgName: string; termEnd: string }): Notice {
  return {
    kind: 'term.due',
    title: `换届提醒：${t.orgName}`,
    body: `${t.orgName}本届任期将于${t.termEnd}届满，请按期做好换届准备。`,
    link: `/orgs/${t.orgId}/org-system`,
    dedupeKey: `term:${t.orgId}:${t.termEnd}`,
  };
}

/**
 * The day's digest for one user: unread notifications (digests not counted) and the open alerts
 * of their scope. Null when there is nothing to say.
 */
export function digestNotice(d: {
  day: string;
  unread: number;
  alerts: Record<AlertSeverity, number> | null;
  scopeName: string;
  link: string | null;
}): Notice | null {
  const alertTotal = d.alerts ? d.alerts.red + d.alerts.orange + d.alerts.yellow : 0;
  if (d.unread === 0 && alertTotal === 0) return null;
  const parts: string[] = [];
  if (d.unread > 0) parts.push(`您有${d.unread}条未读通知`);
  if (d.alerts && alertTotal > 0) {
    const bySeverity = (['red', 'orange', 'yellow'] as const)
      .filter((s) => d.alerts![s] > 0)
      .map((s) => `${SEVERITY_LABEL[s]}${d.alerts![s]}条`)
      .join('、');
    parts.push(`${d.scopeName}及下级有待处理预警${alertTotal}条（${bySeverity}）`);
  }
  return {
    kind: 'digest',
    title: `每日汇总（${d.day}）`,
    body: `${parts.join('；')}。`,
    link: d.link,
    dedupeKey: `digest:${d.day}`,
  };
}
