// Tables of 考核 (issue 18). Only src/server/modules/assessment queries them.
import type { Generated } from 'kysely';

/** A stored score of one assessed organisation for a year (recomputed on demand: 重新计算). */
export interface AssessScoreTable {
  id: Generated<number>;
  /** The assessing organisation (county or township) whose children are ranked. */
  assessor_org_id: number;
  org_id: number;
  org_path: string;
  org_code: string;
  org_name: string;
  year: number;
  /** 'township' | 'branch' */
  level: string;
  total: number;
  rank: number;
  /** IndicatorResult[] as JSON. */
  indicators: string;
  computed_at: string;
}

/** Weights an organisation sets for a year and level (replaces the rulebook defaults below it). */
export interface AssessWeightTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  year: number;
  level: string;
  /** [{key, weight}] as JSON, summing to 100. */
  weights: string;
  updated_by: number | null;
  updated_at: string;
}

/** A manual indicator's points for one organisation and year, with the required evidence (佐证). */
export interface AssessManualTable {
  id: Generated<number>;
  assessor_org_id: number;
  org_id: number;
  org_path: string;
  year: number;
  key: string;
  score: number;
  evidence: string;
  entered_by: number | null;
  entered_at: string;
}

export interface AssessmentTables {
  assess_scores: AssessScoreTable;
  assess_weights: AssessWeightTable;
  assess_manual: AssessManualTable;
}
