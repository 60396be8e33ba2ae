// The only Kysely code for the development module's tables (dev_*). Scoped reads take the
// actor's scope path; writes run inside the service's transaction.
// Split along its sections; this file stays the module entry that callers import.
export {
  findCandidate,
  candidateByIdBlindIndex,
  personByIdBlindIndex,
  listCandidates,
  stepsUnder,
  stepsOf,
  insertCandidate,
  updateCandidate,
  closeCandidate,
  setClosure,
  insertStep,
  insertSteps,
} from './development-candidates.repository.ts';
export type { CandidateRow, StepRow } from './development-candidates.repository.ts';
export { personsOn } from './development-people.repository.ts';
export type { PersonOnDay } from './development-people.repository.ts';
export {
  insertPerson,
  openMembership,
  currentMembership,
  closeMembership,
  setPersonCategory,
} from './development-admission.repository.ts';
export type { OpenMembership } from './development-admission.repository.ts';
export { calendarDays, upsertCalendarDays } from './development-calendar.repository.ts';
export {
  quotasUnder,
  quotasCovering,
  approvalsUsed,
  upsertQuota,
  updateMembership,
  orgChain,
  orgByCodeAnywhere,
} from './development-quotas.repository.ts';
export {
  orgsByCodes,
  existingBlindIndexes,
  branchPeople,
  committeesUnder,
  approvalPathsInYear,
} from './development-import.repository.ts';
export { auditCandidates, auditSteps } from './development-audit.repository.ts';
