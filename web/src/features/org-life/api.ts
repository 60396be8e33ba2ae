import { http, type Envelope } from '../../components/http';

export const MEETING_TYPES = [
  '支部党员大会',
  '支部委员会会议',
  '党小组会',
  '党课',
  '主题党日',
  '组织生活会',
  '民主生活会',
] as const;
export const HEATMAP_TYPES = [
  '主题党日',
  '支部委员会会议',
  '支部党员大会',
  '党课',
  '组织生活会',
  '民主生活会',
] as const;

export interface MeetingSummary {
  id: number;
  type: string;
  title: string;
  heldOn: string;
  startTime: string | null;
  place: string | null;
  status: 'scheduled' | 'held' | 'cancelled';
  expected: number;
  present: number;
  minutesChars: number;
}

export interface AttendanceEntry {
  personId: number;
  name: string;
  status: string;
  exclusion: string | null;
  method: string | null;
  reason: string | null;
  signedAt: string | null;
}

export interface Meeting {
  id: number;
  orgId: number;
  orgCode: string;
  orgName: string;
  type: string;
  title: string;
  heldOn: string;
  startTime: string | null;
  place: string | null;
  status: 'scheduled' | 'held' | 'cancelled';
  agenda: string | null;
  minutes: string | null;
  resolutions: string | null;
  speaker: string | null;
  topic: string | null;
  minutesChars: number;
  recordedOn: string | null;
  locked: boolean;
  counts: { expected: number; present: number; leave: number; absent: number; excluded: number };
  attendance: AttendanceEntry[];
  attachments: { id: number; fileName: string; mimeType: string; sizeBytes: number }[];
  exclusions: { code: string; label: string }[];
}

export interface MeetingPolicies {
  record: boolean;
  attendance: boolean;
  cancel: boolean;
  signInCode: boolean;
}

export interface ScheduleInput {
  orgId: number;
  type: string;
  title: string;
  heldOn: string;
  startTime?: string;
  place?: string;
  agenda?: string;
  speaker?: string;
  topic?: string;
  repeatMonthlyUntil?: string;
}

export interface HeatmapData {
  org: { id: number; code: string; name: string };
  year: number;
  type: string;
  months: string[];
  rows: {
    orgId: number;
    orgCode: string;
    orgName: string;
    applies: boolean;
    cells: { month: string; unit: string; held: number; status: string }[];
  }[];
}

export interface ComplianceData {
  org: string;
  orgName: string;
  period: string;
  rows: {
    orgId: number;
    orgCode: string;
    orgName: string;
    type: string;
    required: number;
    held: number;
    status: string;
  }[];
  findings: {
    orgCode: string;
    orgName: string;
    code: string;
    detail: string;
    meetingId?: number;
    otherMeetingId?: number;
    similarity?: number;
  }[];
}

export interface SignInInfo {
  id: number;
  title: string;
  type: string;
  heldOn: string;
  startTime: string | null;
  place: string | null;
  orgName: string;
  myStatus: string | null;
}

export interface TalkPersonRef {
  personId: number;
  name: string;
}

export interface TalksData {
  talks: {
    id: number;
    heldOn: string;
    topic: string;
    followUp: string | null;
    talker: string;
    talkee: string;
  }[];
  coverage: { members: number; covered: number; missing: TalkPersonRef[] };
  pairs: {
    rule: { committeeEachOther: boolean; committeeWithMembers: string };
    required: number;
    covered: number;
    missing: { a: TalkPersonRef; b: TalkPersonRef }[];
  };
  people: TalkPersonRef[];
}

export interface TalkCoverageData {
  org: { id: number; code: string; name: string };
  year: number;
  rows: {
    orgId: number;
    orgCode: string;
    orgName: string;
    required: number;
    covered: number;
    missing: number;
  }[];
}

export interface TalkInput {
  orgId: number;
  talkerPersonId: number;
  talkeePersonId: number;
  heldOn: string;
  topic: string;
  followUp?: string;
}

