// 书记抓基层党建述职评议考核: load → decide (core rule) → persist → audit, one transaction per change.
// Split along its sections; this file stays the module entry that callers import.
export { SUBJECT_SOURCE, STAGE_NAMES } from './campaign-common.service.ts';
export { listCampaigns, getCampaign, createCampaign } from './campaign-campaigns.service.ts';
export { submitReport, setOrder, openVoting, comment } from './campaign-subjects.service.ts';
export { publish, preparePublication, writePublication } from './campaign-publication.service.ts';
export { linkedView, campaignReport } from './campaign-reports.service.ts';
export { recordInterview } from './campaign-interviews.service.ts';
