// load → decide (core rule) → persist → audit, in one transaction per change.
import {
  TYPE_SPECS,
  type AttendanceStatus,
  type ComplianceType,
  type MeetingType,
} from '../../../core/org-life/meeting-types.ts';
import { parsePeriod, periodOf } from '../../../core/org-life/periods.ts';
import {
  countAttendance,
  decideRecordEdit,
  decideSignIn,
  isLocked,
  minutesChars,
  tokenExpired,
} from '../../../core/org-life/quality.ts';
import type {
  AttachmentInput,
  AttendanceInput,
  ComplianceQuery,
  RecordMeetingInput,
  ScheduleMeetingInput,
  SeriesInput,
  TalkInput,
} from '../../../core/org-life/org-life.schemas.ts';
import {
  lshBuckets,
  minhash,
  normalise,
  shingles,
  similarityText,
} from '../../../core/org-life/similarity.ts';
import { isBranchKind } from '../../../core/org/org.types.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { addDays, addMonths, chinaDate } from '../../../core/shared/dates.ts';
import { talkPairCoverage, type TalkPairRule } from '../../../core/org-life/talk-coverage.ts';
import { talkPairsUnder } from './org-life.compliance.ts';
import { ORG_LIFE_EXCLUSIONS } from '../../../core/rulebook/org-life.rules-data.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import { notifyMeetingScheduled } from '../notifications/notifications.hooks.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import type { DB, OrgRow } from '../../db/schema.ts';
import { denied } from '../../authz.ts';
import { AppError, badRequest, conflict, fromDecision, notFound } from '../../http/errors.ts';
import { membersOn } from '../membership/membership.repository.ts';
import { findOrgById, findOrgsByIds } from '../orgs/orgs.repository.ts';
import type { Transaction } from 'kysely';
import { openToken, signToken, sniffMatches, storageFor } from './org-life.adapters.ts';
import {
  childrenSummary,
  complianceFindings,
  complianceRows,
  heatmap,
  refreshSimilarPairs,
  syncCounting,
  syncFindings,
} from './org-life.compliance.ts';
import { canReadLife, canReport, canWriteLife, meetingPolicies } from './org-life.policy.ts';
import { presentAttendance, presentMeeting } from './org-life.presenter.ts';
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

