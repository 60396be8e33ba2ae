// What task notifications say (通知); the service decides who receives them.
import type { Notice } from '../notifications/notifications.rules.ts';

export function taskIssuedNotice(t: {
  id: number;
  title: string;
  issuerName: string;
  deadline: string;
}): Notice {
  return {
    kind: 'task.issued',
    title: `新任务：${t.title}`,
    body: `${t.issuerName}下达任务“${t.title}”，请于${t.deadline}前报送。`,
    link: `/tasks/${t.id}`,
    dedupeKey: `task:${t.id}:issued`,
  };
}

/** 'soon': due within the reminder days; 'overdue': past the deadline; 'urge': the issuer's 催报 at `at`. */
export function taskRemindNotice(
  t: { id: number; title: string; issuerName: string; deadline: string; orgId: number },
  why: 'soon' | 'overdue' | 'urge',
  at: string,
): Notice {
  const body =
    why === 'soon'
      ? `任务“${t.title}”将于${t.deadline}截止，本组织尚未报送，请抓紧报送。`
      : why === 'overdue'
        ? `任务“${t.title}”已于${t.deadline}截止，本组织尚未报送，请尽快补报。`
        : `${t.issuerName}催报：任务“${t.title}”（截止${t.deadline}）本组织尚未报送，请尽快报送。`;
  return {
    kind: 'task.remind',
    title:
      why === 'urge' ? `催报：${t.title}` : why === 'soon' ? `即将截止：${t.title}` : `逾期未报：${t.title}`,
    body,
    link: `/tasks/${t.id}`,
    // The daily job reminds once per target and reason; each 催报 is its own notice.
    dedupeKey: why === 'urge' ? `task:${t.id}:${t.orgId}:urge:${at}` : `task:${t.id}:${t.orgId}:${why}`,
  };
}

export function taskReturnedNotice(
  t: { id: number; title: string; issuerName: string; orgId: number },
  reason: string,
  at: string,
): Notice {
  return {
    kind: 'task.returned',
    title: `报送被退回：${t.title}`,
    body: `${t.issuerName}退回了本组织对任务“${t.title}”的报送，原因：${reason}。请修改后重新报送。`,
    link: `/tasks/${t.id}`,
    dedupeKey: `task:${t.id}:${t.orgId}:returned:${at}`,
  };
}
