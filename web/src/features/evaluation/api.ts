import { http, type Envelope } from '../../components/http';

export type SecretaryGrade = '好' | '较好' | '一般' | '差';
export const SECRETARY_GRADES: SecretaryGrade[] = ['好', '较好', '一般', '差'];
export const MEMBER_GRADES = ['优秀', '合格', '基本合格', '不合格'] as const;

export interface Campaign {
  id: number;
  title: string;
  year: number;
  orgId: number;
  orgCode: string;
  orgName: string;
  level: number;
  parentCampaignId: number | null;
  status: 'reporting' | 'voting' | 'reviewing' | 'published';
  statusName: string;
  meetingOn: string | null;
  weights: { vote: number; indicators: number; comment: number };
  boxId: number | null;
  publishedAt: string | null;
}

export interface Subject {
  id: number;
  orgId: number;
  orgCode: string;
  orgName: string;
  personId: number;
  name: string;
  reportOrder: number;
  reportText: string | null;
  problems: string[];
  submittedAt: string | null;
  comment: { text: string | null; grade: SecretaryGrade } | null;
  indicators: Array<{ key: string; title: string; score: number; detail: string }>;
  tally: Record<string, number>;
  percents: Record<string, number> | null;
  score: number | null;
  grade: string | null;
}

export interface RectSummary {
  total: number;
  open: number;
  closureRequested: number;
  closed: number;
  overdue: number;
}

export interface CampaignDetail extends Campaign {
  subjects: Subject[];
  voting: {
    boxId: number;
    status: string;
    expected: number;
    cast: number;
    turnoutPercent: number;
    quorumMet: boolean;
    issuedTokens: number;
  } | null;
  interviews: Array<{ id: number; subjectId: number; reason: string; status: string }>;
  rectifications: RectSummary;
}

export interface CampaignPolicies {
  openVoting: boolean;
  comment: boolean;
  publish: boolean;
  submitReport: boolean;
}

export interface LinkedCampaign extends Campaign {
  subjects: number;
  grades: Record<string, number>;
  rectifications: RectSummary;
}

export interface Rectification {
  id: number;
  sourceType: string;
  orgId: number;
  owner: { personId: number; name: string | null } | null;
  title: string;
  detail: string;
  deadline: string;
  status: 'open' | 'closure_requested' | 'closed';
  evidence: string | null;
  overdue: boolean;
}

export interface RectificationDetail extends Rectification {
  progress: Array<{
    id: number;
    kind: string;
    note: string;
    evidence: string | null;
    actorName: string | null;
    at: string;
  }>;
}

export interface MemberReview {
  id: number;
  orgId: number;
  orgName: string;
  year: number;
  stage: 'study' | 'self' | 'vote' | 'assess' | 'published';
  stageName: string;
  studyNote: string | null;
  members?: number;
  selfDone?: number;
  grades?: Record<string, number>;
}

export interface MemberReviewDetail extends MemberReview {
  excellentCap: number;
  voting: {
    status: string;
    expected: number;
    cast: number;
    turnoutPercent: number;
    quorumMet: boolean;
  } | null;
  entries: Array<{
    id: number;
    personId: number;
    name: string;
    selfText: string | null;
    selfDone: boolean;
    grade: string | null;
    reason: string | null;
    tally: Record<string, number> | null;
  }>;
}

export interface MyEvaluations {
  personId: number | null;
  rectifications: Rectification[];
  reviews: Array<{
    id: number;
    year: number;
    orgName: string;
    stage: string;
    stageName: string;
    selfText: string | null;
    grade: string | null;
    ballotTaken: boolean;
  }>;
}

