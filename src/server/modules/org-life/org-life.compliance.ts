// The compliance report and its incremental tables. Reads are set-based: one range scan per
// table for the whole subtree and period (organisations, member counts, compliance rows,
// talks, held meetings, similarity candidates) — never a query per branch.
// Split along its sections; this file stays the module entry that callers import.
export {
  OBLIGED_KINDS,
  complianceRows,
  complianceFindings,
  complianceFindingsFromMeetings,
  findingRowsOf,
  syncFindings,
  rebuildFindings,
  similarFindings,
  refreshSimilarPairs,
  heatmap,
  talkPairsUnder,
} from './org-life-compliance-reports.ts';
export type { ComplianceRow, ComplianceFinding } from './org-life-compliance-reports.ts';
export {
  nativePeriod,
  onMeetingHeld,
  syncCounting,
  rebuildCompliance,
  childrenSummary,
  lastDayOf,
  complianceReport,
} from './org-life-compliance-maintenance.ts';
