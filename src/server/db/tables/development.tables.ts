// Tables owned by the development module (issue 6). Only that module's repository queries them.
import type { Generated } from 'kysely';

/** A person on the road to membership (申请人 → 积极分子 → 发展对象 → 预备党员 → 正式党员). */
export interface DevCandidateTable {
  id: Generated<number>;
  name: string;
  gender: string;
  id_number_enc: string;
  id_number_bidx: string;
  id_number_masked: string;
  birth_date: string;
  org_id: number;
  org_path: string;
  applied_on: string;
  status: string;
  /** Set when admitted as 预备党员 (the person row created in the roster). */
  person_id: number | null;
  /** 终止发展 / 取消预备党员资格: the date and the recorded reason (null while open). */
  closed_on: Generated<string | null>;
  closed_reason: Generated<string | null>;
  created_at: string;
  updated_at: string;
}

/** One recorded step; data holds the step's fields and the snapshots taken on its date (JSON). */
export interface DevStepTable {
  id: Generated<number>;
  candidate_id: number;
  org_path: string;
  step_no: number;
  done_on: string;
  data: string;
  materials: string;
  as_history: number;
  /** Findings at the time of recording (JSON array), for history entries. */
  findings: string;
  recorded_by: number | null;
  created_at: string;
}

/** Public holidays and make-up workdays (国务院办公厅节假日安排). */
export interface DevCalendarTable {
  day: string;
  kind: string;
  name: string;
  source: string;
  updated_at: string;
}

/** Annual development plan (发展名额) of a 党委. */
export interface DevQuotaTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  year: number;
  quota: number;
  updated_at: string;
}

export interface DevelopmentTables {
  dev_candidates: DevCandidateTable;
  dev_steps: DevStepTable;
  dev_calendar: DevCalendarTable;
  dev_quotas: DevQuotaTable;
}
