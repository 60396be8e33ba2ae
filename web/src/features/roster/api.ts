import { ApiError, http, type Envelope } from '../../components/http';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface MemberItem {
  personId: number;
  name: string;
  gender: string;
  ethnicity: string;
  education: string | null;
  birthDate: string | null;
  age: number | null;
  category: string;
  joinedOn: string | null;
  fullMemberOn: string | null;
  idNumber: string | null;
  phone: string | null;
  org: { id: number; name: string; code: string };
  identity: string | null;
  workUnit: string | null;
  partyStatus: string;
  flags: { floating: boolean; hardship: boolean; communityReport: boolean };
  /** Floating for at least the rulebook's months: the relationship should be transferred. */
  floatingTransferDue: boolean;
}

export interface MemberPolicies {
  unmask: boolean;
  edit: boolean;
  transfer: boolean;
  /** 留党察看: record and end. */
  discipline?: boolean;
}

/** A 留党察看 record as GET /api/roster/members/:id returns it. */
export interface Discipline {
  id: number;
  kind: string;
  startOn: string;
  endOn: string;
  decisionNo: string;
  reason: string | null;
  endedOn: string | null;
  endOutcome: string | null;
  endNote: string | null;
  status: '执行中' | '已期满' | '已恢复党员权利' | '已撤销' | '未开始';
  /** Under it today. */
  active: boolean;
  effectiveEnd: string;
}

export interface RecordDisciplineInput {
  kind: '留党察看';
  startOn: string;
  years?: number;
  endOn?: string;
  decisionNo: string;
  reason?: string;
}

export interface EndDisciplineInput {
  on: string;
  outcome: '恢复党员权利' | '撤销处分';
  note?: string;
}

export interface MemberPage {
  items: MemberItem[];
  nextCursor: string | null;
  total: number | null;
  /** A contains-search stops counting at a cap: total is then a lower bound. */
  totalCapped?: boolean;
}

export interface MemberDetail extends Omit<MemberItem, 'org'> {
  org: { id: number; name: string; code: string } | null;
  address: string | null;
  nativePlace: string | null;
  degree: string | null;
  post: string | null;
  partyStatusReason: string | null;
  partyStatusOn: string | null;
  floatingDestination: string | null;
  floatingSince: string | null;
  community: { id: number; name: string; code: string } | null;
  group: { id: number; name: string; code: string } | null;
  groupSince: string | null;
  /** 毕业日期 */
  graduatedOn: string | null;
  /** 毕业后组织关系暂留 */
  graduateRetained: boolean;
  graduate: GraduateStanding | null;
  /** 留党察看 records, newest first as the server orders them. */
  discipline?: Discipline[];
  history: Array<{
    org: { id: number; name: string; code: string };
    category: string;
    validFrom: string;
    validTo: string | null;
    reason: string | null;
  }>;
}

export interface MemberFilters {
  q?: string;
  /** 姓名 match: from the start (default) or anywhere. */
  match?: 'contains';
  category?: string;
  gender?: string;
  ageBand?: string;
  education?: string;
  flag?: string;
}

export interface RowError {
  row: number;
  column: string;
  code: string;
  message: string;
}

export interface ImportJob {
  id: number;
  /** interrupted (已中断): the server restarted during the import; nothing was written (fileError says so). */
  status: 'running' | 'done' | 'failed' | 'interrupted';
  dryRun: boolean;
  allowPartial: boolean;
  fileName: string | null;
  progress: { phase: 'reading' | 'validating' | 'writing' | 'done' | 'failed'; done: number; total: number };
  fileError: string | null;
  report: { total: number; valid: number; imported: number; errors: RowError[] } | null;
  hasErrorWorkbook: boolean;
}

export interface Dist {
  key: string;
  count: number;
  share: number;
}

export interface Structure {
  org: { id: number; name: string; code: string };
  on: string;
  total: number;
  thresholds: { youngAge: number; oldAge: number; ageingShare: number };
  shares: { old: number; young: number; women: number };
  ageBands: Array<{ key: string; label: string; count: number }>;
  partyAgeBands: Array<{ key: string; label: string; count: number }>;
  gender: Dist[];
  ethnicity: Dist[];
  education: Dist[];
  category: Dist[];
  identity: Dist[];
  newMembersPerYear: Array<{ year: number; count: number }>;
  branches: Array<{
    id: number;
    name: string;
    code: string;
    total: number;
    old: number;
    young: number;
    oldShare: number;
    youngShare: number;
    ageing: boolean;
  }>;
}