async function requireMeeting(
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

const today = (ctx: AppContext) => chinaDate(ctx.now());

/** Who should attend, snapshotted now: later membership changes do not rewrite the ledger. */
async function expectedAttendees(trx: Transaction<DB>, org: OrgRow, type: MeetingType, heldOn: string) {
  const who = TYPE_SPECS[type].attendees;
  if (who === 'committee' || who === 'leaders') return repo.committeeOn(trx, org.id, heldOn);
  // 党小组会: the group's members by the roster's 党小组 assignment (and any recorded on the group).
  if (who === 'group') return repo.groupMembersOn(trx, org, heldOn);
  return (await membersOn(trx, org.id, heldOn)).map((m) => ({ personId: m.personId, name: m.name }));
}

function checkTypeForOrg(org: OrgRow, type: MeetingType): void {
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
async function recount(
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

/** Creates one meeting with its ledger snapshot and notifications, inside the caller's transaction. */
async function createMeeting(
  ctx: AppContext,
  trx: Transaction<DB>,
  actorUserId: number | null,
  org: OrgRow,
  input: {
    type: MeetingType;
    title: string;
    heldOn: string;
    startTime?: string | undefined;
    place?: string | undefined;
    agenda?: string | undefined;
    speaker?: string | undefined;
    topic?: string | undefined;
    seriesId?: number | null;
  },
) {
  const now = ctx.now().toISOString();
  const people = await expectedAttendees(trx, org, input.type, input.heldOn);
  if (people.length === 0) {
    throw badRequest(
      'NO_ATTENDEES',
      input.type === '党小组会'
        ? '该党小组没有编入党员，无法安排党小组会'
        : `${org.name}在${input.heldOn}没有应参会人员`,
      'orgId',
    );
  }
  const meeting = await repo.insertMeeting(trx, {
    org_id: org.id,
    org_path: org.path,
    type: input.type,
    title: input.title,
    held_on: input.heldOn,
    start_time: input.startTime ?? null,
    place: input.place ?? null,
    status: 'scheduled',
    series_id: input.seriesId ?? null,
    agenda: input.agenda ?? null,
    minutes: null,
    resolutions: null,
    speaker: input.speaker ?? null,
    topic: input.topic ?? null,
    minutes_chars: 0,
    recorded_on: null,
    expected_count: people.length,
    present_count: 0,
    leave_count: 0,
    absent_count: people.length,
    excluded_count: 0,
    created_by: actorUserId,
    created_at: now,
    updated_at: now,
  });
  await repo.insertAttendance(
    trx,
    people.map((p) => ({
      meeting_id: meeting.id,
      person_id: p.personId,
      org_path: org.path,
      status: '待签到',
      exclusion: null,
      method: null,
      reason: null,
      signed_at: null,
      recorded_by: null,
    })),
  );
  const when = `${input.heldOn}${input.startTime ? ' ' + input.startTime : ''}`;
  await repo.insertNotifications(
    trx,
    people.map((p) => ({
      person_id: p.personId,
      org_path: org.path,
      meeting_id: meeting.id,
      title: `会议通知：${input.title}`,
      body: `${org.name}定于${when}${input.place ? '在' + input.place : ''}召开${input.type}，请准时参加；不能参加的请向支部请假。`,
      created_at: now,
      read_at: null,
      digested_on: null,
    })),
  );
  await notifyMeetingScheduled(ctx, trx, meeting, org, people.map((p) => p.personId));
  return meeting;
}

export async function scheduleMeeting(ctx: AppContext, rc: RequestContext, input: ScheduleMeetingInput) {
  const actor = rc.actor!;
  const org = await requireOrg(ctx, rc, input.orgId, (p) => canWriteLife(actor, p));
  if (org.status !== 'active') throw badRequest('ORG_DISSOLVED', '已撤销的组织不能安排会议', 'orgId');
  checkTypeForOrg(org, input.type);
  const dates = [input.heldOn];
  if (input.repeatMonthlyUntil) {
    if (input.repeatMonthlyUntil < input.heldOn)
      throw badRequest('REPEAT_BEFORE_START', '重复截止日期不能早于会议日期', 'repeatMonthlyUntil');
    for (let i = 1; i < 24; i++) {
      const d = addMonths(input.heldOn, i);
      if (d > input.repeatMonthlyUntil) break;
      dates.push(d);
    }
    if (addMonths(input.heldOn, 24) <= input.repeatMonthlyUntil)
      throw badRequest('REPEAT_TOO_LONG', '重复安排最多24个月', 'repeatMonthlyUntil');
  }
  return ctx.db.transaction().execute(async (trx) => {
    const created = [];
    for (const heldOn of dates)
      created.push(await createMeeting(ctx, trx, actor.userId, org, { ...input, heldOn }));
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'life.meeting.schedule',
      objectId: created[0]!.id,
      scopePath: org.path,
      detail: {
        after: {
          orgId: org.id,
          type: input.type,
          title: input.title,
          dates,
          expected: created[0]!.expected_count,
        },
      },
    });
    return { data: created.map((m) => presentMeeting(m, org)) };
  });
}

export async function getMeeting(ctx: AppContext, rc: RequestContext, id: number) {
  const actor = rc.actor!;
  const m = await requireMeeting(ctx, rc, id, (p) => canReadLife(actor, p));
  const [org, attendance, attachments] = await Promise.all([
    findOrgById(ctx.db, m.org_id),
    repo.listAttendance(ctx.db, id),
    repo.attachmentsOf(ctx.db, id),
  ]);
  return {
    data: {
      ...presentMeeting(m, org!),
      locked: isLocked(ctx.config.rulebook, m.held_on, today(ctx)),
      attendance: attendance.map(presentAttendance),
      attachments: attachments.map((a) => ({
        id: a.id,
        fileName: a.file_name,
        mimeType: a.mime_type,
        sizeBytes: a.size_bytes,
        createdAt: a.created_at,
      })),
      exclusions: Object.entries(ORG_LIFE_EXCLUSIONS).map(([code, label]) => ({ code, label })),
    },
    policies: meetingPolicies(actor, m),
  };
}

export async function listMeetings(
  ctx: AppContext,
  rc: RequestContext,
  orgId: number,
  from: string,
  to: string,
) {
  const actor = rc.actor!;
  const org = await requireOrg(ctx, rc, orgId, (p) => canReadLife(actor, p));
  const rows = await repo.listMeetingsOfOrg(ctx.db, org.id, from, to);
  return {
    data: rows.map((m) => ({
      id: m.id,
      type: m.type,
      title: m.title,
      heldOn: m.held_on,
      startTime: m.start_time,
      place: m.place,
      status: m.status,
      expected: m.expected_count,
      present: m.present_count,
      minutesChars: m.minutes_chars,
      seriesId: m.series_id,
    })),
    policies: { schedule: canWriteLife(actor, org.path) && org.status === 'active' },
  };
}

export async function recordMeeting(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  input: RecordMeetingInput,
) {
  const actor = rc.actor!;
  const m = await requireMeeting(ctx, rc, id, (p) => canWriteLife(actor, p));
  const on = today(ctx);
  const d = decideRecordEdit(ctx.config.rulebook, { heldOn: m.held_on, status: m.status }, on, input.reason);
  if (!d.ok) throw fromDecision(d, d.code === 'RECORD_LOCKED' ? 'locked' : 'bad_request');
  return ctx.db.transaction().execute(async (trx) => {
    const chars = minutesChars(input.minutes);
    const updated = await repo.updateMeeting(trx, id, {
      agenda: input.agenda ?? m.agenda,
      minutes: input.minutes,
      resolutions: input.resolutions ?? m.resolutions,
      speaker: input.speaker ?? m.speaker,
      topic: input.topic ?? m.topic,
      minutes_chars: chars,
      recorded_on: m.recorded_on ?? (chars > 0 ? on : null),
      status: 'held',
      updated_at: ctx.now().toISOString(),
    });
    if (m.status === 'scheduled') {
      await repo.markUnsignedAbsent(trx, id);
      await recount(ctx, trx, id, m);
    } else {
      await syncFindings(ctx, trx, updated);
    }
    const org = await findOrgById(trx, m.org_id);
    const text = similarityText(input.minutes, org!.name);
    await repo.replaceBands(trx, m, normalise(text).length >= 20 ? lshBuckets(minhash(shingles(text))) : []);
    await refreshSimilarPairs(ctx, trx, m, normalise(text).length >= 20 ? text : '');
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: d.value.locked ? 'life.meeting.record.locked_edit' : 'life.meeting.record',
      objectId: id,
      scopePath: m.org_path,
      detail: {
        before: {
          status: m.status,
          agenda: m.agenda,
          minutes: m.minutes,
          resolutions: m.resolutions,
          speaker: m.speaker,
          topic: m.topic,
        },
        after: {
          status: 'held',
          agenda: updated.agenda,
          minutes: updated.minutes,
          resolutions: updated.resolutions,
          speaker: updated.speaker,
          topic: updated.topic,
        },
        ...(d.value.locked ? { reason: input.reason } : {}),
      },
    });
    return {
      data: presentMeeting(await repo.findMeeting(trx, id).then((x) => x!), org!),
      policies: meetingPolicies(actor, updated),
    };
  });
}

