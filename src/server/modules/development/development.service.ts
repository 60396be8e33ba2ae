// load → decide (core rule) → persist → audit, in one transaction per change.
// Split along its sections; this file stays the module entry that callers import.
export { CANDIDATE_ID_CONTEXT, loadCalendar, toStepRecord, toRecord } from './development-common.service.ts';
export {
  stepDefinitions,
  board,
  getCandidate,
  auditSubtree,
  auditReport,
} from './development-reads.service.ts';
export type { AuditReport } from './development-reads.service.ts';
export { createCandidate, recordStep, terminateCandidate } from './development-writes.service.ts';
export { calendar, putCalendar, quotas, setQuota } from './development-calendar.service.ts';
export { document, auditWorkbook } from './development-documents.service.ts';
