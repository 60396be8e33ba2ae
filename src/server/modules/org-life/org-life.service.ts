// load → decide (core rule) → persist → audit, in one transaction per change.
// Split along its sections; this file stays the module entry that callers import.
export { audit, requireOrg } from './org-life-common.service.ts';
export {
  scheduleMeeting,
  getMeeting,
  listMeetings,
  recordMeeting,
  cancelMeeting,
  markAttendance,
  issueSignInCode,
  signIn,
  signInInfo,
} from './org-life-meetings.service.ts';
export {
  resolvePeriod,
  compliance,
  complianceHeatmap,
  complianceSummary,
} from './org-life-reports.service.ts';
export { issueSeries, getSeries } from './org-life-series.service.ts';
export { createTalk, listTalks, talkCoverage } from './org-life-talks.service.ts';
export { myNotifications, readNotification } from './org-life-notifications.service.ts';
export { uploadAttachment, downloadAttachment } from './org-life-attachments.service.ts';