export async function cancelMeeting(ctx: AppContext, rc: RequestContext, id: number, reason: string) {
  const actor = rc.actor!;
  const m = await requireMeeting(ctx, rc, id, (p) => canWriteLife(actor, p));
  if (m.status !== 'scheduled')
    throw conflict(
      'MEETING_NOT_SCHEDULED',
      m.status === 'held' ? '会议已召开并录入记录，不能取消' : '会议已取消',
      'id',
    );
  return ctx.db.transaction().execute(async (trx) => {
    const updated = await repo.updateMeeting(trx, id, {
      status: 'cancelled',
      updated_at: ctx.now().toISOString(),
    });
    await syncFindings(ctx, trx, updated);
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'life.meeting.cancel',
      objectId: id,
      scopePath: m.org_path,
      detail: { before: { status: m.status }, after: { status: 'cancelled' }, reason },
    });
    const org = await findOrgById(trx, m.org_id);
    return { data: presentMeeting(updated, org!), policies: meetingPolicies(actor, updated) };
  });
}

export async function markAttendance(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  input: AttendanceInput,
) {
  const actor = rc.actor!;
  const m = await requireMeeting(ctx, rc, id, (p) => canWriteLife(actor, p));
  if (m.status === 'cancelled') throw badRequest('MEETING_CANCELLED', '会议已取消，不能登记出勤', 'id');
  const on = today(ctx);
  if (m.held_on > on && input.status !== '请假' && input.status !== '不计入')
    throw badRequest('MEETING_NOT_YET_HELD', `会议日期${m.held_on}尚未到，只能登记请假或不计入`, 'status');
  if (isLocked(ctx.config.rulebook, m.held_on, on) && !input.reason?.trim())
    throw new AppError('locked', 'RECORD_LOCKED', '会议已过锁定期，修改出勤须填写理由', {
      reason: '会议已过锁定期，修改出勤须填写理由',
    });
  if ((input.status === '请假' || input.status === '不计入') && !input.reason?.trim())
    throw badRequest('REASON_REQUIRED', `登记${input.status}须填写事由`, 'reason');
  if (input.status === '不计入') {
    const allowed = ruleValue<string[]>(ctx.config.rulebook, 'orgLife.attendance.exclusions', m.held_on);
    if (!input.exclusion || !allowed.includes(input.exclusion))
      throw badRequest('EXCLUSION_REQUIRED', '不计入应到会人数须选择规定的情形', 'exclusion');
  }
  const entry = await repo.findAttendance(ctx.db, id, input.personId);
  if (!entry) throw badRequest('NOT_EXPECTED', '该党员不在本次会议的应到人员名单中', 'personId');
  return ctx.db.transaction().execute(async (trx) => {
    await repo.updateAttendance(trx, entry.id, {
      status: input.status,
      exclusion: input.status === '不计入' ? input.exclusion! : null,
      method: input.status === '出席' ? 'organiser' : null,
      reason: input.reason ?? null,
      signed_at: input.status === '出席' ? ctx.now().toISOString() : null,
      recorded_by: actor.userId,
    });
    const updated = await recount(ctx, trx, id, m);
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'life.attendance.mark',
      objectId: id,
      scopePath: m.org_path,
      detail: {
        personId: input.personId,
        before: { status: entry.status },
        after: { status: input.status, exclusion: input.exclusion ?? null },
        reason: input.reason ?? null,
      },
    });
    return {
      data: {
        expected: updated.expected_count,
        present: updated.present_count,
        leave: updated.leave_count,
        absent: updated.absent_count,
        excluded: updated.excluded_count,
      },
    };
  });
}

