// 党费 API client (issue 19). Money is integer fen on the wire; shown as yuan with 2 decimals.
import { ApiError, http, type Envelope } from '../../components/http';

/** 8100 → "81.00"; integer arithmetic only, never a float (−5 → "-0.05"). */
export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** "81" / "81.5" / "81.50" → 8150 fen; null when not a money amount with at most 2 decimals. */
export function fenOf(input: string): number | null {
  const m = /^\s*(\d{1,9})(?:\.(\d{1,2}))?\s*$/.exec(input);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** 'YYYY-MM' → '2026年3月' */
export function monthLabel(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? `${m[1]}年${Number(m[2])}月` : month;
}

export const CATEGORY_LABELS: Record<string, string> = {
  in_service: '在职',
  retired: '离退休',
  farmer: '农民',
  student: '学生',
  unemployed: '下岗失业',
  relief: '领取最低生活保障',
  no_income: '无固定收入',
};
/** Categories whose due is a fixed amount (no base). */
export const FIXED_CATEGORIES = ['farmer', 'student', 'unemployed', 'relief'];

export const LEDGER_STATUS: Record<string, { label: string; color: string }> = {
  due: { label: '未缴', color: 'orange' },
  paid: { label: '已缴', color: 'green' },
  waived: { label: '免缴', color: 'blue' },
};
export const BASE_STATUS: Record<string, { label: string; color: string }> = {
  confirmed: { label: '已确认', color: 'green' },
  pending: { label: '待支部确认', color: 'orange' },
  rejected: { label: '已退回', color: 'red' },
};
export const BASE_SOURCE: Record<string, string> = {
  branch: '支部录入',
  member: '本人申报',
  import: 'Excel导入',
};
export const METHOD_LABELS: Record<string, string> = { cash: '现金', bank: '银行转账', online: '在线支付' };
export const KIND_LABELS: Record<string, string> = { payment: '缴纳', correction: '冲正', refund: '退款' };
export const REDUCTION_STATUS: Record<string, { label: string; color: string }> = {
  pending_branch: { label: '待支部审批', color: 'orange' },
  pending_upper: { label: '待上级审批', color: 'gold' },
  approved: { label: '已批准', color: 'green' },
  rejected: { label: '未批准', color: 'red' },
};

export interface LedgerRow {
  personId: number;
  name: string;
  month: string;
  category: string;
  baseFen: number | null;
  dueFen: number;
  reducedFen: number;
  paidFen: number;
  paidOn: string | null;
  status: string;
}

export interface Base {
  id: number;
  personId: number;
  name: string;
  orgName: string;
  category: string;
  baseFen: number | null;
  /** The monthly due this base gives. */
  monthlyFen: number | null;
  effectiveMonth: string;
  source: string;
  status: string;
  note: string | null;
}

export interface BasesList {
  rows: Base[];
  pending: number;
  /** Members of the subtree without a confirmed base. */
  withoutBase: { personId: number; name: string; orgId: number; orgName: string }[];
}

export interface NewBase {
  orgId: number;
  personId: number;
  category: string;
  baseFen: number | null;
  effectiveMonth: string;
  note?: string;
}

export interface ReportRow {
  orgId?: number;
  orgCode: string;
  orgName?: string;
  members: number;
  dueFen: number;
  paidFen: number;
  paidOnTime: number;
}
export interface ArrearsRow {
  memberId: number;
  name: string;
  orgName?: string;
  consecutiveUnpaid: number;
  flagSelfLapse: boolean;
}
export interface Report {
  rows: ReportRow[];
  arrears: ArrearsRow[];
  /** Month by month for the year: due and collected (the chart). */
  months?: { month: string; dueFen: number; paidFen: number }[];
}

export interface OfflinePayment {
  personId: number;
  months: string[];
  amountFen: number;
  method: 'cash' | 'bank';
  receiptNo: string;
  paidOn: string;
}

export interface MyMonth {
  month: string;
  /** Net of an approved 减免. */
  dueFen: number;
  outstandingFen: number;
  paidFen: number;
  paidOn: string | null;
  status: string;
}
export interface Receipt {
  id: number;
  months: string[];
  amountFen: number;
  method: string;
  kind: string;
  receiptNo: string | null;
  orderNo?: string | null;
  paidOn: string;
  orgName?: string;
  /** The member's name (on the receipt page). */
  name?: string;
}
export interface MyDues {
  name: string;
  owedFen: number;
  months: MyMonth[];
  receipts: Receipt[];
}
export interface Order {
  orderNo: string;
  amountFen: number;
  months: string[];
  payUrl: string;
  status?: string;
}

export interface Reduction {
  id: number;
  personId: number;
  personName: string;
  orgId: number;
  orgName: string;
  fromMonth: string;
  toMonth: string;
  kind: string;
  kindLabel: string;
  monthlyFen: number | null;
  reason: string;
  status: string;
  statusLabel: string;
  note: string | null;
}
export interface NewReduction {
  personId: number;
  fromMonth: string;
  toMonth: string;
  kind: 'reduce' | 'waive';
  monthlyFen?: number | null;
  reason: string;
}

/** One organisation's money for one period: 收缴 (own members + children's 上缴), 上缴, 银行. */
export interface RemitPeriod {
  period: string;
  directFen: number;
  receivedFen: number;
  collectedFen: number;
  remittedFen: number;
  bankFen: number | null;
  remitGapFen: number;
  bankGapFen: number | null;
  /** collected ≠ remitted past the period's end + the grace days. */
  remitOverdue: boolean;
}
export interface RemitRow {
  orgId: number;
  orgName: string;
  orgCode: string;
  isSelf: boolean;
  /** False for the top of the tree (it remits to nobody). */
  remitsTo: boolean;
  periods: RemitPeriod[];
  totals: {
    collectedFen: number;
    remittedFen: number;
    remitGapFen: number;
    overduePeriods: string[];
    bankGapPeriods: string[];
  };
}
export interface RemitSummary {
  orgId: number;
  orgName: string;
  year: number;
  graceDays: number;
  periods: string[];
  rows: RemitRow[];
}
/** 在线缴费对账: the gateway's statement of a day against our online payments, by order. */
export interface ReconcileRow {
  orderNo: string;
  gatewayTxn: string | null;
  gatewayFen: number | null;
  oursFen: number | null;
  paymentId: number | null;
  status: 'matched' | 'missing_ours' | 'missing_gateway' | 'amount_diff';
  note: string | null;
}
export interface Reconciliation {
  date: string;
  gatewayFen: number;
  oursFen: number;
  differences: number;
  rows: ReconcileRow[];
}

export interface NewRemittance {
  fromOrgId: number;
  period: string;
  amountFen: number;
  remittedOn: string;
  bankRef?: string | null;
}
export interface BankFigure {
  orgId: number;
  period: string;
  bankFen: number;
  note?: string | null;
}

const q = (o: Record<string, string | number | undefined>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== '') p.set(k, String(v));
  return p.toString();
};

