// Tables of the alert registry (预警, issue 17) and the job leases. Only src/server/modules/alerts
// and src/server/jobs query them.
import type { Generated } from 'kysely';

/** One alert: open while its condition holds, closed (with the time) when it clears; history is kept. */
export interface AlertTable {
  id: Generated<number>;
  code: string;
  severity: string;
  org_id: number;
  org_path: string;
  subject_type: string;
  subject_id: string;
  subject_label: string;
  since: string;
  due: string | null;
  detail: string;
  /** The role that must act (a role id of src/core/auth/roles.ts). */
  role: string;
  /** The web page that resolves it. */
  link: string;
  /** 1 while open, 0 once closed. */
  is_open: number;
  opened_at: string;
  closed_at: string | null;
  updated_at: string;
}

/** Open alerts per (ancestor, code): any subtree's counts are read, never recomputed. */
export interface AlertCountTable {
  ancestor_id: number;
  code: string;
  n: number;
}

/** A lease so that scheduled work runs on one node at a time. */
export interface JobLeaseTable {
  name: string;
  holder: string;
  until: string;
  last_started_at: string | null;
  last_finished_at: string | null;
  last_result: string | null;
}

export interface AlertTables {
  alerts: AlertTable;
  alert_counts: AlertCountTable;
  job_leases: JobLeaseTable;
}