export async function issueSignInCode(ctx: AppContext, rc: RequestContext, id: number) {
  const actor = rc.actor!;
  const m = await requireMeeting(ctx, rc, id, (p) => canWriteLife(actor, p));
  if (m.status === 'cancelled') throw badRequest('MEETING_CANCELLED', '会议已取消', 'id');
  const minutes = ruleValue<number>(ctx.config.rulebook, 'orgLife.signIn.tokenMinutes', m.held_on);
  const expiresAtMs = ctx.now().getTime() + minutes * 60_000;
  const token = signToken(ctx, id, expiresAtMs);
  return {
    data: {
      token,
      expiresAt: new Date(expiresAtMs).toISOString(),
      path: `/org-life/sign-in/${id}?t=${encodeURIComponent(token)}`,
    },
  };
}

export async function signIn(ctx: AppContext, rc: RequestContext, id: number, token: string) {
  const actor = rc.actor!;
  const m = await requireMeeting(ctx, rc, id, (p) => canReadLife(actor, p));
  const opened = openToken(ctx, token);
  if (!opened || opened.meetingId !== id)
    throw badRequest('TOKEN_INVALID', '签到码无效，请重新扫描会场二维码', 'token');
  if (tokenExpired(opened.expiresAtMs, ctx.now().getTime()))
    throw badRequest('TOKEN_EXPIRED', '签到码已过期，请重新扫描会场二维码', 'token');
  const personId = await repo.personOfUser(ctx.db, actor.userId);
  if (!personId) throw badRequest('NOT_A_MEMBER', '当前账号未关联党员，不能签到', 'token');
  const entry = await repo.findAttendance(ctx.db, id, personId);
  const d = decideSignIn(
    {
      meetingStatus: m.status,
      heldOn: m.held_on,
      entry: entry ? { status: entry.status as AttendanceStatus } : null,
    },
    today(ctx),
  );
  if (!d.ok) throw fromDecision(d, d.code === 'ALREADY_SIGNED_IN' ? 'conflict' : 'bad_request');
  return ctx.db.transaction().execute(async (trx) => {
    await repo.updateAttendance(trx, entry!.id, {
      status: '出席',
      method: 'qr',
      signed_at: ctx.now().toISOString(),
      recorded_by: actor.userId,
      reason: null,
      exclusion: null,
    });
    const updated = await recount(ctx, trx, id, m);
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'life.attendance.sign_in',
      objectId: id,
      scopePath: m.org_path,
      detail: { personId, before: { status: entry!.status }, after: { status: '出席' }, method: 'qr' },
    });
    return {
      data: {
        meetingId: id,
        title: m.title,
        status: '出席',
        present: updated.present_count,
        expected: updated.expected_count,
      },
    };
  });
}

