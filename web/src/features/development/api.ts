import { http, type Envelope } from '../../components/http';

export interface StepField {
  key: string;
  label: string;
  type: 'text' | 'textarea' | 'number' | 'date' | 'members' | 'vote' | 'select';
  required?: boolean;
  options?: string[];
}

export interface StepDef {
  no: number;
  stage: number;
  name: string;
  predecessor: number | null;
  alsoRequires?: number[];
  level: 'branch' | 'committee';
  role: string;
  materials: string[];
  fields: StepField[];
  rules: string[];
  repeatable?: boolean;
}

export interface Candidate {
  id: number;
  name: string;
  gender: string;
  idNumber: string;
  birthDate: string;
  ageAtApplication: number;
  orgId: number;
  orgName: string | null;
  orgCode: string | null;
  appliedOn: string;
  status: string;
  lastStep: number;
  lastStepName: string | null;
  stage: number;
  stageName: string;
  personId: number | null;
}

export interface BoardCandidate extends Candidate {
  violations: number;
  upcoming: number;
}

export interface Board {
  org: { id: number; name: string; code: string; kind: string };
  stages: string[];
  candidates: BoardCandidate[];
}

export interface Finding {
  step: number;
  code: string;
  rule: string;
  detail: string;
  ruleTitle?: string;
}

export interface UpcomingItem {
  step: number;
  due: string;
  what: string;
}

export interface StepRow {
  id: number;
  step: number;
  name: string;
  doneOn: string;
  data: Record<string, unknown>;
  materials: string[];
  asHistory: boolean;
  findingsWhenRecorded: Finding[];
}

export interface CandidateDetail {
  candidate: Candidate & { probationEnd: string | null };
  steps: StepRow[];
  definitions: StepDef[];
  stages: string[];
  next: number[];
  violations: Finding[];
  upcoming: UpcomingItem[];
  branchMembers: { personId: number; name: string; category: string }[];
}

export interface AuditData {
  org: { id: number; name: string; code: string };
  on: string;
  candidates: number;
  violations: Array<Finding & { candidate: string; candidateId: number; orgName: string; orgCode: string }>;
  upcoming: Array<UpcomingItem & { candidate: string; candidateId: number; orgName: string; orgCode: string }>;
  byCode: Record<string, number>;
}

export interface QuotaRow {
  orgId: number;
  orgName: string;
  orgCode: string;
  year: number;
  quota: number;
  used: number;
  remaining: number;
}

export interface CreateCandidateInput {
  name: string;
  idNumber: string;
  appliedOn: string;
  asHistory: boolean;
  note?: string;
}

export type RecordStepInput = Record<string, unknown> & { step: number; doneOn: string; materials: string[]; asHistory: boolean };

export const devApi = {
  board: (orgId: number, signal?: AbortSignal) => http.get<Envelope<Board, { create: boolean }>>(`/api/orgs/${orgId}/development/candidates`, { signal }),
  create: (orgId: number, input: CreateCandidateInput) => http.post<Envelope<{ candidate: Candidate; findings: Finding[] }>>(`/api/orgs/${orgId}/development/candidates`, input),
  candidate: (id: number, signal?: AbortSignal) =>
    http.get<Envelope<CandidateDetail, { recordBranchStep: boolean; recordCommitteeStep: boolean }>>(`/api/development/candidates/${id}`, { signal }),
  recordStep: (id: number, input: RecordStepInput) => http.post<Envelope<{ findings: Finding[] }>>(`/api/development/candidates/${id}/steps`, input),
  audit: (orgId: number, signal?: AbortSignal) => http.get<Envelope<AuditData>>(`/api/orgs/${orgId}/development/audit`, { signal }),
  quotas: (orgId: number, year: number, signal?: AbortSignal) => http.get<Envelope<QuotaRow[], { set: boolean }>>(`/api/orgs/${orgId}/development/quotas`, { query: { year }, signal }),
};
