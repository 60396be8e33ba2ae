// The only Kysely code for the roster tables (and the roster's reads of persons/memberships).
// Split along its sections; this file stays the module entry that callers import.
export {
  findOrgById,
  findOrgsByCodes,
  findOrgsByPaths,
  existingIdIndexes,
  insertMembers,
  analyzeMemberTables,
} from './roster-common.repository.ts';
export type { OrgFacts, NewMember } from './roster-common.repository.ts';
export {
  insertImportJob,
  finishImportJob,
  findImportJob,
  runningImportJobs,
  committedImportRows,
  interruptImportJob,
} from './roster-import-jobs.repository.ts';
export {
  listMembers,
  countMembers,
  memberById,
  membershipHistory,
  upsertProfile,
  findProfile,
} from './roster-members.repository.ts';
export type { MemberFilter, MemberRow } from './roster-members.repository.ts';
export { countBy, countByDateBands, ageingByOrg } from './roster-structure.repository.ts';
export type { Dimension } from './roster-structure.repository.ts';
export {
  findTransfer,
  hasOpenTransfer,
  listTransfers,
  transfersAwaitingUnder,
  insertTransfer,
  updateTransfer,
  moveMembership,
  personOfUser,
} from './roster-transfers.repository.ts';
export type { TransferRow } from './roster-transfers.repository.ts';
