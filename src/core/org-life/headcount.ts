// What a meeting's attendance figures mean depends on whether it has been held: before it is
// held nobody is absent yet, an unsigned attendee is 待签到 (the ledger turns them 缺席 when the
// meeting is recorded as held); a cancelled meeting has no attendance to report.

export interface MeetingCounts {
  expected: number;
  present: number;
  leave: number;
  /** 缺席 and, while the meeting is scheduled, 待签到 (see countAttendance). */
  absent: number;
  excluded: number;
}

export type MeetingStatus = 'scheduled' | 'held' | 'cancelled';

export interface Headcount {
  key: 'expected' | 'present' | 'leave' | 'pending' | 'absent' | 'excluded';
  label: string;
  value: number;
}

/** The figures to show for a meeting, in order, with the labels that fit its status. */
export function meetingHeadcount(status: string, c: MeetingCounts): Headcount[] {
  if (status === 'cancelled') return [{ key: 'expected', label: '应到', value: c.expected }];
  if (status === 'scheduled')
    return [
      { key: 'expected', label: '应到', value: c.expected },
      { key: 'present', label: '已签到', value: c.present },
      { key: 'leave', label: '请假', value: c.leave },
      { key: 'pending', label: '待签到', value: c.absent },
      { key: 'excluded', label: '不计入', value: c.excluded },
    ];
  return [
    { key: 'expected', label: '应到', value: c.expected },
    { key: 'present', label: '实到', value: c.present },
    { key: 'leave', label: '请假', value: c.leave },
    { key: 'absent', label: '缺席', value: c.absent },
    { key: 'excluded', label: '不计入', value: c.excluded },
  ];
}

/** One line for a meeting in a list: 应到 34 人，实到 30 人 / 应到 34 人，已签到 2 人. */
export function meetingHeadcountLine(status: string, expected: number, present: number): string {
  if (status === 'cancelled') return `应到${expected}人`;
  return `应到${expected}人，${status === 'scheduled' ? '已签到' : '实到'}${present}人`;
}
