// Tables owned by the evaluation module (issue 7). Only that module's repositories query them.
import type { Generated } from 'kysely';

/** 书记抓基层党建述职评议考核 campaign, opened by an upper committee for the secretaries below. */
export interface EvalCampaignTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  parent_campaign_id: number | null;
  year: number;
  title: string;
  /** reporting → voting → reviewing → published */
  status: string;
  meeting_on: string | null;
  weights: string;
  box_id: number | null;
  publish_scope_path: string | null;
  published_at: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** One secretary reporting in a campaign (述职对象). */
export interface EvalSubjectTable {
  id: Generated<number>;
  campaign_id: number;
  org_id: number;
  org_path: string;
  org_code: string;
  org_name: string;
  person_id: number;
  name: string;
  report_order: number;
  report_text: string | null;
  problems: Generated<string>;
  attachments: Generated<string>;
  submitted_at: string | null;
  comment_text: string | null;
  comment_grade: string | null;
  indicators: Generated<string>;
  /** Composite score ×10 (integer), set at publication. */
  score_x10: number | null;
  grade: string | null;
  tally: string | null;
}

/** 约谈 after a 一般 / 差 grade. */
export interface EvalInterviewTable {
  id: Generated<number>;
  campaign_id: number;
  subject_id: number;
  org_id: number;
  org_path: string;
  person_id: number;
  reason: string;
  status: string;
  held_on: string | null;
  notes: string | null;
  created_at: string;
}

/** A ballot box of the voting engine. */
export interface VoteBoxTable {
  id: Generated<number>;
  org_path: string;
  source_type: string;
  source_id: number;
  title: string;
  scheme: string;
  subjects: string;
  anonymous: number;
  expected_voters: number;
  issued_tokens: number;
  status: string;
  opened_at: string;
  closed_at: string | null;
}

/** Issued ballot tokens: only their hash and whether used; no voter, no time, no ballot. */
export interface VoteTokenTable {
  token_hash: string;
  box_id: number;
  used: number;
}

/** Cast ballots: random id, no token, no time; a voter only for named boxes. */
export interface VoteBallotTable {
  id: string;
  box_id: number;
  marks: string;
  paper: number;
  voter_person_id: number | null;
}

/** Who has taken a ballot token from a box (so nobody takes two); no link to the token. */
export interface VoteParticipantTable {
  box_id: number;
  person_id: number;
}

/** The one rectification (整改) item. */
export interface RectItemTable {
  id: Generated<number>;
  source_type: string;
  source_id: number | null;
  org_id: number;
  org_path: string;
  owner_person_id: number | null;
  owner_name: string | null;
  title: string;
  detail: string;
  deadline: string;
  status: string;
  evidence: string | null;
  reopened_count: Generated<number>;
  closed_at: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface RectProgressTable {
  id: Generated<number>;
  item_id: number;
  org_path: string;
  kind: string;
  note: string;
  evidence: string | null;
  actor_user_id: number | null;
  actor_name: string | null;
  at: string;
}

/** 民主评议党员: one per branch per year. */
export interface MemberReviewTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  year: number;
  stage: string;
  study_note: string | null;
  box_id: number | null;
  report_to_upper: number;
  decided_by: string | null;
  published_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface MemberReviewEntryTable {
  id: Generated<number>;
  review_id: number;
  org_path: string;
  person_id: number;
  name: string;
  self_text: string | null;
  self_at: string | null;
  grade: string | null;
  reason: string | null;
}

/** 不合格党员处置 record. */
export interface MemberDispositionTable {
  id: Generated<number>;
  entry_id: number;
  org_id: number;
  org_path: string;
  person_id: number;
  kind: string;
  decided_on: string;
  correct_until: string | null;
  no_readmission_until: string | null;
  branch_vote: string | null;
  status: string;
  note: string;
  created_at: string;
}

/** 党员目标管理: one 目标责任书 per member per year, set by the branch, acknowledged by the member. */
export interface TargetLetterTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  person_id: number;
  name: string;
  year: number;
  /** JSON [{title, detail}] */
  items: string;
  /** issued → acknowledged */
  status: string;
  acknowledged_at: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** Half-yearly assessment of a target letter: 自评 + 互评 + 组织评价 (scores 0–100). */
export interface TargetAssessmentTable {
  id: Generated<number>;
  letter_id: number;
  org_path: string;
  half: string;
  self_score: number | null;
  self_note: string | null;
  self_at: string | null;
  peer_score: number | null;
  org_score: number | null;
  org_note: string | null;
  /** Combined score ×10 (integer), set by the organisation's assessment. */
  score_x10: number | null;
  grade: string | null;
  assessed_at: string | null;
  assessed_by: number | null;
}

/** 失联登记: a branch records that a member cannot be reached (basis of 停止党籍 proposals). */
export interface MemberLostContactTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  person_id: number;
  since: string;
  searches: string;
  /** lost | found */
  status: string;
  found_on: string | null;
  created_by: number | null;
  created_at: string;
}

/** A human's decision on a 处置 proposal from data (nothing is decided automatically). */
export interface MemberProposalDecisionTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  person_id: number;
  proposal: string;
  /** submitted (提交党组织研究) | dismissed (不予处理) */
  decision: string;
  note: string;
  decided_on: string;
  created_by: number | null;
  created_at: string;
}

export interface EvaluationTables {
  eval_campaigns: EvalCampaignTable;
  eval_subjects: EvalSubjectTable;
  eval_interviews: EvalInterviewTable;
  vote_boxes: VoteBoxTable;
  vote_tokens: VoteTokenTable;
  vote_ballots: VoteBallotTable;
  vote_participants: VoteParticipantTable;
  rect_items: RectItemTable;
  rect_progress: RectProgressTable;
  member_reviews: MemberReviewTable;
  member_review_entries: MemberReviewEntryTable;
  member_dispositions: MemberDispositionTable;
  target_letters: TargetLetterTable;
  target_assessments: TargetAssessmentTable;
  member_lost_contacts: MemberLostContactTable;
  member_proposal_decisions: MemberProposalDecisionTable;
}
