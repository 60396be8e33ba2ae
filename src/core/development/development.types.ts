// The development record as the pure rules see it: plain values, snapshots taken when recorded.

export type CandidateStatus =
  '申请人' | '入党积极分子' | '发展对象' | '预备党员' | '正式党员' | '已取消' | '已终止';

/** A party member as a step saw them on its date (培养联系人, 入党介绍人, 应到会 exclusions). */
export interface MemberSnapshot {
  personId: number;
  name: string;
  /** Membership category on the step's date, null when not a member of the party then. */
  category: string | null;
  /** Under 留党察看 on that date. */
  onProbationDiscipline?: boolean;
}

export interface VoteRecord {
  /** Full members of the branch on the meeting date (counted by the server from the roster). */
  fullMembers: number;
  /** 应到会 exclusions with reasons (外出、病重等经批准不参加的). */
  exclusions: readonly { personId?: number; name: string; reason: string }[];
  present: number;
  for: number;
  against: number;
  abstain: number;
}

export interface StepRecord {
  id?: number;
  step: number;
  doneOn: string;
  data: Record<string, unknown>;
  materials: readonly string[];
  asHistory: boolean;
}

export interface CandidateRecord {
  id: number;
  name: string;
  birthDate: string;
  appliedOn: string;
  status: CandidateStatus;
  steps: readonly StepRecord[];
}

export interface Finding {
  step: number;
  code: string;
  /** The rulebook id the finding rests on. */
  rule: string;
  detail: string;
  /** The input field the finding is about, when recorded through a form. */
  field?: string;
}

export interface Upcoming {
  due: string;
  what: string;
  step: number;
}
