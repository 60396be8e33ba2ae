import type { Selectable } from 'kysely';
import type { OsGradingTable, OsRenewalTable, OsTermTable, OsWeakCaseTable } from '../../db/tables/org-system.tables.ts';
import type { TermStatus } from '../../../core/org-system/org-system.types.ts';

export function presentTerm(t: Selectable<OsTermTable>, status: TermStatus | null) {
  return {
    id: t.id, orgId: t.org_id, number: t.number, electedOn: t.elected_on, years: t.years, adjustMonths: t.adjust_months,
    adjustRef: t.adjust_ref, adjustReason: t.adjust_reason, adjustApprovedOn: t.adjust_approved_on,
    termEnd: t.term_end, endedOn: t.ended_on, status, basis: t.basis,
  };
}

export function presentRenewal(r: Selectable<OsRenewalTable>) {
  return {
    id: r.id, orgId: r.org_id, termId: r.term_id, stage: r.stage, seats: r.seats, requestedOn: r.requested_on, plannedOn: r.planned_on,
    requestNote: r.request_note, approvedOn: r.approved_on, approvalRef: r.approval_ref, candidateIds: JSON.parse(r.candidate_ids) as number[],
    electionId: r.election_id, reportedOn: r.reported_on, reportNote: r.report_note, newTermId: r.new_term_id,
  };
}

export function presentWeakCase(w: Selectable<OsWeakCaseTable> & { org_code?: string; org_name?: string }) {
  return {
    id: w.id, orgId: w.org_id, orgCode: w.org_code, orgName: w.org_name, year: w.year, designatedOn: w.designated_on,
    criteria: JSON.parse(w.criteria) as string[], source: w.source, measures: w.measures, firstSecretary: w.first_secretary,
    villageCadres: w.village_cadres, state: w.state, closedOn: w.closed_on, reviewNote: w.review_note,
  };
}

export function presentGrading(g: Selectable<OsGradingTable> & { org_code?: string; org_name?: string }) {
  return {
    id: g.id, orgId: g.org_id, orgCode: g.org_code, orgName: g.org_name, raterOrgId: g.rater_org_id, year: g.year, scheme: g.scheme,
    grade: g.grade, evidence: g.evidence, approvedOn: g.approved_on,
  };
}
