// Tables of 党建责任制 (issue 18): 责任清单 items per post holder with progress, 责任书 (one row per
// receiving organisation) and 问责 records. Only src/server/modules/responsibility queries them.
import type { Generated } from 'kysely';

/** One 责任清单 item of a post holder (书记 第一责任人, 副书记/委员 一岗双责, 班子成员 联系点). */
export interface RespItemTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  year: number;
  person_id: number;
  person_name: string;
  post: string;
  /** 第一责任人 | 一岗双责 | 联系点 (derived from the post when created). */
  duty_kind: string;
  /** 联系点: an organisation strictly inside org_path. */
  contact_org_id: number | null;
  contact_org_name: string | null;
  content: string;
  deadline: string;
  /** 佐证要求: what evidence completing the item needs ('' = none). */
  evidence_requirement: string;
  completed_on: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface RespProgressTable {
  id: Generated<number>;
  item_id: number;
  org_path: string;
  on_date: string;
  note: string;
  evidence: string;
  /** 1 when this entry completed the item. */
  completes: number;
  actor_user_id: number | null;
  actor_name: string | null;
  created_at: string;
}

/** 责任书: one row per receiving organisation; 签收 fills the ack columns. */
export interface RespLetterTable {
  id: Generated<number>;
  year: number;
  title: string;
  content: string;
  issuer_org_id: number;
  issuer_org_path: string;
  issuer_org_name: string;
  org_id: number;
  org_path: string;
  org_name: string;
  issued_on: string;
  acknowledged_on: string | null;
  acknowledged_by: number | null;
  acknowledged_name: string | null;
  created_by: number | null;
  created_at: string;
}

/** 问责: proposed by the level above the post holder's organisation, approved a level above that. */
export interface AccRecordTable {
  id: Generated<number>;
  type: string;
  reason: string;
  person_id: number;
  person_name: string;
  post: string;
  org_id: number;
  org_path: string;
  org_name: string;
  rect_item_id: number | null;
  alert_id: number | null;
  proposer_org_id: number;
  proposer_org_path: string;
  proposer_org_name: string;
  approver_org_id: number;
  approver_org_path: string;
  /** proposed → effective (生效) | rejected. */
  status: string;
  proposed_by: number;
  proposed_name: string;
  proposed_on: string;
  decided_by: number | null;
  decided_name: string | null;
  decided_on: string | null;
  decision_note: string | null;
  created_at: string;
  updated_at: string;
}

export interface ResponsibilityTables {
  resp_items: RespItemTable;
  resp_progress: RespProgressTable;
  resp_letters: RespLetterTable;
  acc_records: AccRecordTable;
}