/** Public-to-members view for the phone sign-in page: title, date, place (no roster). */
export async function signInInfo(ctx: AppContext, rc: RequestContext, id: number) {
  const actor = rc.actor!;
  const m = await requireMeeting(ctx, rc, id, (p) => canReadLife(actor, p));
  const org = await findOrgById(ctx.db, m.org_id);
  const personId = await repo.personOfUser(ctx.db, actor.userId);
  const entry = personId ? await repo.findAttendance(ctx.db, id, personId) : undefined;
  return {
    data: {
      id: m.id,
      title: m.title,
      type: m.type,
      heldOn: m.held_on,
      startTime: m.start_time,
      place: m.place,
      orgName: org!.name,
      myStatus: entry?.status ?? null,
    },
  };
}

// ---------- reports ----------

export function resolvePeriod(year: number, quarter?: number, month?: number) {
  return periodOf(year, quarter, month);
}

export async function compliance(ctx: AppContext, rc: RequestContext, orgId: number, query: ComplianceQuery) {
  const actor = rc.actor!;
  const org = await requireOrg(ctx, rc, orgId, (p) => canReport(actor, p));
  const period = resolvePeriod(query.year, query.quarter, query.month);
  const on = today(ctx);
  const filter = {
    ...(query.type ? { type: query.type as ComplianceType } : {}),
    ...(query.status ? { status: query.status } : {}),
  };
  const [all, findings] = await Promise.all([
    complianceRows(ctx, org, period, on, filter),
    complianceFindings(ctx, org, period),
  ]);
  const base = { org: org.code, orgName: org.name, period: period.key };
  if (query.limit === undefined) return { data: { ...base, rows: all, findings } };
  const offset = query.offset ?? 0;
  return {
    data: {
      ...base,
      rows: all.slice(offset, offset + query.limit),
      total: all.length,
      offset,
      limit: query.limit,
      findings,
    },
  };
}

export async function complianceHeatmap(
  ctx: AppContext,
  rc: RequestContext,
  orgId: number,
  year: number,
  type: ComplianceType,
) {
  const actor = rc.actor!;
  const org = await requireOrg(ctx, rc, orgId, (p) => canReport(actor, p));
  return {
    data: {
      org: { id: org.id, code: org.code, name: org.name },
      ...(await heatmap(ctx, org, year, type, today(ctx))),
    },
  };
}

