import { http, type Envelope } from '../../components/http';

export type Severity = 'red' | 'orange' | 'yellow';

export const SEVERITY_LABEL: Record<Severity, string> = { red: '红色', orange: '橙色', yellow: '黄色' };
export const SEVERITY_COLOR: Record<Severity, string> = {
  red: '#cf1322',
  orange: '#d46b08',
  yellow: '#d4b106',
};
export const SEVERITY_TAG: Record<Severity, string> = { red: 'red', orange: 'orange', yellow: 'gold' };

export interface Kpi {
  key: string;
  label: string;
  value: number | null;
  unit: string;
  definition: string;
}

export interface Todo {
  kind: string;
  title: string;
  detail?: string;
  due: string | null;
  link: string;
  orgName?: string;
  severity?: Severity;
}

export interface MonthRow {
  type: string;
  required: number;
  held: number;
  status: string;
  reason: string | null;
}

export interface Workbench {
  org: { id: number; name: string; code: string; kind: string };
  kpis: Kpi[];
  alerts: { byCode: Record<string, number>; bySeverity: Record<Severity, number> };
  todos: Todo[];
  month: MonthRow[] | null;
}

export interface Ranking {
  orgId: number;
  indicators: {
    key: string;
    label: string;
    unit: string;
    rows: { orgId: number; orgName: string; value: number | null }[];
  }[];
}

export interface Trends {
  orgId: number;
  months: string[];
  series: { key: string; label: string; unit: string; values: (number | null)[] }[];
}

export interface AlertCode {
  code: string;
  label: string;
  group: string;
  role: string;
  severity: Severity;
}

export interface AlertRow {
  id: number;
  code: string;
  label: string;
  severity: Severity;
  orgId: number;
  orgCode: string;
  orgName: string;
  subject: string;
  since: string;
  due: string | null;
  detail: string;
  link: string;
}

export interface AlertChildren {
  orgId: number;
  byCode: Record<string, number>;
  bySeverity: Record<Severity, number>;
  children: { orgId: number; code: string; n: number }[];
}

export const workbenchKeys = {
  workbench: (orgId: number) => ['workbench', orgId] as const,
  ranking: (orgId: number) => ['workbench', orgId, 'ranking'] as const,
  trends: (orgId: number) => ['workbench', orgId, 'trends'] as const,
  codes: ['alerts', 'codes'] as const,
  counts: (orgId: number) => ['alerts', orgId, 'counts'] as const,
  alerts: (orgId: number, code: string, severity: string, page: number) =>
    ['alerts', orgId, code, severity, page] as const,
};

export const workbenchApi = {
  workbench: (orgId: number) => http.get<Envelope<Workbench>>(`/api/workbench?orgId=${orgId}`),
  ranking: (orgId: number) => http.get<Envelope<Ranking>>(`/api/workbench/ranking?orgId=${orgId}`),
  trends: (orgId: number) => http.get<Envelope<Trends>>(`/api/workbench/trends?orgId=${orgId}`),
  codes: () => http.get<Envelope<AlertCode[]>>('/api/alerts/codes'),
  counts: (orgId: number) => http.get<Envelope<AlertChildren>>(`/api/alerts/counts?orgId=${orgId}`),
  alerts: (orgId: number, q: { code?: string; severity?: string; limit: number; offset: number }) => {
    const p = new URLSearchParams({ orgId: String(orgId), limit: String(q.limit), offset: String(q.offset) });
    if (q.code) p.set('code', q.code);
    if (q.severity) p.set('severity', q.severity);
    return http.get<{ data: AlertRow[]; total: number; limit: number; offset: number }>(`/api/alerts?${p}`);
  },
};
