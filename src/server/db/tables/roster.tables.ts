// Tables owned by the roster module (issue 4). Only that module's repository queries them.
import type { Generated } from 'kysely';

/** The member record beyond the foundation's persons row, one per person. */
export interface RosterProfileTable {
  person_id: number;
  native_place: string | null;
  degree: string | null;
  work_unit: string | null;
  post: string | null;
  identity: string | null;
  /** 家庭住址, SM4 encrypted (context 'roster_profiles.address'). */
  address_enc: string | null;
  party_status: Generated<string>;
  party_status_reason: string | null;
  party_status_on: string | null;
  floating: Generated<number>;
  floating_destination: string | null;
  floating_since: string | null;
  hardship: Generated<number>;
  community_report: Generated<number>;
  community_org_id: number | null;
  group_org_id: number | null;
  group_since: string | null;
  /** 毕业日期 (ISO date). */
  graduated_on: string | null;
  /** 毕业后组织关系暂留 (0/1): kept at the school for at most roster.graduate.maxYears. */
  graduate_retained: Generated<number>;
  updated_at: string;
}

/** An import run (dry run or commit): progress, result and the encrypted error workbook. */
export interface RosterImportJobTable {
  id: Generated<number>;
  user_id: number | null;
  username: string;
  scope_path: string;
  file_name: string | null;
  dry_run: number;
  allow_partial: number;
  status: string;
  total: Generated<number>;
  valid: Generated<number>;
  imported: Generated<number>;
  errors_json: Generated<string>;
  file_error: string | null;
  error_workbook_enc: string | null;
  created_at: string;
  finished_at: string | null;
  /** "<host> <pid> <token>" of the process running the job (null on rows older than the column). */
  owner: string | null;
}

/** 组织关系转接 inside the system. */
export interface RosterTransferTable {
  id: Generated<number>;
  person_id: number;
  from_org_id: number;
  from_org_path: string;
  to_org_id: number;
  to_org_path: string;
  approver_path: string | null;
  reached_receiver: number;
  status: string;
  reason: string;
  return_reason: string | null;
  initiated_by: string;
  initiated_at: string;
  approved_by: string | null;
  approved_at: string | null;
  decided_by: string | null;
  decided_at: string | null;
  effective_on: string | null;
  updated_at: string;
}

/** 流动党员 registration: out-flow (our member away) or in-flow (a member from elsewhere here). */
export interface RosterFloatingTable {
  id: Generated<number>;
  /** Our member (out-flow; in-flow when the member is in the system); null for an outside member. */
  person_id: number | null;
  person_name: string;
  /** The managing organisation: the home branch (out) or the receiving one (in). */
  org_id: number;
  org_path: string;
  direction: string;
  kind: string;
  destination: string;
  /** In-flow: the member's home organisation outside. */
  origin: string | null;
  since: string;
  ended_on: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** A contact with a floating member (and whether they took part in organisational life there). */
export interface RosterFloatingContactTable {
  id: Generated<number>;
  floating_id: number;
  contacted_on: string;
  method: string;
  note: string | null;
  joined_local_life: Generated<number>;
  recorded_by: string;
  created_at: string;
}

/** A transfer across the system's boundary: out (介绍信 + 回执) or in (registered with the letter number). */
export interface RosterExternalTransferTable {
  id: Generated<number>;
  direction: string;
  person_id: number | null;
  person_name: string;
  /** Our side: the sending (out) or receiving (in) organisation. */
  org_id: number;
  org_path: string;
  /** The organisation outside the system. */
  other_org_name: string;
  /** Out: our letter's number (set after insert); in: the sender's letter number. */
  letter_number: string | null;
  reason: string | null;
  /** Out: the day the letter was issued; in: the day the member was received. */
  issued_on: string;
  valid_until: string | null;
  slip_returned_on: string | null;
  /** out: letter_issued → completed (slip returned) | cancelled; in: completed. */
  status: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** A member's own transfer request (self-service): open → converted | declined. */
export interface RosterTransferRequestTable {
  id: Generated<number>;
  person_id: number;
  /** The sending branch (the member's branch when the request was filed). */
  org_id: number;
  org_path: string;
  /** 'in_system' (to_org_id) or 'outside' (outside_org_name). */
  destination_kind: string;
  to_org_id: number | null;
  outside_org_name: string | null;
  reason: string;
  status: string;
  decline_reason: string | null;
  /** The transfer the branch made of it (in the system, or a letter out of it). */
  transfer_id: number | null;
  external_id: number | null;
  requested_by: string;
  created_at: string;
  decided_by: string | null;
  decided_at: string | null;
  updated_at: string;
}

/** 在职党员到社区报到: the member's branch (home side) registers them with a community branch. */
export interface RosterCommunityRegistrationTable {
  id: Generated<number>;
  person_id: number;
  home_org_id: number;
  home_org_path: string;
  community_org_id: number;
  community_org_path: string;
  registered_on: string;
  /** 报到结束: the date, the reason (moved house, changed job) and who ended it. */
  ended_on: string | null;
  end_reason: string | null;
  ended_by: string | null;
  ended_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** Volunteer service recorded by the community side; hours stored ×2 (half-hour steps). */
export interface RosterVolunteerServiceTable {
  id: Generated<number>;
  registration_id: number;
  served_on: string;
  activity: string;
  half_hours: number;
  recorded_by: string;
  created_at: string;
  /** Set when the record was corrected. */
  updated_by: string | null;
  updated_at: string | null;
}

/** 留党察看 (issue 16): under it on day D when start_on <= D < min(end_on, ended_on). */
export interface RosterDisciplineTable {
  id: Generated<number>;
  person_id: number;
  org_id: number;
  org_path: string;
  kind: string;
  start_on: string;
  end_on: string;
  decision_no: string;
  reason: string | null;
  ended_on: string | null;
  end_outcome: string | null;
  end_note: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface RosterTables {
  roster_profiles: RosterProfileTable;
  roster_import_jobs: RosterImportJobTable;
  roster_transfers: RosterTransferTable;
  roster_floating: RosterFloatingTable;
  roster_floating_contacts: RosterFloatingContactTable;
  roster_external_transfers: RosterExternalTransferTable;
  roster_transfer_requests: RosterTransferRequestTable;
  roster_community_registrations: RosterCommunityRegistrationTable;
  roster_volunteer_services: RosterVolunteerServiceTable;
  roster_discipline: RosterDisciplineTable;
}