export async function complianceSummary(
  ctx: AppContext,
  rc: RequestContext,
  orgId: number,
  year: number,
  type: ComplianceType,
) {
  const actor = rc.actor!;
  const org = await requireOrg(ctx, rc, orgId, (p) => canReport(actor, p));
  const children = await ctx.db
    .selectFrom('orgs')
    .select(['id', 'code', 'name', 'path'])
    .where('parent_id', '=', org.id)
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
  return { data: await childrenSummary(ctx, children, type, year, today(ctx)) };
}

// ---------- series issued from above ----------

export async function issueSeries(ctx: AppContext, rc: RequestContext, input: SeriesInput) {
  const actor = rc.actor!;
  const issuer = await requireOrg(ctx, rc, input.issuerOrgId, (p) => canWriteLife(actor, p));
  if (isBranchKind(issuer.kind) || issuer.kind === '党小组')
    throw badRequest(
      'ISSUER_NOT_COMMITTEE',
      '只有党委、党工委、党总支等上级组织可以下发会议通知',
      'issuerOrgId',
    );
  if (input.deadline < input.heldOn)
    throw badRequest('DEADLINE_BEFORE_DATE', '完成期限不能早于建议召开日期', 'deadline');
  const ids = [...new Set(input.orgIds)];
  const targets = await findOrgsByIds(ctx.db, ids);
  const full = await ctx.db
    .selectFrom('orgs')
    .selectAll()
    .where('id', 'in', ids.length ? ids : [0])
    .execute();
  if (targets.length !== ids.length)
    throw badRequest('ORG_NOT_FOUND', '所选党支部中有不存在的组织', 'orgIds');
  for (const t of full) {
    if (!t.path.startsWith(issuer.path) || t.id === issuer.id)
      throw badRequest('ORG_NOT_BELOW', `${t.name}不在${issuer.name}的下级范围内`, 'orgIds');
    if (t.status !== 'active') throw badRequest('ORG_DISSOLVED', `${t.name}已撤销`, 'orgIds');
    checkTypeForOrg(t, input.type);
  }
  return ctx.db.transaction().execute(async (trx) => {
    const series = await repo.insertSeries(trx, {
      issuer_org_id: issuer.id,
      org_path: issuer.path,
      type: input.type,
      theme: input.theme,
      materials: input.materials ?? null,
      held_on: input.heldOn,
      deadline: input.deadline,
      created_by: actor.userId,
      created_at: ctx.now().toISOString(),
    });
    const skipped: string[] = [];
    let created = 0;
    for (const t of full) {
      const people = await expectedAttendees(trx, t, input.type, input.heldOn);
      if (people.length === 0) {
        skipped.push(t.code);
        continue;
      }
      await createMeeting(ctx, trx, actor.userId, t, {
        type: input.type,
        title: input.theme,
        heldOn: input.heldOn,
        agenda: input.materials,
        seriesId: series.id,
      });
      created++;
    }
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc, 'life_series'),
      action: 'life.series.issue',
      objectId: series.id,
      scopePath: issuer.path,
      detail: { after: { theme: input.theme, type: input.type, orgs: ids.length, created, skipped } },
    });
    return {
      data: {
        id: series.id,
        theme: series.theme,
        type: series.type,
        heldOn: series.held_on,
        deadline: series.deadline,
        created,
        skipped,
      },
    };
  });
}

export async function getSeries(ctx: AppContext, rc: RequestContext, id: number) {
  const actor = rc.actor!;
  const s = await repo.findSeries(ctx.db, id);
  if (!s) throw notFound('会议通知');
  if (!canReport(actor, s.org_path)) throw await denied(ctx, rc, 'life_series', id, 'scope');
  const progress = await repo.seriesProgress(ctx.db, id);
  return {
    data: {
      id: s.id,
      theme: s.theme,
      type: s.type,
      materials: s.materials,
      heldOn: s.held_on,
      deadline: s.deadline,
      branches: progress.map((p) => ({
        meetingId: p.id,
        orgId: p.org_id,
        orgCode: p.code,
        orgName: p.name,
        status: p.status,
        heldOn: p.held_on,
      })),
      done: progress.filter((p) => p.status === 'held').length,
      total: progress.length,
    },
  };
}

