// Tables owned by the org-system module (issue 3). Only that module's repository queries them.
import type { Generated } from 'kysely';

/** 单位: a working unit a party organisation is responsible for; covered when branch_org_id is set. */
export interface OsUnitTable {
  id: Generated<number>;
  name: string;
  sector: string;
  org_id: number;
  org_path: string;
  branch_org_id: number | null;
  created_at: string;
}

/** Which unit a member works in, effective-dated [valid_from, valid_to). */
export interface OsPersonUnitTable {
  id: Generated<number>;
  person_id: number;
  unit_id: number;
  valid_from: string;
  valid_to: string | null;
  created_at: string;
}

/** 届: one term of an organisation's committee. ended_on = the day the next term began. */
export interface OsTermTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  number: number;
  elected_on: string;
  years: number;
  adjust_months: Generated<number>;
  adjust_ref: string | null;
  adjust_reason: string | null;
  adjust_approved_on: string | null;
  term_end: string;
  ended_on: string | null;
  renewal_id: number | null;
  basis: string | null;
  created_at: string;
  updated_at: string;
}

/** 换届 workflow: 请示 → 批复 → 选举 → 报告. */
export interface OsRenewalTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  term_id: number | null;
  stage: string;
  seats: number;
  requested_on: string;
  planned_on: string;
  request_note: string | null;
  approved_on: string | null;
  approval_ref: string | null;
  /** JSON array of approved candidate person ids ([] = not restricted). */
  candidate_ids: Generated<string>;
  election_id: number | null;
  reported_on: string | null;
  report_note: string | null;
  new_term_id: number | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface OsElectionTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  renewal_id: number;
  held_on: string;
  expected: number;
  present: number;
  seats: number;
  unfilled: number;
  /** JSON array of {personId, post} decided at the first committee meeting. */
  posts: string;
  created_at: string;
}

export interface OsElectionCandidateTable {
  id: Generated<number>;
  election_id: number;
  person_id: number;
  votes: number;
  elected: number;
}

/** 书记/副书记 approval and committee member filing (备案) above. */
export interface OsPostApprovalTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  person_id: number;
  post: string;
  position_id: number | null;
  term_id: number | null;
  state: string;
  decided_on: string | null;
  ref: string | null;
  decided_by: number | null;
  created_at: string;
}

/** 软弱涣散 designation and its rectification case. */
export interface OsWeakCaseTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  year: number;
  designated_on: string;
  /** JSON array of criterion codes. */
  criteria: string;
  source: string;
  measures: string;
  first_secretary: string | null;
  village_cadres: string | null;
  state: string;
  closed_on: string | null;
  review_note: string | null;
  closed_by: number | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface OsWeakProgressTable {
  id: Generated<number>;
  case_id: number;
  on_date: string;
  note: string;
  created_by: number | null;
  created_at: string;
}

/** Annual rating of a branch under a grading scheme. */
export interface OsGradingTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  rater_org_id: number;
  year: number;
  scheme: string;
  grade: string;
  evidence: string;
  approved_on: string;
  approver_user_id: number | null;
  created_at: string;
}

export interface OrgSystemTables {
  os_units: OsUnitTable;
  os_person_units: OsPersonUnitTable;
  os_terms: OsTermTable;
  os_renewals: OsRenewalTable;
  os_elections: OsElectionTable;
  os_election_candidates: OsElectionCandidateTable;
  os_post_approvals: OsPostApprovalTable;
  os_weak_cases: OsWeakCaseTable;
  os_weak_progress: OsWeakProgressTable;
  os_gradings: OsGradingTable;
}
