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

/**
 * A member left out of 应到会 with approval: `case` is one of the approved cases
 * (rulebook orgLife.vote.exclusions), `note` an optional remark. Records stored before the
 * cases were enforced carry only a free-text `reason`; the 2026_12_07 migration gave those it
 * could map a `case`, the others stay as they were and the audit lists them.
 */
export interface VoteExclusion {
  personId?: number;
  name: string;
  case?: string;
  note?: string;
  /** Free-text reason of a record made before the approved cases were enforced. */
  reason?: string;
}

export interface VoteRecord {
  /** Full members of the branch on the meeting date (counted by the server from the roster). */
  fullMembers: number;
  /**
   * Of those, full members under 留党察看 on the date: no 表决权 (党章 第四十条), so not among
   * 应到会有表决权的党员. Absent on records made before it was counted (read as 0).
   */
  suspended?: number;
  /** 应到会 exclusions: only the approved cases (患病不能表达意志、自费出国半年以上 …). */
  exclusions: readonly VoteExclusion[];
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
