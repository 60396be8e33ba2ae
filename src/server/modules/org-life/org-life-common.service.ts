// Org-life services: helpers shared by its sections (scope, audit, attendee snapshot, recount).
import type { Transaction } from 'kysely';
import { TYPE_SPECS, type AttendanceStatus, type MeetingType } from '../../../core/org-life/meeting-types.ts';
import { countAttendance } from '../../../core/org-life/quality.ts';
import { chinaDate } from '../../../core/shared/dates.ts';
import { denied } from '../../authz.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import type { DB, OrgRow } from '../../db/schema.ts';
import { badRequest, notFound } from '../../http/errors.ts';
import { refreshAlertsIn } from '../alerts/alerts.service.ts';
import { membersOn } from '../membership/membership.repository.ts';
import { findOrgById } from '../orgs/orgs.repository.ts';
import { syncCounting, syncFindings } from './org-life.compliance.ts';
import * as repo from './org-life.repository.ts';

export function audit(ctx: AppContext, rc: RequestContext, objectType = 'life_meeting') {
  const actor = rc.actor!;
  return {
    at: ctx.now().toISOString(),
    result: 'ok' as const,
    actorUserId: actor.userId,
    actorUsername: actor.username,
    requestId: rc.meta.requestId,
    ip: rc.meta.ip,
    objectType,
  };
}

export async function requireOrg(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  allowed: (path: string) => boolean,
): Promise<OrgRow> {
  const org = await findOrgById(ctx.db, id);
  if (!org) throw notFound('组织');
  if (!allowed(org.path)) throw await denied(ctx, rc, 'org', id, 'scope');
  return org;
}

export async function requireMeeting(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  allowed: (path: string) => boolean,
) {
  const m = await repo.findMeeting(ctx.db, id);
  if (!m) throw notFound('会议');
  if (!allowed(m.org_path)) throw await denied(ctx, rc, 'life_meeting', id, 'scope');
  return m;
}

export const today = (ctx: AppContext) => chinaDate(ctx.now());

/** Who should attend, snapshotted now: later membership changes do not rewrite the ledger. */
export async function expectedAttendees(
  trx: Transaction<DB>,
  org: OrgRow,
  type: MeetingType,
  heldOn: string,
) {
  const who = TYPE_SPECS[type].attendees;
  if (who === 'committee' || who === 'leaders') return repo.committeeOn(trx, org.id, heldOn);
  // 党小组会: the group's members by the roster's 党小组 assignment (and any recorded on the group).
  if (who === 'group') return repo.groupMembersOn(trx, org, heldOn);
  return (await membersOn(trx, org.id, heldOn)).map((m) => ({ personId: m.personId, name: m.name }));
}

export function checkTypeForOrg(org: OrgRow, type: MeetingType): void {
  const spec = TYPE_SPECS[type];
  if (type === '党小组会') {
    if (org.kind !== '党小组') throw badRequest('TYPE_NOT_FOR_ORG', '党小组会只能由党小组召开', 'type');
    return;
  }
  if (!spec.orgKinds.includes(org.kind))
    throw badRequest(
      'TYPE_NOT_FOR_ORG',
      `${org.kind}不召开${type}（适用于：${spec.orgKinds.join('、')}）`,
      'type',
    );
}

/**
 * Counts on the meeting row from the ledger; the stored quality findings and the compliance
 * rollup (a held meeting counts only when it met its legal quorum) follow in the same transaction.
 * `before` is the meeting as it was before this change (status and counts).
 */
export async function recount(
  ctx: AppContext,
  trx: Transaction<DB>,
  meetingId: number,
  before: Parameters<typeof syncCounting>[2],
) {
  const c = countAttendance((await repo.attendanceStatuses(trx, meetingId)) as AttendanceStatus[]);
  const updated = await repo.updateMeeting(trx, meetingId, {
    expected_count: c.expected,
    present_count: c.present,
    leave_count: c.leave,
    absent_count: c.absent,
    excluded_count: c.excluded,
  });
  await syncFindings(ctx, trx, updated);
  await syncCounting(ctx, trx, before, updated);
  return updated;
}

/**
 * The alerts (预警) a meeting's write opens or closes, in its transaction: compliance and quality
 * of its organisation; a group's 党小组会 counts for its branch, so the branch is the scope.
 * `pairedWith`: organisations of meetings whose minutes resembled or now resemble this one's
 * (会议记录雷同 is an alert on both sides).
 */
export async function refreshMeetingAlerts(
  ctx: AppContext,
  trx: Transaction<DB>,
  m: { type: string; org_path: string },
  pairedWith: readonly string[] = [],
): Promise<void> {
  const scope = m.type === '党小组会' ? m.org_path.replace(/[^/]+\/$/, '') : m.org_path;
  // org-system.weak: 组织生活流于形式 (LIFE_ON_PAPER) is read from the same meetings and findings.
  await refreshAlertsIn(ctx, trx, ['org-life.compliance', 'org-life.quality', 'org-system.weak'], scope);
  for (const path of new Set(pairedWith))
    if (!path.startsWith(scope)) await refreshAlertsIn(ctx, trx, ['org-life.quality'], path);
}
