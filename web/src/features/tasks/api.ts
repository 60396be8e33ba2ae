import { http, type Envelope } from '../../components/http';

export type TaskKind = 'task' | 'report';
export type TargetMode = 'children' | 'branches' | 'chosen';
export type TargetStatus = 'pending' | 'on_time' | 'late' | 'overdue';

export const KIND_LABEL: Record<TaskKind, string> = { task: '工作任务', report: '报表/材料报送' };
export const MODE_LABEL: Record<TargetMode, string> = {
  children: '全部直属下级组织',
  branches: '全部党支部',
  chosen: '指定组织',
};
/** Red only for 逾期未报, orange for 逾期报送. */
export const STATUS_COLOR: Record<TargetStatus, string> = {
  pending: 'default',
  on_time: 'green',
  late: 'orange',
  overdue: 'red',
};
export const COLUMN_TYPE_LABEL = { text: '文本', number: '数字', date: '日期' } as const;

export interface Attachment {
  name: string;
  url?: string;
}
export interface FormColumn {
  name: string;
  type: 'text' | 'number' | 'date';
  required: boolean;
}
export interface Progress {
  total: number;
  reported: number;
  onTime: number;
  late: number;
  overdue: number;
  pending: number;
}
export interface Task {
  id: number;
  issuerOrgId: number;
  issuerName: string;
  title: string;
  content: string;
  kind: TaskKind;
  kindLabel: string;
  targetMode: TargetMode;
  issuedOn: string;
  deadline: string;
  attachments: Attachment[];
  formColumns: FormColumn[] | null;
  overCap: boolean;
}
export interface Target {
  orgId: number;
  orgName: string;
  status: TargetStatus;
  statusLabel: string;
  returned: boolean;
  returnReason: string | null;
  returnedCount: number;
  reportText: string | null;
  reportAttachments: Attachment[];
  reportRows?: Array<Record<string, string | number | null>> | null;
  submittedOn: string | null;
  lastUrgedAt: string | null;
  canReport?: boolean;
}
export interface OutboxTask extends Task {
  progress: Progress;
}
export interface Outbox {
  data: OutboxTask[];
  months: Array<{ month: string; tasks: number; reports: number; overCap: number }>;
  caps: { tasks: number; reports: number };
  org: { id: number; name: string };
  policies: { issue: boolean };
}
export interface InboxTask extends Task {
  target: Target;
  canReport: boolean;
}
export interface TaskDetail extends Task {
  progress: Progress;
  targets: Target[];
}
export interface NewTask {
  issuerOrgId: number;
  title: string;
  content: string;
  kind: TaskKind;
  deadline: string;
  targetMode: TargetMode;
  targetOrgIds: number[];
  attachments: Attachment[];
  formColumns?: FormColumn[];
  confirmOverCap: boolean;
}
export interface CapWarning {
  code: 'OVER_CAP';
  message: string;
  count: number;
  cap: number;
  month: string;
}
export interface ReportInput {
  text: string;
  attachments: Attachment[];
  form?: { fileName: string; contentBase64: string };
}

export const tasksApi = {
  outbox: (orgId: number) => http.get<Outbox>('/api/tasks/outbox', { query: { orgId } }),
  inbox: async (orgId: number) =>
    (await http.get<Envelope<InboxTask[]>>('/api/tasks/inbox', { query: { orgId } })).data,
  targets: (orgId: number) =>
    http.get<{
      data: Array<{ id: number; name: string; kind: string; parentId: number | null }>;
      counts: { children: number; branches: number };
    }>('/api/tasks/targets', { query: { orgId } }),
  get: (id: number) => http.get<Envelope<TaskDetail, { manage: boolean }>>(`/api/tasks/${id}`),
  /** Either the created task, or the 减负 warning (nothing written; resend with confirmOverCap). */
  create: (input: NewTask) =>
    http.post<{ data: OutboxTask | null; warning?: CapWarning }>('/api/tasks', input),
  report: async (id: number, orgId: number, input: ReportInput) =>
    (await http.post<Envelope<Target>>(`/api/tasks/${id}/targets/${orgId}/report`, input)).data,
  returnReport: async (id: number, orgId: number, reason: string) =>
    (await http.post<Envelope<Target>>(`/api/tasks/${id}/targets/${orgId}/return`, { reason })).data,
  remind: async (id: number) =>
    (await http.post<Envelope<{ urged: number; notified: number }>>(`/api/tasks/${id}/remind`)).data,
  formUrl: (id: number) => `/api/tasks/${id}/form.xlsx`,
};

/** A file's content as base64 (for the .xlsx form upload). */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error('读取文件失败'));
    reader.readAsDataURL(file);
  });
}
