// Tables owned by the org-life module (issue 5). Only that module's repository queries them.
import type { Generated } from 'kysely';

/** One meeting to hold (scheduled), held (recorded) or cancelled. Counts mirror the attendance ledger. */
export interface LifeMeetingTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  type: string;
  title: string;
  held_on: string;
  start_time: string | null;
  place: string | null;
  status: string;
  series_id: number | null;
  agenda: string | null;
  minutes: string | null;
  resolutions: string | null;
  speaker: string | null;
  topic: string | null;
  minutes_chars: number;
  /** China date the record was first entered (for the late-record finding). */
  recorded_on: string | null;
  expected_count: number;
  present_count: number;
  leave_count: number;
  absent_count: number;
  excluded_count: number;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** The attendance ledger: one row per person snapshotted as expected when the meeting was scheduled. */
export interface LifeAttendanceTable {
  id: Generated<number>;
  meeting_id: number;
  person_id: number;
  org_path: string;
  status: string;
  exclusion: string | null;
  method: string | null;
  reason: string | null;
  signed_at: string | null;
  recorded_by: number | null;
}

/** LSH buckets of each meeting's minutes: equal (band, bucket) makes a candidate pair. */
export interface LifeMinutesBandTable {
  meeting_id: number;
  band: number;
  bucket: string;
}

/** Confirmed near-duplicate minutes (stored in both directions). */
export interface LifeMinutesPairTable {
  meeting_id: number;
  other_meeting_id: number;
  org_path: string;
  held_on: string;
  other_org_path: string;
  similarity: number;
}

/** A notice issued from above: every chosen branch below gets its own meeting. */
export interface LifeSeriesTable {
  id: Generated<number>;
  issuer_org_id: number;
  org_path: string;
  type: string;
  theme: string;
  materials: string | null;
  held_on: string;
  deadline: string;
  created_by: number | null;
  created_at: string;
}

export interface LifeNotificationTable {
  id: Generated<number>;
  person_id: number;
  org_path: string;
  meeting_id: number | null;
  title: string;
  body: string;
  created_at: string;
  read_at: string | null;
  digested_on: string | null;
}

export interface LifeAttachmentTable {
  id: Generated<number>;
  meeting_id: number;
  org_path: string;
  file_name: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  created_by: number | null;
  created_at: string;
}

/** 谈心谈话 records. */
export interface LifeTalkTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  talker_person_id: number;
  talkee_person_id: number;
  held_on: string;
  topic: string;
  follow_up: string | null;
  created_by: number | null;
  created_at: string;
}

/** Per organisation × native period × type: meetings held (kept in the meeting's transaction). */
export interface LifeComplianceTable {
  org_id: number;
  org_path: string;
  type: string;
  period: string;
  held: number;
}

/** Per ancestor × native period × type: organisations below (inclusive) that held at least one. */
export interface LifeComplianceCounterTable {
  ancestor_id: number;
  type: string;
  period: string;
  orgs_held: number;
}

/** Quality findings of one held meeting, judged when its record or attendance is saved. */
export interface LifeFindingTable {
  meeting_id: number;
  seq: number;
  org_id: number;
  org_path: string;
  held_on: string;
  code: string;
  detail: string;
}

/** A branch's annual plan (年度计划): draft → submitted → (optionally) acknowledged by the parent. */
export interface LifePlanTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  year: number;
  /** 'draft' | 'submitted' | 'acknowledged' */
  status: string;
  submitted_at: string | null;
  acknowledged_at: string | null;
  acknowledged_by: number | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** One planned meeting: a month ('2026-03') or quarter ('2026-Q2'), a type and a theme. */
export interface LifePlanItemTable {
  id: Generated<number>;
  plan_id: number;
  seq: number;
  period: string;
  type: string;
  theme: string;
}

export interface OrgLifeTables {
  life_meetings: LifeMeetingTable;
  life_attendance: LifeAttendanceTable;
  life_minutes_bands: LifeMinutesBandTable;
  life_minutes_pairs: LifeMinutesPairTable;
  life_series: LifeSeriesTable;
  life_notifications: LifeNotificationTable;
  life_attachments: LifeAttachmentTable;
  life_talks: LifeTalkTable;
  life_compliance: LifeComplianceTable;
  life_compliance_counters: LifeComplianceCounterTable;
  life_findings: LifeFindingTable;
  life_plans: LifePlanTable;
  life_plan_items: LifePlanItemTable;
}
