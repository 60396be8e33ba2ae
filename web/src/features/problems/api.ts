import { http, type Envelope } from '../../components/http';

export interface ProblemItem {
  id: number;
  source: string;
  sourceLabel: string;
  sourceType: string;
  orgId: number;
  orgCode: string;
  orgName: string;
  owner: string | null;
  title: string;
  status: 'open' | 'closure_requested' | 'closed';
  statusLabel: string;
  due: string;
  overdue: boolean;
  closedAt: string | null;
}

export interface SourceCount {
  source: string;
  label: string;
  open: number;
  overdue: number;
  closed: number;
}

export interface ProblemBoard {
  org: { id: number; code: string; name: string };
  items: ProblemItem[];
  total: number;
  sources: SourceCount[];
  summary: { open: number; overdue: number; closed: number };
  sourceOptions: Array<{ value: string; label: string }>;
}

export interface MeetingRow {
  id: number;
  type: string;
  title: string;
  heldOn: string;
  status: string;
}

export const problemKeys = {
  all: ['problems'] as const,
  board: (orgId: number, q: Record<string, string | number>) => ['problems', orgId, q] as const,
};

export const problemsApi = {
  board: async (
    orgId: number,
    q: { source?: string; open?: boolean; overdue?: boolean; limit: number; offset: number },
  ) =>
    (
      await http.get<Envelope<ProblemBoard>>('/api/problems', {
        query: {
          orgId,
          source: q.source || undefined,
          open: q.open ? '1' : undefined,
          overdue: q.overdue ? '1' : undefined,
          limit: q.limit,
          offset: q.offset,
        },
      })
    ).data,
  fromAlert: async (body: { alertId: number; deadline: string; title?: string; detail?: string }) =>
    (await http.post<Envelope<{ id: number }>>('/api/problems/from-alert', body)).data,
  fromMeeting: async (body: {
    meetingId: number;
    problems: Array<{ title: string; detail?: string; deadline: string }>;
  }) => (await http.post<Envelope<{ items: unknown[] }>>('/api/problems/from-meeting', body)).data,
  selfExaminationMeetings: async (orgId: number, from: string, to: string) =>
    (
      await http.get<Envelope<MeetingRow[]>>(`/api/org-life/orgs/${orgId}/meetings`, { query: { from, to } })
    ).data.filter((m) => (m.type === '组织生活会' || m.type === '民主生活会') && m.status === 'held'),
};
