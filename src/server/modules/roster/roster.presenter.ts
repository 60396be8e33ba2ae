// Rows → API JSON. ID numbers, phones and addresses are masked here; unmasked values only
// come from the audited reveal.
import { TRANSFER_STATUS_LABELS, type TransferStatus } from '../../../core/roster/roster.constants.ts';
import { REQUEST_STATUS_LABEL, type RequestStatus } from '../../../core/roster/transfer-request.rules.ts';
import type { RequestRow } from './roster-request.repository.ts';
import { ageOn } from '../../../core/shared/dates.ts';
import type { MemberRow, TransferRow } from './roster.repository.ts';

/**
 * A floating member away at least `awayMonths` (roster.transfer.awayMonths) should have the
 * relationship transferred: `transferDueBefore` is today minus that many months.
 */
export function presentMemberListItem(r: MemberRow, today: string, transferDueBefore = '') {
  return {
    personId: Number(r.id),
    name: r.name,
    gender: r.gender,
    ethnicity: r.ethnicity,
    education: r.education,
    birthDate: r.birth_date,
    age: r.birth_date ? ageOn(r.birth_date, today) : null,
    category: r.category,
    joinedOn: r.joined_on,
    fullMemberOn: r.full_member_on,
    idNumber: r.id_number_masked,
    phone: r.phone_masked,
    org: { id: Number(r.org_id), name: r.org_name, code: r.org_code },
    identity: r.identity,
    workUnit: r.work_unit,
    partyStatus: r.party_status ?? '正常',
    flags: {
      floating: r.floating === 1,
      hardship: r.hardship === 1,
      communityReport: r.community_report === 1,
    },
    floatingTransferDue: r.floating === 1 && !!r.floating_since && r.floating_since <= transferDueBefore,
  };
}

export type MemberListItemDto = ReturnType<typeof presentMemberListItem>;

export function cursorOf(r: MemberRow): string {
  return `${r.org_path}|${Number(r.id)}`;
}

export function presentTransfer(t: NonNullable<TransferRow>) {
  return {
    id: Number(t.id),
    person: { id: Number(t.person_id), name: t.person_name },
    from: { id: Number(t.from_org_id), name: t.from_org_name, code: t.from_org_code },
    to: { id: Number(t.to_org_id), name: t.to_org_name, code: t.to_org_code },
    status: t.status as TransferStatus,
    statusLabel: TRANSFER_STATUS_LABELS[t.status as TransferStatus] ?? t.status,
    needsApproval: t.approver_path !== null,
    reason: t.reason,
    returnReason: t.return_reason,
    initiatedBy: t.initiated_by,
    initiatedAt: t.initiated_at,
    approvedBy: t.approved_by,
    approvedAt: t.approved_at,
    decidedBy: t.decided_by,
    decidedAt: t.decided_at,
    effectiveOn: t.effective_on,
  };
}

/** A member's own transfer request. */
export function presentRequest(r: RequestRow) {
  return {
    id: Number(r.id),
    personId: Number(r.person_id),
    personName: r.person_name,
    org: { id: Number(r.org_id), name: r.org_name, code: r.org_code },
    destination: r.destination_kind as 'in_system' | 'outside',
    toOrg:
      r.to_org_id === null ? null : { id: Number(r.to_org_id), name: r.to_org_name, code: r.to_org_code },
    otherOrgName: r.outside_org_name,
    reason: r.reason,
    status: r.status as RequestStatus,
    statusLabel: REQUEST_STATUS_LABEL[r.status as RequestStatus] ?? r.status,
    declineReason: r.decline_reason,
    transferId: r.transfer_id === null ? null : Number(r.transfer_id),
    externalId: r.external_id === null ? null : Number(r.external_id),
    createdAt: r.created_at,
    decidedAt: r.decided_at,
  };
}
