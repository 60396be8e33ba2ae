// Tables of 党费 (issue 19). Money is integer fen; months are 'YYYY-MM' text.
import type { Generated } from 'kysely';

/** 党费基数 declaration: by the branch, by the member (pending until the branch confirms) or imported. */
export interface DuesBaseTable {
  id: Generated<number>;
  person_id: number;
  org_id: number;
  org_path: string;
  /** in_service | retired | farmer | student | unemployed | relief | no_income */
  category: string;
  /** NULL for fixed-amount categories (farmer, student, unemployed, relief). */
  base_fen: number | null;
  effective_month: string;
  /** branch | member | import */
  source: string;
  /** confirmed | pending | rejected */
  status: string;
  note: string | null;
  created_by: number | null;
  created_at: string;
  confirmed_by: number | null;
  confirmed_at: string | null;
}

/** One member's month: what is due where (the sender until a transfer is accepted) and what was paid. */
export interface DuesLedgerTable {
  id: Generated<number>;
  person_id: number;
  org_id: number;
  org_path: string;
  month: string;
  category: string;
  base_fen: number | null;
  due_fen: number;
  /** Approved 减免 for that month. */
  reduced_fen: Generated<number>;
  paid_fen: Generated<number>;
  /** China date of the payment that completed the month. */
  paid_on: string | null;
  /** due | paid | waived */
  status: string;
  updated_at: string;
}

/** Append-only: corrections and refunds are new rows (refunds negative). */
export interface DuesPaymentTable {
  id: Generated<number>;
  person_id: number;
  org_id: number;
  org_path: string;
  /** JSON array of 'YYYY-MM'. */
  months: string;
  amount_fen: number;
  /** cash | bank | online */
  method: string;
  /** payment | correction | refund */
  kind: string;
  receipt_no: string | null;
  order_no: string | null;
  ref_payment_id: number | null;
  paid_on: string;
  recorded_by: number | null;
  created_at: string;
}

export interface DuesOrderTable {
  id: Generated<number>;
  order_no: string;
  person_id: number;
  org_id: number;
  org_path: string;
  /** JSON array of 'YYYY-MM'. */
  months: string;
  amount_fen: number;
  idempotency_key: string;
  /** created | paid | closed */
  status: string;
  gateway_txn: string | null;
  created_at: string;
  paid_at: string | null;
}

export interface DuesGatewayEventTable {
  id: Generated<number>;
  event_id: string;
  order_no: string;
  /** Raw JSON as received. */
  body: string;
  signature_ok: number;
  /** applied | duplicate | rejected | out_of_order */
  outcome: string;
  detail: string;
  received_at: string;
}

/** 减免: approved by the branch, then by the level above. */
export interface DuesReductionTable {
  id: Generated<number>;
  person_id: number;
  org_id: number;
  org_path: string;
  from_month: string;
  to_month: string;
  /** reduce | waive */
  kind: string;
  /** The reduced monthly due for 'reduce'. */
  monthly_fen: number | null;
  reason: string;
  /** pending_branch | pending_upper | approved | rejected */
  status: string;
  branch_by: number | null;
  branch_at: string | null;
  upper_by: number | null;
  upper_at: string | null;
  note: string | null;
  created_by: number | null;
  created_at: string;
}

/** 上缴: money sent up the tree (branch → 党委 → county). */
export interface DuesRemittanceTable {
  id: Generated<number>;
  from_org_id: number;
  from_org_path: string;
  to_org_id: number;
  to_org_path: string;
  period: string;
  amount_fen: number;
  remitted_on: string;
  bank_ref: string | null;
  created_by: number | null;
  created_at: string;
}

/** The bank's figure for an organisation's dues account in a period (for reconciliation). */
export interface DuesBankFigureTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  period: string;
  bank_fen: number;
  note: string | null;
  created_by: number | null;
  created_at: string;
}

export interface DuesTables {
  dues_bases: DuesBaseTable;
  dues_ledger: DuesLedgerTable;
  dues_payments: DuesPaymentTable;
  dues_orders: DuesOrderTable;
  dues_gateway_events: DuesGatewayEventTable;
  dues_reductions: DuesReductionTable;
  dues_remittances: DuesRemittanceTable;
  dues_bank_figures: DuesBankFigureTable;
}
