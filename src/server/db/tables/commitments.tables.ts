// Tables owned by the commitments module (issue 8). Only that module's repository queries them.
import type { Generated } from 'kysely';

/** 公开承诺 by an organisation or by a member (committer_kind 'org' | 'member'). */
export interface CmCommitmentTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  committer_kind: string;
  person_id: number | null;
  /** The organisation's name, or the member's name: what the public board shows. */
  committer_name: string;
  org_name: string;
  type: string;
  year: number;
  title: string;
  content: string;
  due_on: string | null;
  is_public: number;
  /** draft → opinion → published → in_progress → graded → closed */
  status: string;
  opinion_ends_on: string | null;
  published_on: string | null;
  self_assessment: string | null;
  leader_grade: string | null;
  satisfaction: number | null;
  graded_on: string | null;
  last_review_on: string | null;
  /** The 评诺 满意度测评 box in the voting engine (anonymous, single-use tokens), once opened. */
  satisfaction_box_id: number | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** 征求群众意见: one opinion from the public link, and how the organisation handled it. */
export interface CmOpinionTable {
  id: Generated<number>;
  commitment_id: number;
  org_path: string;
  content: string;
  contact: string | null;
  submitted_at: string;
  handling: string | null;
  handled_by: number | null;
  handled_at: string | null;
}

/** 践诺: a progress entry with evidence (JSON array of texts / photo references). */
export interface CmProgressTable {
  id: Generated<number>;
  commitment_id: number;
  org_path: string;
  note: string;
  evidence: string;
  on_date: string;
  actor_user_id: number | null;
  actor_name: string | null;
  created_at: string;
}

/** 领导点评: by a mapped reviewer, with a grade and the rectification items it opened. */
export interface CmReviewTable {
  id: Generated<number>;
  commitment_id: number;
  org_path: string;
  reviewer_person_id: number;
  reviewer_name: string;
  text: string;
  grade: string;
  reviewed_on: string;
  rectification_ids: string;
  created_by: number | null;
  created_at: string;
}

/** 两优一先 评选 round opened by a 党委 (org_path is the 党委's: the round's scope). */
export interface CmCommendationRoundTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  org_name: string;
  year: number;
  title: string;
  nominate_from: string;
  nominate_to: string;
  /** open → publicity → archived */
  status: string;
  publicity_from: string | null;
  publicity_ends_on: string | null;
  publicity_working_days: number | null;
  archived_on: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** One nomination by an organisation below the round's 党委 (org_path is the nominating organisation's). */
export interface CmNominationTable {
  id: Generated<number>;
  round_id: number;
  org_id: number;
  org_path: string;
  org_name: string;
  category: string;
  nominee_person_id: number | null;
  nominee_org_id: number | null;
  nominee_name: string;
  nominee_org_name: string;
  reason: string;
  /** JSON array of {kind, id, label}: commitments, evaluation results, meetings. */
  evidence: string;
  /** nominated → approved | rejected */
  status: string;
  decision_reason: string | null;
  decided_on: string | null;
  decided_by: number | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** 联系点: a 党委 leadership-team member linked to an organisation below, effective-dated. */
export interface CmLiaisonTable {
  id: Generated<number>;
  /** The 党委 whose leadership team the member sits on. */
  committee_org_id: number;
  committee_path: string;
  person_id: number;
  person_name: string;
  /** The linked organisation (a branch or committee below). */
  org_id: number;
  org_path: string;
  valid_from: string;
  valid_to: string | null;
  created_by: number | null;
  created_at: string;
}

/** A photo attached to a 践诺 progress entry (bytes in the attachment storage, by content hash). */
export interface CmPhotoTable {
  id: Generated<number>;
  commitment_id: number;
  progress_id: number;
  org_path: string;
  file_name: string;
  mime: string;
  size: number;
  storage_key: string;
  created_by: number | null;
  created_at: string;
}

export interface CommitmentsTables {
  cm_commendation_rounds: CmCommendationRoundTable;
  cm_nominations: CmNominationTable;
  cm_liaisons: CmLiaisonTable;
  cm_photos: CmPhotoTable;
  cm_commitments: CmCommitmentTable;
  cm_opinions: CmOpinionTable;
  cm_progress: CmProgressTable;
  cm_reviews: CmReviewTable;
}
