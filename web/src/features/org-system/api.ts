import { http, type Envelope } from '../../components/http';

export type TermStatus = '正常' | '临近换届' | '逾期未换届';

export interface Term {
  id: number;
  orgId: number;
  number: number;
  electedOn: string;
  years: number;
  adjustMonths: number;
  adjustRef: string | null;
  adjustReason: string | null;
  termEnd: string;
  endedOn: string | null;
  status: TermStatus | null;
  basis: string | null;
}

export interface Renewal {
  id: number;
  stage: '已请示' | '已批复' | '已选举' | '已完成' | '已撤回';
  seats: number;
  requestedOn: string;
  plannedOn: string;
  requestNote: string | null;
  approvedOn: string | null;
  approvalRef: string | null;
  reportedOn: string | null;
  newTermId: number | null;
  election?: {
    heldOn: string;
    expected: number;
    present: number;
    seats: number;
    unfilled: number;
    candidates: { personId: number; name: string; votes: number; elected: boolean }[];
  } | null;
}

export interface TeamMember {
  positionId: number;
  personId: number;
  name: string;
  post: string;
  since: string;
  basis: string | null;
  approval: { id: number; state: string; decidedOn: string | null; ref: string | null } | null;
}

export interface Overview {
  org: { id: number; code: string; name: string; kind: string; sector: string };
  hasTerms: boolean;
  termYears: number | null;
  fullMembers: number;
  team: TeamMember[];
  history: { positionId: number; name: string; post: string; from: string; to: string | null; basis: string | null }[];
  currentTerm: Term | null;
  terms: Term[];
  renewals: Renewal[];
  openRenewal: Renewal | null;
}

export interface Policies {
  record: boolean;
  approve: boolean;
}

export interface Finding {
  orgId: number;
  orgCode: string;
  orgName: string;
  check: string;
  severity: '提示' | '警告' | '问题';
  detail: string;
  evidence: Record<string, unknown>;
}

export interface TermRow {
  orgId: number;
  orgCode: string;
  orgName: string;
  kind: string;
  number: number | null;
  termEnd: string | null;
  status: TermStatus | '未录入';
}

export interface WeakCase {
  id: number;
  orgId: number;
  orgCode?: string;
  orgName?: string;
  year: number;
  designatedOn: string;
  criteria: string[];
  measures: string;
  firstSecretary: string | null;
  villageCadres: string | null;
  state: '整顿中' | '待销号' | '已销号';
  closedOn: string | null;
  reviewNote: string | null;
  canClose: boolean;
  canRecord: boolean;
  progress: { id: number; on: string; note: string }[];
}

export interface Grading {
  id: number;
  orgId: number;
  orgCode?: string;
  orgName?: string;
  year: number;
  scheme: string;
  grade: string;
  evidence: string;
  approvedOn: string;
}

export interface GradingScheme {
  name: string;
  grades: string[];
  quotas: Record<string, number>;
}

const base = (orgId: number) => `/api/org-system/orgs/${orgId}`;

export const osApi = {
  overview: (orgId: number) => http.get<Envelope<Overview, Policies>>(`${base(orgId)}/team`),
  candidates: (orgId: number) => http.get<Envelope<{ personId: number; name: string }[]>>(`${base(orgId)}/candidates`),
  structure: (orgId: number) =>
    http.get<Envelope<{ org: { id: number; code: string; name: string }; on: string; counts: Record<string, number>; findings: Finding[] }>>(`${base(orgId)}/structure`),
  termStatus: (orgId: number) => http.get<Envelope<{ on: string; counts: Record<string, number>; terms: TermRow[] }>>(`${base(orgId)}/term-status`),
  weak: (orgId: number) =>
    http.get<Envelope<{ criteria: { code: string; label: string; automatic: boolean }[]; cases: WeakCase[]; signals: { orgId: number; orgCode: string; orgName: string; signals: { code: string; label: string; detail: string }[] }[] }>>(`${base(orgId)}/weak-cases`),
  gradings: (orgId: number, year: number) =>
    http.get<Envelope<{ year: number; schemes: Record<string, GradingScheme>; defaultScheme: string; gradings: Grading[] }>>(`${base(orgId)}/gradings`, { query: { year } }),
  recordTerm: (orgId: number, body: { number: number; electedOn: string; endedOn?: string | null }) => http.post<Envelope<Term>>(`${base(orgId)}/terms`, body),
  requestRenewal: (orgId: number, body: { requestedOn: string; plannedOn: string; seats: number; note?: string }) => http.post<Envelope<Renewal>>(`${base(orgId)}/renewals`, body),
  approveRenewal: (id: number, body: { approvedOn: string; approvalRef: string }) => http.post<Envelope<Renewal>>(`/api/org-system/renewals/${id}/approve`, body),
  recordElection: (id: number, body: { heldOn: string; expected: number; present: number; candidates: { personId: number; votes: number }[]; posts: { personId: number; post: string }[] }) =>
    http.post<Envelope<Renewal>>(`/api/org-system/renewals/${id}/election`, body),
  reportRenewal: (id: number, body: { reportedOn: string; note?: string }) => http.post<Envelope<Renewal>>(`/api/org-system/renewals/${id}/report`, body),
  decideApproval: (id: number, body: { decision: 'approve' | 'reject'; decidedOn: string; ref?: string }) => http.post<Envelope<unknown>>(`/api/org-system/approvals/${id}/decide`, body),
  designateWeak: (orgId: number, body: { year: number; designatedOn: string; criteria: string[]; measures: string; firstSecretary?: string; villageCadres?: string }) =>
    http.post<Envelope<WeakCase>>(`${base(orgId)}/weak-cases`, body),
  weakProgress: (id: number, body: { on: string; note: string; submitForClosure?: boolean }) => http.post<Envelope<WeakCase>>(`/api/org-system/weak-cases/${id}/progress`, body),
  closeWeak: (id: number, body: { closedOn: string; reviewNote: string }) => http.post<Envelope<WeakCase>>(`/api/org-system/weak-cases/${id}/close`, body),
  grade: (orgId: number, body: { year: number; scheme?: string; grade: string; evidence: string; approvedOn: string }) => http.post<Envelope<Grading>>(`${base(orgId)}/gradings`, body),
  exportUrl: (orgId: number) => `${base(orgId)}/structure.xlsx`,
};

export const osKeys = {
  all: ['org-system'] as const,
  overview: (orgId: number) => ['org-system', 'overview', orgId] as const,
  candidates: (orgId: number) => ['org-system', 'candidates', orgId] as const,
  structure: (orgId: number) => ['org-system', 'structure', orgId] as const,
  termStatus: (orgId: number) => ['org-system', 'term-status', orgId] as const,
  weak: (orgId: number) => ['org-system', 'weak', orgId] as const,
  gradings: (orgId: number, year: number) => ['org-system', 'gradings', orgId, year] as const,
};
