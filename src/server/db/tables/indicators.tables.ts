/** One indicator of one organisation's subtree for one month (the month in progress: as of today). */
export interface IndicatorValueTable {
  org_id: number;
  key: string;
  /** YYYY-MM */
  period: string;
  num: number;
  /** null for a count; a ratio's denominator otherwise (0: nothing to measure). */
  den: number | null;
  computed_at: string;
}

export interface IndicatorTables {
  indicator_values: IndicatorValueTable;
}
