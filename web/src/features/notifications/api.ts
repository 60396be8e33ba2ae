import { http } from '../../components/http';

export interface NotificationItem {
  id: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  data: NotificationItem[];
  unread: number;
  total: number;
  limit: number;
  offset: number;
}

/** Kinds as the bell shows them. */
export const KIND_LABEL: Record<string, string> = {
  'meeting.scheduled': '会议通知',
  'transfer.decided': '转接办理',
  'development.due': '发展党员',
  'term.due': '换届提醒',
  digest: '每日汇总',
  'task.issued': '工作任务',
  'task.remind': '任务催报',
  'task.returned': '报送退回',
  'resp.letter': '责任书',
  'accountability.proposed': '问责审批',
  'dues.payment': '党费缴纳',
};

export const notificationsApi = {
  list: (limit: number, signal?: AbortSignal) =>
    http.get<NotificationPage>('/api/notifications', { query: { limit }, signal }),
  read: (id: number) =>
    http.post<{ data: NotificationItem; unread: number }>(`/api/notifications/${id}/read`),
  readAll: () => http.post<{ data: { marked: number }; unread: number }>('/api/notifications/read-all'),
};