export const orgLifeApi = {
  async talks(orgId: number, year: number, signal?: AbortSignal) {
    return http.get<Envelope<TalksData, { create: boolean }>>(`/api/org-life/orgs/${orgId}/talks`, {
      query: { year },
      ...(signal ? { signal } : {}),
    });
  },
  async talkCoverage(orgId: number, year: number, signal?: AbortSignal) {
    return (
      await http.get<Envelope<TalkCoverageData>>(`/api/org-life/orgs/${orgId}/talk-coverage`, {
        query: { year },
        ...(signal ? { signal } : {}),
      })
    ).data;
  },
  async uploadAttachment(id: number, input: { fileName: string; mimeType: string; contentBase64: string }) {
    return (await http.post<Envelope<{ id: number }>>(`/api/org-life/meetings/${id}/attachments`, input))
      .data;
  },
  async createTalk(input: TalkInput) {
    return (await http.post<Envelope<{ id: number }>>('/api/org-life/talks', input)).data;
  },
  async meetings(orgId: number, from: string, to: string, signal?: AbortSignal) {
    return http.get<Envelope<MeetingSummary[], { schedule: boolean }>>(
      `/api/org-life/orgs/${orgId}/meetings`,
      { query: { from, to }, ...(signal ? { signal } : {}) },
    );
  },
  async meeting(id: number, signal?: AbortSignal) {
    return http.get<Envelope<Meeting, MeetingPolicies>>(
      `/api/org-life/meetings/${id}`,
      signal ? { signal } : {},
    );
  },
  async schedule(input: ScheduleInput) {
    return (await http.post<Envelope<Meeting[]>>('/api/org-life/meetings', input)).data;
  },
  async record(
    id: number,
    input: {
      agenda?: string;
      minutes: string;
      resolutions?: string;
      speaker?: string;
      topic?: string;
      reason?: string;
    },
  ) {
    return (await http.put<Envelope<Meeting>>(`/api/org-life/meetings/${id}/record`, input)).data;
  },
  async attendance(
    id: number,
    input: { personId: number; status: string; reason?: string; exclusion?: string },
  ) {
    return (await http.post<Envelope<Meeting['counts']>>(`/api/org-life/meetings/${id}/attendance`, input))
      .data;
  },
  async cancel(id: number, reason: string) {
    return (await http.post<Envelope<Meeting>>(`/api/org-life/meetings/${id}/cancel`, { reason })).data;
  },
  async signInCode(id: number) {
    return (
      await http.post<Envelope<{ token: string; expiresAt: string; path: string }>>(
        `/api/org-life/meetings/${id}/sign-in-code`,
      )
    ).data;
  },
  async signInInfo(id: number, signal?: AbortSignal) {
    return (
      await http.get<Envelope<SignInInfo>>(`/api/org-life/meetings/${id}/sign-in`, signal ? { signal } : {})
    ).data;
  },
  async signIn(id: number, token: string) {
    return (
      await http.post<Envelope<{ status: string; present: number; expected: number; title: string }>>(
        `/api/org-life/meetings/${id}/sign-in`,
        { token },
      )
    ).data;
  },
  async heatmap(orgId: number, year: number, type: string, signal?: AbortSignal) {
    return (
      await http.get<Envelope<HeatmapData>>(`/api/org-life/orgs/${orgId}/heatmap`, {
        query: { year, type },
        ...(signal ? { signal } : {}),
      })
    ).data;
  },
  async compliance(orgId: number, year: number, month?: number, signal?: AbortSignal) {
    return (
      await http.get<Envelope<ComplianceData>>(`/api/org-life/orgs/${orgId}/compliance`, {
        query: { year, month },
        ...(signal ? { signal } : {}),
      })
    ).data;
  },
};

export interface PlanItemInput {
  period: string;
  type: string;
  theme: string;
}