// ---------- 谈心谈话 ----------

export async function createTalk(ctx: AppContext, rc: RequestContext, input: TalkInput) {
  const actor = rc.actor!;
  const org = await requireOrg(ctx, rc, input.orgId, (p) => canWriteLife(actor, p));
  if (!isBranchKind(org.kind)) throw badRequest('TYPE_NOT_FOR_ORG', '谈心谈话记录在党支部登记', 'orgId');
  if (input.heldOn > today(ctx)) throw badRequest('DATE_IN_FUTURE', '谈话日期不能晚于今天', 'heldOn');
  if (input.talkerPersonId === input.talkeePersonId)
    throw badRequest('SAME_PERSON', '谈话人和谈话对象不能是同一人', 'talkeePersonId');
  const members = new Set((await membersOn(ctx.db, org.id, input.heldOn)).map((m) => m.personId));
  if (!members.has(input.talkeePersonId))
    throw badRequest('NOT_MEMBER', '谈话对象在谈话日期不是本支部党员', 'talkeePersonId');
  if (!members.has(input.talkerPersonId))
    throw badRequest('NOT_MEMBER', '谈话人在谈话日期不是本支部党员', 'talkerPersonId');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.insertTalk(trx, {
      org_id: org.id,
      org_path: org.path,
      talker_person_id: input.talkerPersonId,
      talkee_person_id: input.talkeePersonId,
      held_on: input.heldOn,
      topic: input.topic,
      follow_up: input.followUp ?? null,
      created_by: actor.userId,
      created_at: ctx.now().toISOString(),
    });
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc, 'life_talk'),
      action: 'life.talk.create',
      objectId: row.id,
      scopePath: org.path,
      detail: {
        after: {
          heldOn: row.held_on,
          topic: row.topic,
          talker: row.talker_person_id,
          talkee: row.talkee_person_id,
        },
      },
    });
    return { data: { id: row.id, heldOn: row.held_on, topic: row.topic } };
  });
}

export async function listTalks(ctx: AppContext, rc: RequestContext, orgId: number, year: number) {
  const actor = rc.actor!;
  const org = await requireOrg(ctx, rc, orgId, (p) => canWriteLife(actor, p));
  const p = parsePeriod(String(year))!;
  const on = today(ctx) < p.to ? today(ctx) : addDays(p.to, -1);
  const [rows, members, seats] = await Promise.all([
    repo.talksOf(ctx.db, org.id, p.from, p.to),
    membersOn(ctx.db, org.id, on),
    repo.committeeSeatsOn(ctx.db, org.id, on),
  ]);
  const covered = new Set(rows.map((r) => r.talkee_person_id));
  const rule = ruleValue<TalkPairRule>(ctx.config.rulebook, 'orgLife.talks.pairs', p.from);
  const pairs = talkPairCoverage(
    rule,
    seats,
    members.map((m) => ({ personId: m.personId, name: m.name })),
    rows.map((r) => ({ talker: r.talker_person_id, talkee: r.talkee_person_id })),
  );
  return {
    data: {
      talks: rows.map((r) => ({
        id: r.id,
        heldOn: r.held_on,
        topic: r.topic,
        followUp: r.follow_up,
        talker: r.talker,
        talkee: r.talkee,
      })),
      coverage: {
        members: members.length,
        covered: members.filter((m) => covered.has(m.personId)).length,
        missing: members
          .filter((m) => !covered.has(m.personId))
          .map((m) => ({ personId: m.personId, name: m.name })),
      },
      pairs: { rule, required: pairs.required, covered: pairs.covered, missing: pairs.missing },
      people: members.map((m) => ({ personId: m.personId, name: m.name })),
    },
    policies: { create: canWriteLife(actor, org.path) },
  };
}