/** Lists may come bare or wrapped as `{ rows }` / `{ items }`: read both. */
function rowsOf<T>(data: unknown): T[] {
  if (Array.isArray(data)) return data as T[];
  const o = (data ?? {}) as { rows?: T[]; items?: T[] };
  return o.rows ?? o.items ?? [];
}

export const duesKeys = {
  all: ['dues'] as const,
  ledger: (orgId: number, month: string) => ['dues', 'ledger', orgId, month] as const,
  bases: (orgId: number) => ['dues', 'bases', orgId] as const,
  report: (orgId: number, year: number, month?: number) => ['dues', 'report', orgId, year, month] as const,
  arrears: (orgId: number) => ['dues', 'arrears', orgId] as const,
  me: ['dues', 'me'] as const,
  receipt: (id: number) => ['dues', 'receipt', id] as const,
  reductions: (orgId: number) => ['dues', 'reductions', orgId] as const,
  remittance: (orgId: number, year: number) => ['dues', 'remittance', orgId, year] as const,
  reconcile: (orgId: number, date: string) => ['dues', 'reconcile', orgId, date] as const,
};

export const duesApi = {
  async ledger(orgId: number, month: string): Promise<LedgerRow[]> {
    return rowsOf<LedgerRow>(
      (await http.get<Envelope<unknown>>(`/api/dues/ledger?${q({ orgId, month })}`)).data,
    );
  },
  generate: (orgId: number, month: string) =>
    http.post<Envelope<unknown>>('/api/dues/ledger/generate', { orgId, month }),
  async bases(orgId: number): Promise<BasesList> {
    return (await http.get<Envelope<BasesList>>(`/api/dues/bases?${q({ orgId })}`)).data;
  },
  declare: (b: NewBase) => http.post<Envelope<Base>>('/api/dues/bases', b),
  confirm: (id: number) => http.post<Envelope<Base>>(`/api/dues/bases/${id}/confirm`, {}),
  /** The raw .xlsx is the body (like the roster import); the CSRF token comes from the me query. */
  async importBases(orgId: number, file: File, csrfToken: string): Promise<{ imported: number }> {
    const res = await fetch(`/api/dues/bases/import?${q({ orgId })}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        Accept: 'application/json',
        'X-CSRF-Token': csrfToken,
      },
      body: file,
      credentials: 'same-origin',
    });
    const json = (await res.json().catch(() => ({}))) as {
      data?: { imported: number };
      error?: { code: string; message: string; fields?: Record<string, string> };
    };
    if (!res.ok || !json.data)
      throw new ApiError(res.status, json.error ?? { code: 'UPLOAD', message: `导入失败（${res.status}）` });
    return json.data;
  },
  async report(orgId: number, year: number, month?: number): Promise<Report> {
    return (await http.get<Envelope<Report>>(`/api/dues/report?${q({ orgId, year, month })}`)).data;
  },
  async arrears(orgId: number): Promise<ArrearsRow[]> {
    return rowsOf<ArrearsRow>((await http.get<Envelope<unknown>>(`/api/dues/arrears?${q({ orgId })}`)).data);
  },
  recordPayment: (p: OfflinePayment) => http.post<Envelope<Receipt>>('/api/dues/payments', p),
  async me(): Promise<MyDues> {
    return (await http.get<Envelope<MyDues>>('/api/dues/me')).data;
  },
  async createOrder(months: string[], idempotencyKey: string): Promise<Order> {
    return (await http.post<Envelope<Order>>('/api/dues/orders', { months, idempotencyKey })).data;
  },
  async receipt(id: number): Promise<Receipt> {
    return (await http.get<Envelope<Receipt>>(`/api/dues/receipts/${id}`)).data;
  },
  async reductions(orgId: number): Promise<Reduction[]> {
    return rowsOf<Reduction>(
      (await http.get<Envelope<unknown>>(`/api/dues/reductions?${q({ orgId })}`)).data,
    );
  },
  createReduction: (r: NewReduction) => http.post<Envelope<Reduction>>('/api/dues/reductions', r),
  approveReduction: (id: number, note?: string) =>
    http.post<Envelope<Reduction>>(`/api/dues/reductions/${id}/approve`, note ? { note } : {}),
  rejectReduction: (id: number, reason: string) =>
    http.post<Envelope<Reduction>>(`/api/dues/reductions/${id}/reject`, { reason }),
  async remittanceSummary(orgId: number, year: number): Promise<RemitSummary> {
    return (await http.get<Envelope<RemitSummary>>(`/api/dues/remittance-summary?${q({ orgId, year })}`))
      .data;
  },
  async reconcile(orgId: number, date: string): Promise<Reconciliation> {
    return (await http.get<Envelope<Reconciliation>>(`/api/dues/reconcile?${q({ orgId, date })}`)).data;
  },
  createRemittance: (r: NewRemittance) => http.post<Envelope<unknown>>('/api/dues/remittances', r),
  setBankFigure: (b: BankFigure) => http.put<Envelope<unknown>>('/api/dues/bank-figures', b),
};
