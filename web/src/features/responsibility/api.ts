// API of 党建责任制 (责任清单, 责任书, 年度履责情况, 问责).
import { http, type Envelope } from '../../components/http';

export type ItemStatus = '进行中' | '已完成' | '逾期';

export interface ItemProgress {
  id: number;
  onDate: string;
  note: string;
  evidence: string;
  completes: boolean;
  actorName: string | null;
}

export interface RespItem {
  id: number;
  orgId: number;
  year: number;
  personId: number;
  personName: string;
  post: string;
  dutyKind: string;
  contactOrgId: number | null;
  contactOrgName: string | null;
  content: string;
  deadline: string;
  evidenceRequirement: string;
  completedOn: string | null;
  status: ItemStatus;
  progress: ItemProgress[];
}

export interface Holder {
  personId: number;
  name: string;
  post: string;
}

export interface ItemsAnswer {
  org: { id: number; name: string };
  year: number;
  today: string;
  holders: Holder[];
  items: RespItem[];
}

export interface NewItem {
  orgId: number;
  year: number;
  personId: number;
  post: string;
  contactOrgId?: number;
  content: string;
  deadline: string;
  evidenceRequirement?: string;
}

export interface NewProgress {
  onDate: string;
  note: string;
  evidence?: string;
  completes?: boolean;
}

export interface Letter {
  id: number;
  year: number;
  title: string;
  content: string;
  issuerOrgId: number;
  issuerOrgName: string;
  orgId: number;
  orgName: string;
  issuedOn: string;
  ackDue: string;
  state: 'acknowledged' | 'pending' | 'overdue';
  stateLabel: string;
  acknowledgedOn: string | null;
  acknowledgedName: string | null;
  canAcknowledge: boolean;
}

export interface LettersAnswer {
  org: { id: number; name: string };
  year: number;
  ackDays: number;
  issued: Letter[];
  received: Letter[];
  counts: { issued: number; acknowledged: number; pending: number; overdue: number };
}

export interface Summary {
  orgName: string;
  orgId: number;
  year: number;
  items: number;
  done: number;
  overdue: number;
  inProgress: number;
  byPerson: {
    personId: number;
    personName: string;
    post: string;
    items: number;
    done: number;
    overdue: number;
  }[];
  progressNotes: {
    itemId: number;
    personName: string;
    post: string;
    content: string;
    onDate: string;
    note: string;
    evidence: string;
  }[];
}

export interface AccRecord {
  id: number;
  type: string;
  reason: string;
  personId: number;
  personName: string;
  post: string;
  orgId: number;
  orgName: string;
  rectItemId: number | null;
  alertId: number | null;
  proposerOrgId: number;
  proposerOrgName: string;
  approverOrgId: number;
  status: 'proposed' | 'effective' | 'rejected';
  statusLabel: string;
  proposedName: string;
  proposedOn: string;
  decidedName: string | null;
  decidedOn: string | null;
  decisionNote: string | null;
  canDecide: boolean;
}

export interface NewAccRecord {
  type: string;
  personId: number;
  orgId: number;
  post: string;
  reason: string;
  rectItemId?: number;
  alertId?: number;
}

export const respApi = {
  items: (orgId: number, year: number) =>
    http
      .get<Envelope<ItemsAnswer>>('/api/responsibility/items', { query: { orgId, year } })
      .then((r) => r.data),
  createItem: (body: NewItem) =>
    http.post<Envelope<RespItem>>('/api/responsibility/items', body).then((r) => r.data),
  progress: (id: number, body: NewProgress) =>
    http.post<Envelope<RespItem>>(`/api/responsibility/items/${id}/progress`, body).then((r) => r.data),
  holders: (orgId: number) =>
    http.get<Envelope<Holder[]>>('/api/responsibility/holders', { query: { orgId } }).then((r) => r.data),
  summary: (orgId: number, year: number) =>
    http
      .get<Envelope<Summary>>('/api/responsibility/summary', { query: { orgId, year } })
      .then((r) => r.data),
  letters: (orgId: number, year: number) =>
    http
      .get<Envelope<LettersAnswer>>('/api/responsibility/letters', { query: { orgId, year } })
      .then((r) => r.data),
  issueLetters: (body: { issuerOrgId: number; year: number; title: string; content: string }) =>
    http.post<Envelope<Letter[]>>('/api/responsibility/letters', body).then((r) => r.data),
  acknowledge: (id: number) =>
    http.post<Envelope<Letter>>(`/api/responsibility/letters/${id}/acknowledge`).then((r) => r.data),
  accountability: (orgId: number) =>
    http.get<{ data: AccRecord[]; types: string[] }>('/api/accountability', { query: { orgId } }),
  propose: (body: NewAccRecord) =>
    http.post<Envelope<AccRecord>>('/api/accountability', body).then((r) => r.data),
  decide: (id: number, action: 'approve' | 'reject', note: string) =>
    http.post<Envelope<AccRecord>>(`/api/accountability/${id}/${action}`, { note }).then((r) => r.data),
};

export const STATUS_COLOR: Record<ItemStatus, string> = {
  进行中: 'processing',
  已完成: 'success',
  逾期: 'error',
};
export const LETTER_COLOR: Record<Letter['state'], string> = {
  acknowledged: 'success',
  pending: 'processing',
  overdue: 'error',
};
export const ACC_COLOR: Record<AccRecord['status'], string> = {
  proposed: 'processing',
  effective: 'red',
  rejected: 'default',
};

/** Findings a 问责 may be linked to: the target organisation's open rectification items and alerts. */
export const findingsApi = {
  rectifications: (orgId: number) =>
    http
      .get<
        Envelope<{
          items: { id: number; title: string; deadline: string; overdue: boolean; status: string }[];
        }>
      >('/api/rectifications', { query: { orgId } })
      .then((r) => r.data.items.filter((i) => i.status !== 'closed')),
  alerts: (orgId: number) =>
    http
      .get<{ data: { id: number; label: string; subject: string; detail: string }[] }>('/api/alerts', {
        query: { orgId, limit: 50, offset: 0 },
      })
      .then((r) => r.data),
};
