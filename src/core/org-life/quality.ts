// Quality findings on one meeting record: attendance, quorum, minutes, lateness, and the
// lock on old records. Pure; numbers from the rulebook in force on the meeting date.
import { ruleValue } from '../rulebook/rulebook.ts';
import type { Rulebook } from '../rulebook/rulebook.types.ts';
import { daysBetween } from '../shared/dates.ts';
import { ok, refuse, type Decision } from '../shared/result.ts';
import type { AttendanceStatus, MeetingType } from './meeting-types.ts';

export interface AttendanceCounts {
  /** 应到: everyone on the ledger minus those not counted (不计入). */
  expected: number;
  present: number;
  leave: number;
  absent: number;
  excluded: number;
}

/** 应到 / 实到 / 请假 / 缺席 from the ledger; after the meeting an unsigned entry is absent. */
export function countAttendance(statuses: readonly AttendanceStatus[]): AttendanceCounts {
  const c: AttendanceCounts = { expected: 0, present: 0, leave: 0, absent: 0, excluded: 0 };
  for (const s of statuses) {
    if (s === '不计入') {
      c.excluded++;
      continue;
    }
    c.expected++;
    if (s === '出席') c.present++;
    else if (s === '请假') c.leave++;
    else c.absent++;
  }
  return c;
}

export interface Finding {
  code: 'ATTENDANCE_LOW' | 'QUORUM_NOT_MET' | 'MINUTES_MISSING' | 'MINUTES_SHORT' | 'RECORD_LATE' | 'MINUTES_SIMILAR';
  detail: string;
}

export interface MeetingFacts {
  type: MeetingType;
  heldOn: string;
  counts: AttendanceCounts;
  minutesChars: number;
  /** The China date the record was first entered; null when never. */
  recordedOn: string | null;
}

/** Strictly more than `ratio` of those who should attend (超过半数). */
export function quorumMet(present: number, expected: number, ratio: number): boolean {
  return expected > 0 && present > expected * ratio;
}

/** The rulebook quorum of a meeting type, when the type has a legal one (支部党员大会, 支部委员会会议). */
export function quorumRuleOf(type: string): string | null {
  return type === '支部党员大会'
    ? 'orgLife.generalMeeting.quorumRatio'
    : type === '支部委员会会议'
      ? 'orgLife.committee.quorumRatio'
      : null;
}

/**
 * Did a held meeting miss its legal quorum (more than half of those who should attend, after
 * the approved exclusions)? Such a meeting stays on record with its QUORUM_NOT_MET finding but
 * does not count towards compliance (issue 16).
 */
export function quorumMissed(book: Rulebook, m: { type: string; heldOn: string; counts: Pick<AttendanceCounts, 'expected' | 'present'> }): boolean {
  const rule = quorumRuleOf(m.type);
  if (!rule || m.counts.expected <= 0) return false;
  return !quorumMet(m.counts.present, m.counts.expected, ruleValue<number>(book, rule, m.heldOn));
}

/** A meeting counts towards compliance when it is held and, for a type with a legal quorum, met it. */
export function countsTowardCompliance(
  book: Rulebook,
  m: { status: string; type: string; heldOn: string; counts: Pick<AttendanceCounts, 'expected' | 'present'> },
): boolean {
  return m.status === 'held' && !quorumMissed(book, m);
}

export function meetingFindings(book: Rulebook, m: MeetingFacts): Finding[] {
  const out: Finding[] = [];
  const { expected, present } = m.counts;
  const thresholds = ruleValue<Record<string, number>>(book, 'orgLife.attendance.minRatio', m.heldOn);
  const min = thresholds[m.type];
  if (min !== undefined && expected > 0 && present < expected * min - 1e-9) {
    out.push({ code: 'ATTENDANCE_LOW', detail: `${m.type}（${m.heldOn}）实到${present}人，应到${expected}人，到会率${Math.round((present / expected) * 100)}%，低于${Math.round(min * 100)}%` });
  }
  if (quorumMissed(book, m)) {
    out.push({ code: 'QUORUM_NOT_MET', detail: `${m.type}（${m.heldOn}）实到${present}人，未超过应到${expected}人的半数` });
  }
  const minChars = ruleValue<number>(book, 'orgLife.minutes.minChars', m.heldOn);
  if (m.minutesChars === 0) out.push({ code: 'MINUTES_MISSING', detail: `${m.type}（${m.heldOn}）没有会议记录` });
  else if (m.minutesChars < minChars) out.push({ code: 'MINUTES_SHORT', detail: `${m.type}（${m.heldOn}）会议记录仅${m.minutesChars}字，少于${minChars}字` });
  const lateDays = ruleValue<number>(book, 'orgLife.record.lateDays', m.heldOn);
  if (m.recordedOn && daysBetween(m.heldOn, m.recordedOn) > lateDays) {
    out.push({ code: 'RECORD_LATE', detail: `${m.type}（${m.heldOn}）的记录于${m.recordedOn}录入，晚于会议${daysBetween(m.heldOn, m.recordedOn)}天（超过${lateDays}天）` });
  }
  return out;
}

/** Is the record locked on `today` (more than lockDays after the meeting)? */
export function isLocked(book: Rulebook, heldOn: string, today: string): boolean {
  return daysBetween(heldOn, today) > ruleValue<number>(book, 'orgLife.record.lockDays', heldOn);
}

/** Editing a record: a meeting in the future cannot be recorded; a locked one needs a reason. */
export function decideRecordEdit(book: Rulebook, m: { heldOn: string; status: string }, today: string, reason: string | undefined): Decision<{ locked: boolean }> {
  if (m.status === 'cancelled') return refuse('MEETING_CANCELLED', '会议已取消，不能录入记录', 'id');
  if (m.heldOn > today) return refuse('MEETING_NOT_YET_HELD', `会议日期${m.heldOn}尚未到，不能录入会议记录`, 'heldOn');
  const locked = isLocked(book, m.heldOn, today);
  if (locked && !reason?.trim()) {
    const days = ruleValue<number>(book, 'orgLife.record.lockDays', m.heldOn);
    return refuse('RECORD_LOCKED', `会议已过${days}天，记录已锁定；修改须填写修改理由`, 'reason');
  }
  return ok({ locked });
}

/** Minutes length as a reader counts it: characters without whitespace. */
export function minutesChars(text: string | null | undefined): number {
  if (!text) return 0;
  return [...text.replace(/\s+/g, '')].length;
}

export interface SignInFacts {
  meetingStatus: string;
  heldOn: string;
  entry: { status: AttendanceStatus } | null;
}

export function decideSignIn(f: SignInFacts, today: string): Decision<void> {
  if (f.meetingStatus === 'cancelled') return refuse('MEETING_CANCELLED', '会议已取消，不能签到', 'token');
  if (f.heldOn !== today) return refuse('SIGN_IN_WRONG_DAY', `只能在会议当天（${f.heldOn}）签到`, 'token');
  if (!f.entry) return refuse('NOT_EXPECTED', '您不在本次会议的应到人员名单中，不能签到', 'token');
  if (f.entry.status === '出席') return refuse('ALREADY_SIGNED_IN', '您已签到，不能重复签到', 'token');
  if (f.entry.status === '不计入') return refuse('NOT_COUNTED', '您已按规定不计入本次会议应到人数，无需签到', 'token');
  return ok(undefined);
}

/** A sign-in token is valid until its expiry instant (exclusive). */
export function tokenExpired(expiresAtMs: number, nowMs: number): boolean {
  return nowMs >= expiresAtMs;
}
