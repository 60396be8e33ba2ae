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

export interface CommitmentsTables {
  cm_commitments: CmCommitmentTable;
  cm_opinions: CmOpinionTable;
  cm_progress: CmProgressTable;
  cm_reviews: CmReviewTable;
}
