// Rows → API JSON.
import type { OrgRow } from '../../db/schema.ts';
import type { MeetingRow } from './org-life.repository.ts';

export function presentMeeting(m: MeetingRow, org: Pick<OrgRow, 'id' | 'code' | 'name'>) {
  return {
    id: m.id, orgId: org.id, orgCode: org.code, orgName: org.name, type: m.type, title: m.title, heldOn: m.held_on, startTime: m.start_time, place: m.place,
    status: m.status, seriesId: m.series_id, agenda: m.agenda, minutes: m.minutes, resolutions: m.resolutions, speaker: m.speaker, topic: m.topic,
    minutesChars: m.minutes_chars, recordedOn: m.recorded_on,
    counts: { expected: m.expected_count, present: m.present_count, leave: m.leave_count, absent: m.absent_count, excluded: m.excluded_count },
  };
}

export function presentAttendance(a: { person_id: number; name: string; status: string; exclusion: string | null; method: string | null; reason: string | null; signed_at: string | null }) {
  return { personId: a.person_id, name: a.name, status: a.status, exclusion: a.exclusion, method: a.method, reason: a.reason, signedAt: a.signed_at };
}
