// load → decide (core rule) → persist → audit, one transaction per change.
// Split along its sections; this file stays the module entry that callers import.
export { overview, candidates, recordTerm, adjustTerm } from './org-system-overview.service.ts';
export {
  requestRenewal,
  approveRenewal,
  recordElection,
  reportRenewal,
  listApprovals,
  decideApproval,
} from './org-system-elections.service.ts';
export { structure, terms, units } from './org-system-reports.service.ts';
export { listWeak, designateWeak, weakProgress, closeWeak } from './org-system-weak.service.ts';
export { listGradings, grade, structureExport } from './org-system-grading.service.ts';
