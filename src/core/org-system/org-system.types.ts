// Vocabulary of the organisation system (班子, 届, 换届, 体检, 软弱涣散, 定级).

/** Posts of a leadership team, in display order (the foundation's positions.post values). */
export const TEAM_POSTS = ['书记', '副书记', '组织委员', '宣传委员', '纪检委员', '委员'] as const;
export type TeamPost = (typeof TEAM_POSTS)[number];

/** Posts approved by the higher organisation after the election; the others are filed (备案). */
export const APPROVED_POSTS: readonly TeamPost[] = ['书记', '副书记'];

export const TERM_STATUSES = ['正常', '临近换届', '逾期未换届'] as const;
export type TermStatus = (typeof TERM_STATUSES)[number];

/** Kinds that hold elections and have terms (党组 are appointed, 党小组 have no term). */
export const TERM_KINDS = ['党委', '党工委', '党总支', '党支部', '联合党支部', '临时党支部'] as const;

/** 换届 workflow: 请示 → 批复 → 选举 → 报告 (the report opens the new term). */
export const RENEWAL_STAGES = ['已请示', '已批复', '已选举', '已完成', '已撤回'] as const;
export type RenewalStage = (typeof RENEWAL_STAGES)[number];

export const APPROVAL_STATES = ['待批复', '已批复', '待备案', '已备案', '不予批准'] as const;
export type ApprovalState = (typeof APPROVAL_STATES)[number];

/** Structural checks (组织体系体检), the `check` value of each finding. */
export const STRUCTURE_CHECKS = {
  unbuilt: '应建未建',
  tooFewFull: '正式党员不足3人',
  jointTooManyUnits: '联合党支部覆盖单位超限',
  committeeMissing: '应设支委会未设',
  branchTooLarge: '党支部党员超过上限',
  generalBranchSize: '党总支规模不符',
  committeeOrgSize: '基层党委规模不足',
  secretaryVacant: '书记空缺',
  committeeSize: '支委会人数不符',
} as const;
export type StructureCheck = (typeof STRUCTURE_CHECKS)[keyof typeof STRUCTURE_CHECKS];

export type Severity = '提示' | '警告' | '问题';

export const WEAK_CASE_STATES = ['整顿中', '待销号', '已销号'] as const;
export type WeakCaseState = (typeof WEAK_CASE_STATES)[number];

export interface WeakCriterion {
  code: string;
  label: string;
  automatic: boolean;
}

export interface GradingScheme {
  name: string;
  grades: readonly string[];
  /** Grade → highest share of the rated branches under one organisation in one year. */
  quotas: Readonly<Record<string, number>>;
}
