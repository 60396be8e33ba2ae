// Org-life services: meetings, attendance and sign-in.
import type { Transaction } from 'kysely';
import { type AttendanceStatus, type MeetingType } from '../../../core/org-life/meeting-types.ts';
import type {
  AttendanceInput,
  RecordMeetingInput,
  ScheduleMeetingInput,
} from '../../../core/org-life/org-life.schemas.ts';
import {
  decideRecordEdit,
  decideSignIn,
  isLocked,
  minutesChars,
  tokenExpired,
} from '../../../core/org-life/quality.ts';
import {
  lshBuckets,
  minhash,
  normalise,
  shingles,
  similarityText,
} from '../../../core/org-life/similarity.ts';
import { ORG_LIFE_EXCLUSIONS } from '../../../core/rulebook/org-life.rules-data.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { addMonths } from '../../../core/shared/dates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import type { DB, OrgRow } from '../../db/schema.ts';
import { AppError, badRequest, conflict, fromDecision } from '../../http/errors.ts';
import { notifyMeetingScheduled } from '../notifications/notifications.hooks.ts';
import { findOrgById } from '../orgs/orgs.repository.ts';
import {
  audit,
  checkTypeForOrg,
  expectedAttendees,
  recount,
  refreshMeetingAlerts,
  requireMeeting,
  requireOrg,
  today,
} from './org-life-common.service.ts';
import { openToken, signToken } from './org-life.adapters.ts';
import { refreshSimilarPairs, syncFindings } from './org-life.compliance.ts';
import { canReadLife, canWriteLife, meetingPolicies } from './org-life.policy.ts';
import { presentAttendance, presentMeeting } from './org-life.presenter.ts';
import * as repo from './org-life.repository.ts';

/** Creates one meeting with its ledger snapshot and notifications, inside the caller's transaction. */
export async function createMeeting(
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
  await notifyMeetingScheduled(
    ctx,
    trx,
    meeting,
    org,
    people.map((p) => p.personId),
  );
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
    const pairedBefore = await repo.pairedOrgPathsOf(trx, id);
    await refreshSimilarPairs(ctx, trx, m, normalise(text).length >= 20 ? text : '');
    await refreshMeetingAlerts(ctx, trx, m, [...pairedBefore, ...(await repo.pairedOrgPathsOf(trx, id))]);
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
    await refreshMeetingAlerts(ctx, trx, m);
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
    await refreshMeetingAlerts(ctx, trx, m);
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