export type TransferAction = 'approve' | 'reject' | 'accept' | 'return' | 'cancel';

export interface Transfer {
  id: number;
  person: { id: number; name: string };
  from: { id: number; name: string; code: string };
  to: { id: number; name: string; code: string };
  status: string;
  statusLabel: string;
  needsApproval: boolean;
  reason: string;
  returnReason: string | null;
  initiatedBy: string;
  initiatedAt: string;
  approvedBy: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  effectiveOn: string | null;
  direction?: 'out' | 'in' | 'approval';
  actions?: TransferAction[];
}

export interface MyRecord {
  name: string;
  gender: string;
  ethnicity: string;
  education: string | null;
  birthDate: string | null;
  category: string;
  joinedOn: string | null;
  fullMemberOn: string | null;
  idNumber: string | null;
  phone: string | null;
  partyYears: number | null;
  org: { id: number; name: string; code: string } | null;
  secretary: { name: string; since: string } | null;
  openTransfer: { id: number; status: string } | null;
  transferRequest: TransferRequest | null;
  /** 在职党员到社区报到: the community and this year's volunteer hours. */
  community: { name: string; registeredOn: string; year: number; hours: number } | null;
}

/** A member's own transfer request (self-service), handled by the sending branch. */
export interface TransferRequest {
  id: number;
  personId: number;
  personName: string;
  org: { id: number; name: string; code: string };
  destination: 'in_system' | 'outside';
  toOrg: { id: number; name: string; code: string } | null;
  otherOrgName: string | null;
  reason: string;
  status: 'open' | 'converted' | 'declined' | 'withdrawn';
  statusLabel: string;
  declineReason: string | null;
  transferId: number | null;
  externalId: number | null;
  createdAt: string;
  decidedAt: string | null;
}
/** 在职党员到社区报到: a registration as seen from one side. */
export interface CommunityRegistration {
  id: number;
  personId: number;
  personName: string;
  homeOrg: { id: number; name: string; code: string };
  communityOrg: { id: number; name: string; code: string };
  registeredOn: string;
  endedOn: string | null;
  endReason: string | null;
  /** 在册 / 已结束 */
  status: 'active' | 'ended';
  statusLabel: string;
  hours: number;
  side: 'home' | 'community' | 'both';
  mayRecord: boolean;
  /** The home side ends a registration (报到结束). */
  mayEnd: boolean;
  /** The community side corrects or deletes service records. */
  mayEditServices: boolean;
}
export type CommunityStatusFilter = 'active' | 'ended' | 'all';
export interface VolunteerServiceRecord {
  id: number;
  servedOn: string;
  activity: string;
  hours: number;
  recordedBy: string;
  correctedBy: string | null;
}
export interface CommunityList {
  year: number;
  items: CommunityRegistration[];
  months: number[];
  totalHours: number;
  withoutService: number;
}
export interface CommunityDetail extends CommunityRegistration {
  year: number;
  months: number[];
  records: VolunteerServiceRecord[];
}

export type TransferRequestCreate =
  | { destination: 'in_system'; toOrgCode: string; reason: string }
  | { destination: 'outside'; otherOrgName: string; reason: string };

export type GraduateStatus = '正常' | '即将到期' | '已超期';

/** A retained graduate's time limit (roster.graduate.maxYears). */
export interface GraduateStanding {
  deadline: string;
  daysLeft: number;
  status: GraduateStatus;
}

/** 毕业生党员组织关系暂留: one member of the list. */
export interface Graduate extends GraduateStanding {
  personId: number;
  name: string;
  gender: string;
  birthDate: string | null;
  org: { id: number; name: string; code: string };
  identity: string | null;
  workUnit: string | null;
  graduatedOn: string;
  /** A transfer (in the system, or a letter out of it) is already under way. */
  transferOpen: boolean;
}

export interface GraduateList {
  on: string;
  items: Graduate[];
  nextCursor: string | null;
  summary: { total: number; normal: number; dueSoon: number; overdue: number };
  rules: { maxYears: number; warnDays: number };
}

