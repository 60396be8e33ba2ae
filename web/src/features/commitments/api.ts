import { http, type Envelope } from '../../components/http';

export {
  PUBLIC_BOARD_ORG_PARAM,
  publicBoardPath,
} from '../../../../src/core/commitments/public-board.ts';

export const COMMITMENT_TYPES = ['长远承诺', '年度承诺', '即时承诺'] as const;
export const GRADES = ['好', '较好', '一般', '差'] as const;
export const STATUS_LABELS: Record<string, string> = {
  draft: '草拟',
  opinion: '征求意见',
  published: '已公开',
  in_progress: '践诺中',
  graded: '已评诺',
  closed: '已结束',
};
export const STATUS_COLORS: Record<string, string> = {
  draft: 'default',
  opinion: 'orange',
  published: 'blue',
  in_progress: 'processing',
  graded: 'green',
  closed: 'default',
};

export interface Commitment {
  id: number;
  orgId: number;
  orgName: string;
  committerKind: 'org' | 'member';
  personId: number | null;
  committerName: string;
  type: string;
  year: number;
  title: string;
  content: string;
  dueOn: string | null;
  isPublic: boolean;
  status: string;
  statusLabel: string;
  opinionEndsOn: string | null;
  publishedOn: string | null;
  selfAssessment: string | null;
  leaderGrade: string | null;
  satisfaction: number | null;
  gradedOn: string | null;
  lastReviewOn: string | null;
}

/** The 满意度测评 tally (voting engine), when one was opened. */
export interface SatisfactionVote {
  boxId: number;
  status: 'open' | 'closed';
  expected: number;
  cast: number;
  counts: Record<string, number>;
  rate: number | null;
}

export interface CommitmentDetail extends Commitment {
  satisfactionVote: SatisfactionVote | null;
  review: { dueOn: string; state: 'ok' | 'due' | 'overdue' } | null;
  opinions: Array<{
    id: number;
    content: string;
    contact: string | null;
    submittedAt: string;
    handling: string | null;
  }>;
  progress: Array<{
    id: number;
    note: string;
    evidence: string[];
    onDate: string;
    actorName: string | null;
    photos: Array<{ id: number; fileName: string }>;
  }>;
  reviews: Array<{
    id: number;
    reviewerName: string;
    text: string;
    grade: string;
    reviewedOn: string;
    rectificationIds: number[];
  }>;
}

export interface Policies {
  edit: boolean;
  grade: boolean;
  review: boolean;
}

export interface OverdueItem {
  id: number;
  orgId: number;
  orgName: string;
  committerKind: string;
  committerName: string;
  type: string;
  year: number;
  title: string;
  lastReviewOn: string | null;
  basisOn: string;
  dueOn: string;
  state: 'due' | 'overdue';
  reviewer: string;
}

export interface Report {
  byType: Record<string, number>;
  byStatus: Record<string, number>;
  overdueReviews: number;
}

export interface PublicItem {
  id: number;
  committerName: string;
  orgName: string;
  committerKind: string;
  type: string;
  year: number;
  title: string;
  content: string;
  status: string;
  statusLabel: string;
  publishedOn: string | null;
  dueOn: string | null;
  leaderGrade: string | null;
}

export interface NewCommitment {
  orgId: number;
  committerKind: 'org' | 'member';
  personId?: number;
  type: string;
  year: number;
  title: string;
  content: string;
  dueOn?: string;
  isPublic: boolean;
}

export const commitmentsApi = {
  list: (orgId: number, year?: number) =>
    http.get<Envelope<Commitment[]>>('/api/commitments', { query: { orgId, year } }).then((r) => r.data),
  get: (id: number) => http.get<Envelope<CommitmentDetail, Policies>>(`/api/commitments/${id}`),
  create: (body: NewCommitment) =>
    http.post<Envelope<Commitment>>('/api/commitments', body).then((r) => r.data),
  openOpinion: (id: number, endsOn: string) =>
    http.post<Envelope<Commitment>>(`/api/commitments/${id}/open-opinion`, { endsOn }),
  handleOpinion: (id: number, opinionId: number, handling: string) =>
    http.post(`/api/commitments/${id}/opinions/${opinionId}/handle`, { handling }),
  publish: (id: number) => http.post<Envelope<Commitment>>(`/api/commitments/${id}/publish`),
  progress: (id: number, note: string, evidence: string[]) =>
    http.post(`/api/commitments/${id}/progress`, { note, evidence }),
  grade: (id: number, body: { selfAssessment: string; leaderGrade: string; satisfaction?: number }) =>
    http.post(`/api/commitments/${id}/grade`, body),
  review: (
    id: number,
    body: {
      reviewerPersonId?: number;
      text: string;
      grade: string;
      rectifications: Array<{ title: string; deadline: string }>;
    },
  ) => http.post(`/api/commitments/${id}/reviews`, body),
  overdue: (orgId: number) =>
    http
      .get<Envelope<OverdueItem[]>>('/api/commitments/overdue-reviews', { query: { orgId } })
      .then((r) => r.data),
  report: (orgId: number, year: number) =>
    http.get<Envelope<Report>>('/api/commitments/report', { query: { orgId, year } }).then((r) => r.data),
  publicBoard: (org: string) =>
    http
      .get<Envelope<{ org: { code: string; name: string }; items: PublicItem[] }>>(
        '/api/public/commitments',
        { query: { org } },
      )
      .then((r) => r.data),
  publicItem: (id: number) =>
    http
      .get<Envelope<PublicItem & { opinionEndsOn: string | null; acceptingOpinions: boolean }>>(
        `/api/public/commitments/${id}`,
      )
      .then((r) => r.data),
  submitOpinion: (id: number, content: string, contact?: string) =>
    http.post(`/api/public/commitments/${id}/opinions`, { content, ...(contact ? { contact } : {}) }),
};