export interface PlanData {
  org: { id: number; code: string; name: string; kind: string; isBranch: boolean };
  parent: { id: number; name: string } | null;
  year: number;
  status: 'draft' | 'submitted' | 'acknowledged' | null;
  statusLabel: string;
  submittedAt: string | null;
  acknowledgedAt: string | null;
  requiredTypes: string[];
  items: Array<
    PlanItemInput & {
      outcome: '已召开' | '推迟召开' | '未召开' | '未到期';
      meetingId: number | null;
      heldOn: string | null;
    }
  >;
  gaps: Array<{ type: string; period: string; planned: number; required: number }>;
}

export interface PlanPolicies {
  edit: boolean;
  submit: boolean;
  acknowledge: boolean;
}

export interface PlanOverviewData {
  org: { id: number; code: string; name: string };
  year: number;
  totals: { branches: number; submitted: number; acknowledged: number; draft: number; none: number };
  rows: Array<{
    orgId: number;
    orgCode: string;
    orgName: string;
    status: string | null;
    statusLabel: string;
    items: number;
    submittedAt: string | null;
  }>;
  copies: Array<{
    code: string;
    a: { orgId: number; orgCode: string; orgName: string };
    b: { orgId: number; orgCode: string; orgName: string };
    similarity: number;
    detail: string;
  }>;
}

export const plansApi = {
  async plan(orgId: number, year: number, signal?: AbortSignal) {
    return http.get<Envelope<PlanData, PlanPolicies>>(
      `/api/org-life/orgs/${orgId}/plans/${year}`,
      signal ? { signal } : {},
    );
  },
  async save(orgId: number, year: number, items: PlanItemInput[]) {
    return http.put<Envelope<PlanData, PlanPolicies>>(`/api/org-life/orgs/${orgId}/plans/${year}`, { items });
  },
  async submit(orgId: number, year: number) {
    return http.post<Envelope<PlanData, PlanPolicies>>(`/api/org-life/orgs/${orgId}/plans/${year}/submit`);
  },
  async acknowledge(orgId: number, year: number) {
    return http.post<Envelope<PlanData, PlanPolicies>>(
      `/api/org-life/orgs/${orgId}/plans/${year}/acknowledge`,
    );
  },
  async overview(orgId: number, year: number, signal?: AbortSignal) {
    return (
      await http.get<Envelope<PlanOverviewData>>(`/api/org-life/orgs/${orgId}/plan-overview`, {
        query: { year },
        ...(signal ? { signal } : {}),
      })
    ).data;
  },
};

export interface SeriesListData {
  org: { id: number; code: string; name: string };
  year: number;
  series: Array<{
    id: number;
    type: string;
    theme: string;
    heldOn: string;
    deadline: string;
    issuer: string;
    total: number;
    done: number;
    overdue: boolean;
  }>;
  branches: Array<{ id: number; code: string; name: string }>;
}

export interface SeriesDetail {
  id: number;
  theme: string;
  type: string;
  materials: string | null;
  heldOn: string;
  deadline: string;
  branches: Array<{
    meetingId: number;
    orgId: number;
    orgCode: string;
    orgName: string;
    status: 'scheduled' | 'held' | 'cancelled';
    heldOn: string;
  }>;
  done: number;
  total: number;
}

export interface SeriesInput {
  issuerOrgId: number;
  type: string;
  theme: string;
  materials?: string;
  heldOn: string;
  deadline: string;
  orgIds: number[];
}

export const seriesApi = {
  async list(orgId: number, year: number, signal?: AbortSignal) {
    return http.get<Envelope<SeriesListData, { issue: boolean }>>(`/api/org-life/orgs/${orgId}/series`, {
      query: { year },
      ...(signal ? { signal } : {}),
    });
  },
  async detail(id: number, signal?: AbortSignal) {
    return (await http.get<Envelope<SeriesDetail>>(`/api/org-life/series/${id}`, signal ? { signal } : {}))
      .data;
  },
  async issue(input: SeriesInput) {
    return (
      await http.post<Envelope<{ id: number; created: number; skipped: string[] }>>(
        '/api/org-life/series',
        input,
      )
    ).data;
  },
};
