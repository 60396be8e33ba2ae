import { http, type Envelope } from '../../components/http';

export const PLAN_KINDS = ['专项督查', '常规督查', '随机抽查'] as const;
export const ITEM_RESULTS = ['符合', '基本符合', '不符合'] as const;
export const SEVERITIES = ['一般', '较重', '严重'] as const;

export const RESULT_COLOR: Record<string, string> = { 符合: 'green', 基本符合: 'gold', 不符合: 'red' };
export const SEVERITY_COLOR: Record<string, string> = { 一般: 'default', 较重: 'orange', 严重: 'red' };
export const TARGET_STATUS_COLOR: Record<string, string> = {
  visited: 'green',
  overdue: 'red',
  planned: 'blue',
};
export const RECT_STATUS_LABEL: Record<string, string> = {
  open: '整改中',
  closure_requested: '待审核销号',
  closed: '已销号',
};

export interface Plan {
  id: number;
  orgId: number;
  orgName: string;
  title: string;
  year: number;
  periodFrom: string;
  periodTo: string;
  kind: string;
  inspectors: string[];
  note: string;
  createdAt: string;
}
export interface PlanRow extends Plan {
  targets: number;
  visited: number;
  overdue: number;
}
export interface ChecklistItem {
  code: string;
  label: string;
}
export interface PlanTarget {
  id: number;
  orgId: number;
  orgName: string;
  plannedOn: string;
  status: 'visited' | 'overdue' | 'planned';
  statusLabel: string;
  visit: { id: number; visitedOn: string; findings: number; seriousFindings: number } | null;
}
export interface PlanDetail extends Plan {
  targets: PlanTarget[];
  checklist: ChecklistItem[];
}
export interface NewPlan {
  orgId: number;
  title: string;
  year: number;
  periodFrom: string;
  periodTo: string;
  kind: string;
  inspectors: string[];
  note?: string;
  targets: Array<{ orgId: number; plannedOn: string }>;
}
export interface Finding {
  id: number;
  text: string;
  severity: string;
  itemCode: string;
  itemLabel: string;
  recordedOn: string;
  rectItemId: number | null;
  rect: { id: number; status: string; deadline: string; overdue: boolean; closedAt: string | null } | null;
  defaultDeadline: string;
}
export interface VisitDetail {
  id: number;
  plan: { id: number; title: string; kind: string; orgName: string };
  orgId: number;
  orgName: string;
  visitedOn: string;
  inspectors: string[];
  checklist: Array<{ code: string; label: string; result: string; note: string }>;
  conclusion: string;
  findings: Finding[];
  photos: Array<{ id: number; fileName: string; size: number }>;
}
export interface NewVisit {
  orgId: number;
  visitedOn: string;
  inspectors: string[];
  checklist: Array<{ code: string; result: string; note?: string }>;
  findings: Array<{ text: string; severity: string; itemCode: string }>;
  conclusion: string;
}
export interface ReceivedVisit {
  id: number;
  plan: { id: number; title: string; kind: string; orgName: string };
  orgId: number;
  orgName: string;
  visitedOn: string;
  conclusion: string;
  notMet: number;
  findings: Finding[];
}

export interface BulletinRow {
  id: number;
  orgId: number;
  orgName: string;
  title: string;
  issuedOn: string;
  direction: 'published' | 'received';
  recipients: number;
  readOrgs: number;
  readByMe: boolean;
}
export interface BulletinExample {
  id: number;
  text: string;
  orgId: number | null;
  orgName: string | null;
  visitId: number | null;
}
export interface BulletinDetail {
  id: number;
  orgId: number;
  orgName: string;
  title: string;
  issuedOn: string;
  content: string;
  praised: BulletinExample[];
  criticised: BulletinExample[];
  recipients: Array<{ orgId: number; orgName: string }>;
  receiptRecorded: boolean;
}
export interface NewBulletin {
  orgId: number;
  title: string;
  content: string;
  recipientOrgIds?: number[];
  examples: Array<{ kind: string; text: string; orgId?: number }>;
}
export interface Receipts {
  bulletinId: number;
  unreadDays: number;
  read: number;
  unread: number;
  rows: Array<{
    orgId: number;
    orgName: string;
    read: boolean;
    firstReadAt: string | null;
    readers: string[];
    longUnread: boolean;
  }>;
}

export const inspectionApi = {
  plans: (orgId: number, year?: number) =>
    http.get<Envelope<PlanRow[], { create: boolean }>>('/api/inspections/plans', { query: { orgId, year } }),
  plan: (id: number) => http.get<Envelope<PlanDetail>>(`/api/inspections/plans/${id}`).then((r) => r.data),
  createPlan: (body: NewPlan) =>
    http.post<Envelope<Plan>>('/api/inspections/plans', body).then((r) => r.data),
  recordVisit: (planId: number, body: NewVisit) =>
    http
      .post<Envelope<{ id: number; findingIds: number[] }>>(`/api/inspections/plans/${planId}/visits`, body)
      .then((r) => r.data),
  visit: (id: number) =>
    http.get<Envelope<VisitDetail, { manage: boolean }>>(`/api/inspections/visits/${id}`),
  rectify: (findingId: number, deadline: string) =>
    http.post(`/api/inspections/findings/${findingId}/rectify`, { deadline }),
  received: (orgId: number, year?: number) =>
    http
      .get<Envelope<ReceivedVisit[]>>('/api/inspections/received', { query: { orgId, year } })
      .then((r) => r.data),
  bulletins: (orgId: number) =>
    http.get<Envelope<BulletinRow[], { publish: boolean }>>('/api/bulletins', { query: { orgId } }),
  bulletin: (id: number) => http.get<Envelope<BulletinDetail, { receipts: boolean }>>(`/api/bulletins/${id}`),
  publish: (body: NewBulletin) =>
    http.post<Envelope<{ id: number; notified: number }>>('/api/bulletins', body).then((r) => r.data),
  receipts: (id: number) => http.get<Envelope<Receipts>>(`/api/bulletins/${id}/receipts`).then((r) => r.data),
};
