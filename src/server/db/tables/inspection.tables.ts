// Tables of 督查 (issue 18). Only the inspection module's repository queries them.
import type { Generated } from 'kysely';

/** 督查计划: issued by a committee over organisations strictly below it. */
export interface InspPlanTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  org_name: string;
  title: string;
  year: number;
  period_from: string;
  period_to: string;
  /** 专项督查 | 常规督查 | 随机抽查 */
  kind: string;
  /** JSON array of inspector names (督查组 members need no account). */
  inspectors: string;
  note: string;
  created_by: number | null;
  created_at: string;
}

/** One organisation a plan inspects, and when. */
export interface InspTargetTable {
  id: Generated<number>;
  plan_id: number;
  org_id: number;
  org_path: string;
  org_name: string;
  planned_on: string;
  /** Path of the issuing organisation, for alerts found on the issuer. */
  plan_org_path: string;
}

/** 督查记录: one visit of a target, with the checklist results (JSON) and the conclusion. */
export interface InspVisitTable {
  id: Generated<number>;
  plan_id: number;
  target_id: number;
  org_id: number;
  org_path: string;
  org_name: string;
  plan_org_path: string;
  visited_on: string;
  inspectors: string;
  /** JSON array of { code, label, result, note } in rulebook order. */
  checklist: string;
  conclusion: string;
  created_by: number | null;
  created_at: string;
}

/** A problem found on a visit; rect_item_id once turned into 整改. */
export interface InspFindingTable {
  id: Generated<number>;
  visit_id: number;
  plan_id: number;
  org_id: number;
  org_path: string;
  plan_org_path: string;
  item_code: string;
  text: string;
  /** 一般 | 较重 | 严重 */
  severity: string;
  recorded_on: string;
  rect_item_id: number | null;
  created_at: string;
}

/** 现场照片 of a visit, bytes in the platform's attachment storage. */
export interface InspPhotoTable {
  id: Generated<number>;
  visit_id: number;
  org_path: string;
  file_name: string;
  mime: string;
  size: number;
  storage_key: string;
  created_by: number | null;
  created_at: string;
}

/** 通报 published by a committee. */
export interface InspBulletinTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  org_name: string;
  title: string;
  content: string;
  issued_on: string;
  created_by: number | null;
  created_at: string;
}

export interface InspBulletinRecipientTable {
  id: Generated<number>;
  bulletin_id: number;
  org_id: number;
  org_path: string;
  org_name: string;
}

/** 表扬 / 批评 examples named in a bulletin. */
export interface InspBulletinExampleTable {
  id: Generated<number>;
  bulletin_id: number;
  kind: string;
  text: string;
  org_id: number | null;
  org_name: string | null;
  visit_id: number | null;
  sort: number;
}

/** A read receipt: a receiving organisation's staff member opened the bulletin (first time). */
export interface InspBulletinReceiptTable {
  id: Generated<number>;
  bulletin_id: number;
  org_id: number;
  user_id: number;
  user_name: string;
  read_at: string;
}

export interface InspectionTables {
  insp_plans: InspPlanTable;
  insp_targets: InspTargetTable;
  insp_visits: InspVisitTable;
  insp_findings: InspFindingTable;
  insp_photos: InspPhotoTable;
  insp_bulletins: InspBulletinTable;
  insp_bulletin_recipients: InspBulletinRecipientTable;
  insp_bulletin_examples: InspBulletinExampleTable;
  insp_bulletin_receipts: InspBulletinReceiptTable;
}
