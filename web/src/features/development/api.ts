import { ApiError, http, type Envelope } from '../../components/http';

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
  closedOn?: string | null;
  closedReason?: string | null;
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
  branchMembers: { personId: number; name: string; category: string; underProbation?: boolean }[];
  /** The approved cases a vote may leave out of 应到会 (rulebook). */
  exclusionCases?: { code: string; label: string }[];
}

export interface AuditData {
  org: { id: number; name: string; code: string };
  on: string;
  candidates: number;
  violations: Array<Finding & { candidate: string; candidateId: number; orgName: string; orgCode: string }>;
  upcoming: Array<
    UpcomingItem & { candidate: string; candidateId: number; orgName: string; orgCode: string }
  >;
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

export type RecordStepInput = Record<string, unknown> & {
  step: number;
  doneOn: string;
  materials: string[];
  asHistory: boolean;
};

export const devApi = {
  board: (orgId: number, signal?: AbortSignal) =>
    http.get<Envelope<Board, { create: boolean; import?: boolean }>>(
      `/api/orgs/${orgId}/development/candidates`,
      { signal },
    ),
  create: (orgId: number, input: CreateCandidateInput) =>
    http.post<Envelope<{ candidate: Candidate; findings: Finding[] }>>(
      `/api/orgs/${orgId}/development/candidates`,
      input,
    ),
  candidate: (id: number, signal?: AbortSignal) =>
    http.get<
      Envelope<
        CandidateDetail,
        { recordBranchStep: boolean; recordCommitteeStep: boolean; terminate?: boolean }
      >
    >(`/api/development/candidates/${id}`, { signal }),
  recordStep: (id: number, input: RecordStepInput) =>
    http.post<Envelope<{ findings: Finding[] }>>(`/api/development/candidates/${id}/steps`, input),
  audit: (orgId: number, signal?: AbortSignal) =>
    http.get<Envelope<AuditData>>(`/api/orgs/${orgId}/development/audit`, { signal }),
  quotasAll: <T>(orgId: number, year: number, signal?: AbortSignal) =>
    http.get<Envelope<T[], { set: boolean }>>(`/api/orgs/${orgId}/development/quotas`, {
      query: { year, all: 1 },
      signal,
    }),
  quotas: (orgId: number, year: number, signal?: AbortSignal) =>
    http.get<Envelope<QuotaRow[], { set: boolean }>>(`/api/orgs/${orgId}/development/quotas`, {
      query: { year },
      signal,
    }),
};

export interface ImportRowError {
  row: number;
  column: string;
  code: string;
  message: string;
}

export interface ImportFinding {
  row: number;
  candidate: string;
  step: number;
  code: string;
  detail: string;
}

export interface ImportResult {
  dryRun: boolean;
  total: number;
  valid: number;
  imported: number;
  errors: ImportRowError[];
  findings: ImportFinding[];
  /** The annotated error workbook, base64 (never stored on the server). */
  errorWorkbook: string | null;
}

export interface CalendarDay {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
  source: string;
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Upload with progress (fetch has no upload progress): resolves with the import result or rejects with an ApiError. */
function uploadImport(
  file: File,
  q: { dryRun: boolean; allowPartial: boolean },
  csrfToken: string,
  onProgress: (pct: number) => void,
): Promise<ImportResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(
      'POST',
      `/api/development/imports?dryRun=${q.dryRun ? 1 : 0}&allowPartial=${q.allowPartial ? 1 : 0}&fileName=${encodeURIComponent(file.name)}`,
    );
    xhr.setRequestHeader('Content-Type', XLSX_MIME);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new TypeError('network'));
    xhr.onload = () => {
      let json: {
        data?: ImportResult;
        error?: { code: string; message: string; fields?: Record<string, string> };
      } = {};
      try {
        json = JSON.parse(xhr.responseText) as typeof json;
      } catch {
        /* not JSON: handled below */
      }
      if (xhr.status >= 200 && xhr.status < 300 && json.data) resolve(json.data);
      else
        reject(
          new ApiError(
            xhr.status,
            json.error ?? { code: `HTTP_${xhr.status}`, message: `上传失败（${xhr.status}）` },
          ),
        );
    };
    xhr.send(file);
  });
}

export const devAdminApi = {
  templateUrl: '/api/development/import-template.xlsx',
  upload: uploadImport,
  terminate: (id: number, input: { on: string; reason: string }) =>
    http.post<Envelope<{ candidate: Candidate }>>(`/api/development/candidates/${id}/terminate`, input),
  calendar: (year: number, signal?: AbortSignal) =>
    http.get<Envelope<CalendarDay[]>>('/api/development/calendar', { query: { year }, signal }),
  putCalendar: (input: {
    days: { date: string; kind: 'holiday' | 'workday'; name: string }[];
    source: string;
  }) => http.put<Envelope<{ updated: number }>>('/api/development/calendar', input),
  setQuota: (orgId: number, input: { year: number; quota: number }) =>
    http.put<Envelope<{ orgId: number; year: number; quota: number }>>(
      `/api/orgs/${orgId}/development/quotas`,
      input,
    ),
};