/** 流动党员 registration. */
export interface Floating {
  id: number;
  personId: number | null;
  personName: string;
  org: { id: number; name: string; code: string };
  direction: 'out' | 'in';
  kind: 'domestic' | 'abroad_study';
  destination: string;
  origin: string | null;
  since: string;
  endedOn: string | null;
  lastContactOn: string | null;
  contacts: number;
  contactDueOn: string | null;
  contactOverdue: boolean;
  daysOverdue: number;
  transferDue: boolean;
}

export interface FloatingList {
  items: Floating[];
  summary: { out: number; in: number; abroadStudy: number; contactOverdue: number; transferDue: number };
  rules: { contactMonths: number; awayMonths: number };
}

export interface FloatingDetail extends Floating {
  contactRecords: Array<{
    id: number;
    contactedOn: string;
    method: string;
    note: string | null;
    joinedLocalLife: boolean;
    recordedBy: string;
  }>;
}

export interface FloatingCreate {
  direction: 'out' | 'in';
  kind: 'domestic' | 'abroad_study';
  personId?: number;
  personName?: string;
  orgId?: number;
  destination: string;
  origin?: string;
  since: string;
}

export interface FloatingContact {
  contactedOn: string;
  method: string;
  note?: string;
  joinedLocalLife: boolean;
}

/** A transfer across the system's boundary. */
export interface ExternalTransfer {
  id: number;
  direction: 'out' | 'in';
  personId: number | null;
  personName: string;
  org: { id: number; name: string; code: string };
  otherOrgName: string;
  letterNumber: string | null;
  reason: string | null;
  issuedOn: string;
  validUntil: string | null;
  slipReturnedOn: string | null;
  slip: 'returned' | 'pending' | 'overdue' | null;
  status: string;
  statusLabel: string;
}

export type ExternalCreate =
  | { direction: 'out'; personId: number; otherOrgName: string; reason: string }
  | {
      direction: 'in';
      orgId: number;
      personName: string;
      otherOrgName: string;
      letterNumber: string;
      receivedOn: string;
    };

function query(filters: MemberFilters): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) p.set(k, v);
  return p.toString();
}