/** 谈心谈话 pairwise coverage of every branch under an organisation for a year. */
export async function talkCoverage(ctx: AppContext, rc: RequestContext, orgId: number, year: number) {
  const actor = rc.actor!;
  const org = await requireOrg(ctx, rc, orgId, (p) => canReport(actor, p));
  return {
    data: {
      org: { id: org.id, code: org.code, name: org.name },
      year,
      rows: await talkPairsUnder(ctx, org, year, today(ctx)),
    },
  };
}

// ---------- notifications ----------

export async function myNotifications(ctx: AppContext, rc: RequestContext) {
  const personId = await repo.personOfUser(ctx.db, rc.actor!.userId);
  if (!personId) return { data: [] };
  const rows = await repo.notificationsOf(ctx.db, personId, 50);
  return {
    data: rows.map((n) => ({
      id: n.id,
      title: n.title,
      body: n.body,
      meetingId: n.meeting_id,
      createdAt: n.created_at,
      read: n.read_at !== null,
    })),
  };
}

export async function readNotification(ctx: AppContext, rc: RequestContext, id: number) {
  const personId = await repo.personOfUser(ctx.db, rc.actor!.userId);
  return ctx.db.transaction().execute(async (trx) => {
    const n = personId ? await repo.markRead(trx, personId, id, ctx.now().toISOString()) : 0;
    if (n === 0) throw notFound('通知');
    return { data: { id, read: true } };
  });
}

// ---------- attachments ----------

export async function uploadAttachment(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  input: AttachmentInput,
) {
  const actor = rc.actor!;
  const m = await requireMeeting(ctx, rc, id, (p) => canWriteLife(actor, p));
  const content = Buffer.from(input.contentBase64, 'base64');
  const max = ruleValue<number>(ctx.config.rulebook, 'orgLife.attachment.maxBytes', m.held_on);
  if (content.length === 0) throw badRequest('FILE_EMPTY', '文件内容为空', 'contentBase64');
  if (content.length > max)
    throw new AppError('payload_too_large', 'FILE_TOO_LARGE', `文件超过${Math.round(max / 1024 / 1024)}MB`, {
      contentBase64: `文件超过${Math.round(max / 1024 / 1024)}MB`,
    });
  if (!sniffMatches(input.mimeType, content))
    throw badRequest('FILE_TYPE_MISMATCH', '文件内容与声明的类型不符，只允许JPEG、PNG图片或PDF', 'mimeType');
  if (isLocked(ctx.config.rulebook, m.held_on, today(ctx)))
    throw new AppError('locked', 'RECORD_LOCKED', '会议记录已锁定，不能再添加附件', {
      contentBase64: '会议记录已锁定',
    });
  const stored = storageFor(ctx).put(content);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.insertAttachment(trx, {
      meeting_id: id,
      org_path: m.org_path,
      file_name: input.fileName,
      mime_type: input.mimeType,
      size_bytes: content.length,
      sha256: stored.sha256,
      storage_key: stored.key,
      created_by: actor.userId,
      created_at: ctx.now().toISOString(),
    });
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'life.attachment.upload',
      objectId: id,
      scopePath: m.org_path,
      detail: { attachmentId: row.id, fileName: row.file_name, size: row.size_bytes, sha256: row.sha256 },
    });
    return {
      data: { id: row.id, fileName: row.file_name, mimeType: row.mime_type, sizeBytes: row.size_bytes },
    };
  });
}

export async function downloadAttachment(ctx: AppContext, rc: RequestContext, id: number) {
  const actor = rc.actor!;
  const a = await repo.findAttachment(ctx.db, id);
  if (!a) throw notFound('附件');
  if (!canReadLife(actor, a.org_path)) throw await denied(ctx, rc, 'life_attachment', id, 'scope');
  const content = storageFor(ctx).get(a.storage_key);
  if (!content) throw notFound('附件文件');
  return { content, mimeType: a.mime_type, fileName: a.file_name };
}
