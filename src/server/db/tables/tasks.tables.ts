// Tables of 工作任务 (issue 18). Only the tasks module's repository queries them.
import type { Generated } from 'kysely';

/** A task (工作任务 or 报表/材料报送) issued by an organisation to organisations below it. */
export interface TaskTaskTable {
  id: Generated<number>;
  issuer_org_id: number;
  issuer_path: string;
  issuer_name: string;
  title: string;
  content: string;
  /** 'task' | 'report' */
  kind: string;
  /** 'children' | 'branches' | 'chosen' */
  target_mode: string;
  /** China date the task was issued; its month is the 减负 cap's month. */
  issued_on: string;
  deadline: string;
  /** JSON array of { name, url? }. */
  attachments: string;
  /** JSON array of { name, type, required } when receivers fill an Excel form; else null. */
  form_columns: string | null;
  /** 1 when issued over the monthly 减负 cap (after the issuer confirmed). */
  over_cap: number;
  created_by: number | null;
  created_at: string;
}

/** One receiving organisation of a task and its report (报送). */
export interface TaskTargetTable {
  id: Generated<number>;
  task_id: number;
  org_id: number;
  org_path: string;
  org_name: string;
  /** 'pending' | 'submitted' | 'returned' */
  state: string;
  report_text: string | null;
  report_attachments: string | null;
  /** JSON array of the form's rows (column name → value). */
  report_rows: string | null;
  /** China date of the report in force (null until reported, and after a 退回). */
  submitted_on: string | null;
  submitted_at: string | null;
  submitted_by: number | null;
  return_reason: string | null;
  returned_at: string | null;
  returned_count: number;
  last_urged_at: string | null;
}

export interface TasksTables {
  task_tasks: TaskTaskTable;
  task_targets: TaskTargetTable;
}