export const rosterApi = {
  async external(orgId: number): Promise<{ items: ExternalTransfer[]; slipOverdue: number }> {
    return (
      await http.get<Envelope<{ items: ExternalTransfer[]; slipOverdue: number }>>(
        `/api/roster/external-transfers?orgId=${orgId}`,
      )
    ).data;
  },
  async createExternal(body: ExternalCreate): Promise<ExternalTransfer> {
    return (await http.post<Envelope<ExternalTransfer>>('/api/roster/external-transfers', body)).data;
  },
  async registerSlip(id: number, returnedOn: string): Promise<ExternalTransfer> {
    return (
      await http.post<Envelope<ExternalTransfer>>(`/api/roster/external-transfers/${id}/slip`, { returnedOn })
    ).data;
  },
  async floating(orgId: number, status: 'active' | 'ended' | 'all', overdue: boolean): Promise<FloatingList> {
    return (
      await http.get<Envelope<FloatingList>>(
        `/api/roster/floating?orgId=${orgId}&status=${status}&overdue=${overdue ? 1 : 0}`,
      )
    ).data;
  },
  async graduates(
    orgId: number,
    status: GraduateStatus | undefined,
    after: string | null,
    limit = 50,
  ): Promise<{ page: GraduateList; policies: MemberPolicies }> {
    const p = new URLSearchParams({ orgId: String(orgId), limit: String(limit) });
    if (status) p.set('status', status);
    if (after) p.set('after', after);
    const res = await http.get<Envelope<GraduateList, MemberPolicies>>(
      `/api/roster/graduates?${p.toString()}`,
    );
    return { page: res.data, policies: res.policies ?? { unmask: false, edit: false, transfer: false } };
  },
  async floatingDetail(id: number): Promise<FloatingDetail> {
    return (await http.get<Envelope<FloatingDetail>>(`/api/roster/floating/${id}`)).data;
  },
  async createFloating(body: FloatingCreate): Promise<Floating> {
    return (await http.post<Envelope<Floating>>('/api/roster/floating', body)).data;
  },
  async addFloatingContact(id: number, body: FloatingContact): Promise<Floating> {
    return (await http.post<Envelope<Floating>>(`/api/roster/floating/${id}/contacts`, body)).data;
  },
  async endFloating(id: number, endedOn: string): Promise<Floating> {
    return (await http.post<Envelope<Floating>>(`/api/roster/floating/${id}/end`, { endedOn })).data;
  },
  async members(
    orgId: number,
    filters: MemberFilters,
    after: string | null,
    limit = 50,
    signal?: AbortSignal,
  ): Promise<{ page: MemberPage; policies: MemberPolicies }> {
    const res = await http.get<Envelope<MemberPage, MemberPolicies>>(
      `/api/roster/members?orgId=${orgId}&limit=${limit}${after ? `&after=${encodeURIComponent(after)}` : ''}&${query(filters)}`,
      signal ? { signal } : {},
    );
    return { page: res.data, policies: res.policies ?? { unmask: false, edit: false, transfer: false } };
  },
  async member(id: number): Promise<{ data: MemberDetail; policies: MemberPolicies }> {
    const res = await http.get<Envelope<MemberDetail, MemberPolicies>>(`/api/roster/members/${id}`);
    return { data: res.data, policies: res.policies ?? { unmask: false, edit: false, transfer: false } };
  },
  async reveal(
    id: number,
  ): Promise<{ idNumber: string | null; phone: string | null; address: string | null }> {
    return (
      await http.post<Envelope<{ idNumber: string | null; phone: string | null; address: string | null }>>(
        `/api/roster/members/${id}/reveal`,
      )
    ).data;
  },
  async updateProfile(id: number, body: Record<string, unknown>): Promise<MemberDetail> {
    return (await http.patch<Envelope<MemberDetail>>(`/api/roster/members/${id}/profile`, body)).data;
  },
  exportUrl(orgId: number, filters: MemberFilters, unmask: boolean): string {
    return `/api/roster/export.xlsx?orgId=${orgId}&unmask=${unmask ? 1 : 0}&${query(filters)}`;
  },
  templateUrl: '/api/roster/import-template.xlsx',
  errorWorkbookUrl: (jobId: number) => `/api/roster/imports/${jobId}/errors.xlsx`,
  /** The raw .xlsx is the body (not JSON), so this goes around `http`; the CSRF token comes from the me query. */
  async upload(
    file: File,
    dryRun: boolean,
    allowPartial: boolean,
    csrfToken: string,
  ): Promise<{ id: number }> {
    const headers: Record<string, string> = {
      'Content-Type': XLSX_MIME,
      Accept: 'application/json',
      'X-CSRF-Token': csrfToken,
    };
    const res = await fetch(
      `/api/roster/imports?dryRun=${dryRun ? 1 : 0}&allowPartial=${allowPartial ? 1 : 0}&fileName=${encodeURIComponent(file.name)}`,
      {
        method: 'POST',
        headers,
        body: file,
        credentials: 'same-origin',
      },
    );
    const json = (await res.json().catch(() => ({}))) as {
      data?: { id: number };
      error?: { code: string; message: string; fields?: Record<string, string> };
    };
    if (!res.ok || !json.data)
      throw new ApiError(
        res.status,
        json.error ?? { code: `HTTP_${res.status}`, message: `上传失败（${res.status}）` },
      );
    return json.data;
  },
  async job(id: number): Promise<ImportJob> {
    return (await http.get<Envelope<ImportJob>>(`/api/roster/imports/${id}`)).data;
  },
  async structure(orgId: number): Promise<Structure> {
    return (await http.get<Envelope<Structure>>(`/api/roster/structure?orgId=${orgId}`)).data;
  },
  structureExportUrl: (orgId: number) => `/api/roster/structure.xlsx?orgId=${orgId}`,
  async transfers(orgId: number, status: 'open' | 'closed' | 'all'): Promise<Transfer[]> {
    return (await http.get<Envelope<Transfer[]>>(`/api/roster/transfers?orgId=${orgId}&status=${status}`))
      .data;
  },
  async createTransfer(body: { personId: number; toOrgCode: string; reason: string }): Promise<Transfer> {
    return (await http.post<Envelope<Transfer>>('/api/roster/transfers', body)).data;
  },
  async act(id: number, body: { action: TransferAction; reason?: string }): Promise<Transfer> {
    return (await http.post<Envelope<Transfer>>(`/api/roster/transfers/${id}/actions`, body)).data;
  },
  async me(): Promise<MyRecord> {
    return (await http.get<Envelope<MyRecord>>('/api/roster/me')).data;
  },
  async community(
    orgId: number,
    year: number,
    status: CommunityStatusFilter = 'all',
  ): Promise<CommunityList> {
    return (
      await http.get<Envelope<CommunityList>>(
        `/api/roster/community-service?orgId=${orgId}&year=${year}&status=${status}`,
      )
    ).data;
  },
  async communityDetail(id: number, year: number): Promise<CommunityDetail> {
    return (await http.get<Envelope<CommunityDetail>>(`/api/roster/community-service/${id}?year=${year}`))
      .data;
  },
  async registerCommunity(body: {
    personId: number;
    communityOrgCode: string;
    registeredOn: string;
  }): Promise<CommunityRegistration> {
    return (await http.post<Envelope<CommunityRegistration>>('/api/roster/community-service', body)).data;
  },
  async recordService(
    id: number,
    body: { servedOn: string; activity: string; hours: number },
  ): Promise<unknown> {
    return (await http.post<Envelope<unknown>>(`/api/roster/community-service/${id}/services`, body)).data;
  },
  async updateService(
    id: number,
    serviceId: number,
    body: { servedOn?: string; activity?: string; hours?: number },
  ): Promise<unknown> {
    return (
      await http.patch<Envelope<unknown>>(`/api/roster/community-service/${id}/services/${serviceId}`, body)
    ).data;
  },
  async deleteService(id: number, serviceId: number): Promise<unknown> {
    return (await http.delete<Envelope<unknown>>(`/api/roster/community-service/${id}/services/${serviceId}`))
      .data;
  },
  async endCommunity(id: number, body: { endedOn: string; reason: string }): Promise<CommunityRegistration> {
    return (await http.post<Envelope<CommunityRegistration>>(`/api/roster/community-service/${id}/end`, body))
      .data;
  },
  async recordDiscipline(personId: number, body: RecordDisciplineInput): Promise<Discipline> {
    return (await http.post<Envelope<Discipline>>(`/api/roster/members/${personId}/discipline`, body)).data;
  },
  async endDiscipline(personId: number, disciplineId: number, body: EndDisciplineInput): Promise<Discipline> {
    return (
      await http.post<Envelope<Discipline>>(
        `/api/roster/members/${personId}/discipline/${disciplineId}/end`,
        body,
      )
    ).data;
  },
  /** Receiving branches anywhere in the tree by name or code (≥ 2 characters): code, name, parent name only. */
  async transferTargets(q: string, signal?: AbortSignal): Promise<TransferTarget[]> {
    return (
      await http.get<Envelope<TransferTarget[]>>('/api/roster/transfer-targets', {
        query: { q },
        ...(signal ? { signal } : {}),
      })
    ).data;
  },
  async requestMyTransfer(body: TransferRequestCreate): Promise<TransferRequest> {
    return (await http.post<Envelope<TransferRequest>>('/api/roster/me/transfer-request', body)).data;
  },
  async withdrawMyRequest(id: number): Promise<TransferRequest> {
    return (await http.post<Envelope<TransferRequest>>(`/api/roster/me/transfer-request/${id}/withdraw`))
      .data;
  },
  async transferRequests(orgId: number, status: 'open' | 'closed' | 'all'): Promise<TransferRequest[]> {
    return (
      await http.get<Envelope<TransferRequest[]>>(
        `/api/roster/transfer-requests?orgId=${orgId}&status=${status}`,
      )
    ).data;
  },
  async convertRequest(id: number): Promise<{ request: TransferRequest }> {
    return (
      await http.post<Envelope<{ request: TransferRequest }>>(`/api/roster/transfer-requests/${id}/convert`)
    ).data;
  },
  async declineRequest(id: number, reason: string): Promise<TransferRequest> {
    return (
      await http.post<Envelope<TransferRequest>>(`/api/roster/transfer-requests/${id}/decline`, { reason })
    ).data;
  },
};

export interface TransferTarget {
  id: number;
  code: string;
  name: string;
  parentName: string | null;
}

export const rosterKeys = {
  members: (orgId: number, filters: MemberFilters) => ['roster', 'members', orgId, filters] as const,
  member: (id: number) => ['roster', 'member', id] as const,
  structure: (orgId: number) => ['roster', 'structure', orgId] as const,
  transfers: (orgId: number, status: string) => ['roster', 'transfers', orgId, status] as const,
  me: ['roster', 'me'] as const,
};