export const evaluationApi = {
  campaigns: async (year?: number) =>
    (await http.get<Envelope<Campaign[]>>('/api/evaluation/campaigns', { query: { year } })).data,
  campaign: async (id: number) => {
    const res = await http.get<Envelope<CampaignDetail, CampaignPolicies>>(`/api/evaluation/campaigns/${id}`);
    return { campaign: res.data, policies: res.policies! };
  },
  linked: async (id: number) =>
    (
      await http.get<Envelope<{ campaigns: LinkedCampaign[]; rectifications: RectSummary }>>(
        `/api/evaluation/campaigns/${id}/linked`,
      )
    ).data,
  createCampaign: async (body: { orgId: number; year: number; title: string; meetingOn?: string }) =>
    (
      await http.post<Envelope<Campaign & { subjects: number; vacantOrgs: Array<{ orgName: string }> }>>(
        '/api/evaluation/campaigns',
        body,
      )
    ).data,
  submitReport: async (subjectId: number, body: { reportText: string; problems: string[] }) =>
    (await http.put<Envelope<Subject>>(`/api/evaluation/subjects/${subjectId}/report`, body)).data,
  comment: async (subjectId: number, body: { text: string; grade: SecretaryGrade }) =>
    (await http.put<Envelope<Subject>>(`/api/evaluation/subjects/${subjectId}/comment`, body)).data,
  openVoting: async (id: number, expectedVoters: number) =>
    (
      await http.post<Envelope<{ tokens: string[] }>>(`/api/evaluation/campaigns/${id}/voting`, {
        expectedVoters,
      })
    ).data,
  closeBox: async (boxId: number) =>
    (await http.post<Envelope<unknown>>(`/api/voting/boxes/${boxId}/close`)).data,
  publish: async (id: number, scopeOrgId: number) =>
    (
      await http.post<Envelope<{ rectifications: number }>>(`/api/evaluation/campaigns/${id}/publish`, {
        scopeOrgId,
      })
    ).data,
  rectifications: async (orgId: number, overdue: boolean) =>
    (
      await http.get<Envelope<{ items: Rectification[]; summary: RectSummary }>>('/api/rectifications', {
        query: { orgId, overdue: overdue ? '1' : undefined },
      })
    ).data,
  rectification: async (id: number) => {
    const res = await http.get<Envelope<RectificationDetail, { review: boolean; report: boolean }>>(
      `/api/rectifications/${id}`,
    );
    return { item: res.data, policies: res.policies! };
  },
  progress: async (id: number, note: string) =>
    (await http.post<Envelope<Rectification>>(`/api/rectifications/${id}/progress`, { note })).data,
  requestClosure: async (id: number, note: string, evidence: string) =>
    (
      await http.post<Envelope<Rectification>>(`/api/rectifications/${id}/request-closure`, {
        note,
        evidence,
      })
    ).data,
  review: async (id: number, approve: boolean, note: string) =>
    (await http.post<Envelope<Rectification>>(`/api/rectifications/${id}/review`, { approve, note })).data,
  reviews: async (orgId: number) =>
    (await http.get<Envelope<MemberReview[]>>('/api/evaluation/member-reviews', { query: { orgId } })).data,
  review_: async (id: number) => {
    const res = await http.get<Envelope<MemberReviewDetail, { manage: boolean; lead: boolean }>>(
      `/api/evaluation/member-reviews/${id}`,
    );
    return { review: res.data, policies: res.policies! };
  },
  createReview: async (orgId: number, year: number) =>
    (await http.post<Envelope<MemberReview>>('/api/evaluation/member-reviews', { orgId, year })).data,
  advance: async (id: number, stage: string, studyNote?: string) =>
    (
      await http.post<Envelope<MemberReview>>(`/api/evaluation/member-reviews/${id}/stage`, {
        stage,
        ...(studyNote ? { studyNote } : {}),
      })
    ).data,
  assess: async (
    id: number,
    grades: Array<{ personId: number; grade: string; reason: string }>,
    decidedBy: string,
  ) =>
    (
      await http.put<Envelope<unknown>>(`/api/evaluation/member-reviews/${id}/assessment`, {
        grades,
        decidedBy,
      })
    ).data,
  selfReview: async (id: number, text: string) =>
    (await http.put<Envelope<unknown>>(`/api/evaluation/member-reviews/${id}/self`, { text })).data,
  takeBallot: async (id: number) =>
    (await http.post<Envelope<{ token: string }>>(`/api/evaluation/member-reviews/${id}/ballot`)).data,
  my: async () => (await http.get<Envelope<MyEvaluations>>('/api/evaluation/my')).data,
};

export const ballotUrl = (token: string) => `${window.location.origin}/vote#${encodeURIComponent(token)}`;
