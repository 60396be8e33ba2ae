// The only Kysely code for the org-life tables. Subtree reads take the scope path and are
// one range scan each (org_path >= p and org_path < upper(p)); no per-branch loops.
// Split along its sections; this file stays the module entry that callers import.
export { insertChunked, bulkInsert } from './org-life-common.repository.ts';
export type { MeetingRow, AttendanceRow } from './org-life-common.repository.ts';
export {
  insertMeeting,
  findMeeting,
  updateMeeting,
  listMeetingsOfOrg,
  heldMeetingsUnder,
} from './org-life-meetings.repository.ts';
export {
  replaceFindings,
  insertFindings,
  deleteAllFindings,
  findingsUnder,
  allFindings,
  heldMeetingsAfter,
} from './org-life-quality.repository.ts';
export type { FindingInsert } from './org-life-quality.repository.ts';
export {
  insertAttendance,
  listAttendance,
  findAttendance,
  updateAttendance,
  markUnsignedAbsent,
  attendanceStatuses,
} from './org-life-attendance.repository.ts';
export {
  personOfUser,
  committeeOn,
  groupMembersOn,
  committeeSeatsOn,
  talkFactsUnder,
} from './org-life-people.repository.ts';
export {
  replaceBands,
  candidatesOf,
  replacePairs,
  pairedOrgPathsOf,
  similarUnder,
  similarPairsOfMeetingsUnder,
  meetingTextsWithPath,
} from './org-life-similarity.repository.ts';
export {
  bumpCompliance,
  heldByOrgUnder,
  countersOf,
  heldByOrgTypeMonth,
  quorumMissedUnder,
  groupsWithMembersUnder,
  replaceComplianceTables,
  allCompliance,
} from './org-life-compliance.repository.ts';
export { obligedOrgsUnder, memberCountsUnder, talkCoverageUnder } from './org-life-orgs.repository.ts';
export {
  insertSeries,
  seriesProgress,
  findSeries,
  insertNotifications,
  notificationsOf,
  undigested,
  markDigested,
  markRead,
  insertTalk,
  talksOf,
  insertAttachment,
  attachmentsOf,
  findAttachment,
} from './org-life-series.repository.ts';
export {
  findPlan,
  planItemsOf,
  insertPlan,
  updatePlan,
  replacePlanItems,
  plansUnder,
  seriesUnder,
} from './org-life-plans.repository.ts';
