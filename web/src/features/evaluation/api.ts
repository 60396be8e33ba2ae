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
  attachments?: Array<{ name: string; url: string; key?: string; mimeType?: string; sizeBytes?: number }>;
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
  interviews: Array<{
    id: number;
    subjectId: number;
    reason: string;
    status: string;
    heldOn?: string | null;
    notes?: string | null;
  }>;
  rectifications: RectSummary;
}

export interface CampaignPolicies {
  openVoting: boolean;
  comment: boolean;
  publish: boolean;
  submitReport: boolean;
  order?: boolean;
  paperBallot?: boolean;
  interview?: boolean;
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

export type TargetHalf = 'H1' | 'H2';
export const TARGET_HALF_NAMES: Record<TargetHalf, string> = { H1: '上半年', H2: '下半年' };

export interface TargetAssessment {
  half: TargetHalf;
  halfName: string;
  selfScore: number | null;
  selfNote: string | null;
  selfAt: string | null;
  peerScore: number | null;
  orgScore: number | null;
  orgNote: string | null;
  score: number | null;
  grade: string | null;
  assessedAt: string | null;
}

export interface TargetLetter {
  id: number;
  orgId: number;
  orgName: string | null;
  personId: number;
  name: string;
  year: number;
  items: Array<{ title: string; detail: string }>;
  status: 'issued' | 'acknowledged';
  acknowledgedAt: string | null;
  H1: TargetAssessment | null;
  H2: TargetAssessment | null;
}

export interface TargetOverview {
  orgId: number;
  orgName: string;
  year: number;
  weights: { self: number; peer: number; org: number };
  windows: Record<TargetHalf, string>;
  summary: { members: number; letters: number; acknowledged: number; assessedH1: number; assessedH2: number };
  members: Array<{ personId: number; name: string; category: string; letter: TargetLetter | null }>;
}

export interface Proposal {
  personId: number;
  name: string;
  orgId: number;
  orgName: string;
  proposal: '停止党籍' | '按自行脱党处理';
  reason: string;
  facts: {
    lostContactSince: string | null;
    lastOrgLifeOn: string | null;
    absencesInWindow: number;
    memberSince: string | null;
  };
  lostContactId: number | null;
  decision: {
    decision: 'submitted' | 'dismissed';
    decisionName: string;
    note: string;
    decidedOn: string;
  } | null;
}

export interface ProposalList {
  orgId: number;
  orgName: string;
  asOf: string;
  membersChecked: number;
  duesTracked: boolean;
  duesNote: string;
  proposals: Proposal[];
  lostContacts: Array<{
    id: number;
    personId: number;
    name: string;
    orgId: number;
    since: string;
    searches: string;
  }>;
}

export interface MyEvaluations {
  personId: number | null;
  targets?: TargetLetter[];
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
  uploadAttachment: async (
    subjectId: number,
    body: { fileName: string; mimeType: string; contentBase64: string },
  ) =>
    (
      await http.post<Envelope<{ name: string; url: string; key: string }>>(
        `/api/evaluation/subjects/${subjectId}/attachments`,
        body,
      )
    ).data,
  removeAttachment: async (subjectId: number, key: string) =>
    (await http.delete<Envelope<unknown>>(`/api/evaluation/subjects/${subjectId}/attachments/${key}`)).data,
  setOrder: async (id: number, subjectIds: number[]) =>
    (await http.post<Envelope<unknown>>(`/api/evaluation/campaigns/${id}/order`, { subjectIds })).data,
  paperBallot: async (boxId: number, marks: Record<string, string>) =>
    (await http.post<Envelope<{ accepted: boolean }>>(`/api/voting/boxes/${boxId}/paper`, { marks })).data,
  recordInterview: async (id: number, heldOn: string, notes: string) =>
    (await http.put<Envelope<unknown>>(`/api/evaluation/interviews/${id}`, { heldOn, notes })).data,
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
  targets: async (orgId: number, year: number) =>
    (await http.get<Envelope<TargetOverview>>('/api/evaluation/targets', { query: { orgId, year } })).data,
  issueTargets: async (body: {
    orgId: number;
    year: number;
    personIds: number[];
    items: Array<{ title: string; detail?: string }>;
  }) =>
    (
      await http.post<Envelope<{ created: number; skipped: Array<{ name: string }> }>>(
        '/api/evaluation/targets',
        body,
      )
    ).data,
  reviseTargets: async (id: number, items: Array<{ title: string; detail?: string }>) =>
    (await http.put<Envelope<TargetLetter>>(`/api/evaluation/targets/${id}/items`, { items })).data,
  acknowledgeTargets: async (id: number) =>
    (await http.post<Envelope<unknown>>(`/api/evaluation/targets/${id}/acknowledge`)).data,
  targetSelf: async (id: number, body: { half: TargetHalf; score: number; note: string }) =>
    (await http.put<Envelope<TargetAssessment>>(`/api/evaluation/targets/${id}/self`, body)).data,
  targetAssess: async (
    id: number,
    body: { half: TargetHalf; peerScore: number | null; orgScore: number; note: string },
  ) => (await http.put<Envelope<TargetAssessment>>(`/api/evaluation/targets/${id}/assessment`, body)).data,
  proposals: async (orgId: number) =>
    (await http.get<Envelope<ProposalList>>('/api/evaluation/proposals', { query: { orgId } })).data,
  decideProposal: async (body: {
    orgId: number;
    personId: number;
    proposal: string;
    decision: 'submitted' | 'dismissed';
    note: string;
  }) => (await http.post<Envelope<unknown>>('/api/evaluation/proposals/decisions', body)).data,
  registerLostContact: async (body: { orgId: number; personId: number; since: string; searches: string }) =>
    (await http.post<Envelope<unknown>>('/api/evaluation/lost-contacts', body)).data,
  markFound: async (id: number, foundOn: string) =>
    (await http.post<Envelope<unknown>>(`/api/evaluation/lost-contacts/${id}/found`, { foundOn })).data,
};

export const ballotUrl = (token: string) => `${window.location.origin}/vote#${encodeURIComponent(token)}`;
