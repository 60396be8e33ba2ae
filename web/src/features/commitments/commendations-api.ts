import { http, type Envelope } from '../../components/http';

export const COMMENDATION_CATEGORIES = ['优秀共产党员', '优秀党务工作者', '先进基层党组织'] as const;
export type CommendationCategory = (typeof COMMENDATION_CATEGORIES)[number];
export const EVIDENCE_KINDS: Record<string, string> = {
  commitment: '公开承诺',
  evaluation: '述职评议结果',
  member_review: '民主评议党员结果',
  meeting: '组织生活会议',
};
export const NOMINATION_COLORS: Record<string, string> = {
  nominated: 'processing',
  approved: 'green',
  rejected: 'red',
};

export interface RoundPolicies {
  manage: boolean;
  nominate: boolean;
}

export interface Round {
  id: number;
  orgId: number;
  orgName: string;
  year: number;
  title: string;
  nominateFrom: string;
  nominateTo: string;
  nominationOpen: boolean;
  status: 'open' | 'publicity' | 'archived';
  statusLabel: string;
  publicityFrom: string | null;
  publicityEndsOn: string | null;
  publicityWorkingDays: number | null;
  publicityOver: boolean;
  archivedOn: string | null;
  policies?: RoundPolicies;
}

export interface Nomination {
  id: number;
  roundId: number;
  orgId: number;
  orgName: string;
  category: string;
  nomineePersonId: number | null;
  nomineeOrgId: number | null;
  nomineeName: string;
  nomineeOrgName: string;
  reason: string;
  evidence: Array<{ kind: string; id: number; label: string }>;
  status: string;
  statusLabel: string;
  decisionReason: string | null;
  decidedOn: string | null;
}

export interface Honour {
  id: number;
  roundId: number;
  roundTitle: string;
  roundOrgName: string;
  category: string;
  nomineeName: string;
  nomineeOrgName: string;
  nominatedBy: string;
  reason: string;
  decidedOn: string | null;
}

export interface PublicRound {
  id: number;
  title: string;
  orgName: string;
  year: number;
  status: string;
  statusLabel: string;
  publicityFrom: string | null;
  publicityEndsOn: string | null;
  publicityOver: boolean;
  nominees: Array<{
    id: number;
    category: string;
    name: string;
    orgName: string;
    reason: string;
    statusLabel: string;
  }>;
}

export interface NewNomination {
  orgId?: number;
  category: CommendationCategory;
  nomineePersonId?: number;
  nomineeOrgId?: number;
  reason: string;
  evidence: Array<{ kind: string; id: number }>;
}

export const commendationsApi = {
  rounds: (orgId: number, year?: number) =>
    http.get<Envelope<Round[]>>('/api/commendations/rounds', { query: { orgId, year } }).then((r) => r.data),
  open: (body: { orgId: number; year: number; title: string; nominateFrom: string; nominateTo: string }) =>
    http.post<Envelope<Round>>('/api/commendations/rounds', body).then((r) => r.data),
  round: (id: number) =>
    http.get<Envelope<Round & { nominations: Nomination[] }, RoundPolicies>>(
      `/api/commendations/rounds/${id}`,
    ),
  nominate: (id: number, body: NewNomination) =>
    http.post<Envelope<Nomination>>(`/api/commendations/rounds/${id}/nominations`, body).then((r) => r.data),
  startPublicity: (id: number) => http.post<Envelope<Round>>(`/api/commendations/rounds/${id}/publicity`),
  archive: (id: number) => http.post<Envelope<Round>>(`/api/commendations/rounds/${id}/archive`),
  decide: (nominationId: number, action: 'approve' | 'reject', reason?: string) =>
    http.post<Envelope<Nomination>>(`/api/commendations/nominations/${nominationId}/decision`, {
      action,
      ...(reason ? { reason } : {}),
    }),
  honours: (orgId: number, year: number) =>
    http
      .get<Envelope<Honour[]>>('/api/commendations/archive', { query: { orgId, year } })
      .then((r) => r.data),
  publicRounds: (org: string) =>
    http.get<Envelope<PublicRound[]>>('/api/public/commendations', { query: { org } }).then((r) => r.data),
};
