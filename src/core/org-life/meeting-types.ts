// The kinds of organisational life, the rule that sets each frequency, and who attends.
// Frequencies are read from the rulebook; this file only says which rule governs which type.

export const MEETING_TYPES = ['支部党员大会', '支部委员会会议', '党小组会', '党课', '主题党日', '组织生活会', '民主生活会'] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];

/** 谈心谈话 is a talk between two people, not a meeting, but it has a yearly requirement too. */
export const TALK_TYPE = '谈心谈话';
export type ComplianceType = MeetingType | typeof TALK_TYPE;
export const COMPLIANCE_TYPES: readonly ComplianceType[] = [...MEETING_TYPES, TALK_TYPE];

export type Attendees = 'members' | 'committee' | 'group' | 'leaders';

export interface MeetingTypeSpec {
  type: ComplianceType;
  ruleId: string;
  attendees: Attendees;
  /** Organisation kinds the requirement applies to. */
  orgKinds: readonly string[];
}

const BRANCHES = ['党支部', '联合党支部', '临时党支部'] as const;
const LEADERSHIP = ['党委', '党工委', '党组'] as const;

export const TYPE_SPECS: Readonly<Record<ComplianceType, MeetingTypeSpec>> = {
  支部党员大会: { type: '支部党员大会', ruleId: 'life.branchGeneralMeeting', attendees: 'members', orgKinds: BRANCHES },
  支部委员会会议: { type: '支部委员会会议', ruleId: 'life.branchCommitteeMeeting', attendees: 'committee', orgKinds: BRANCHES },
  党小组会: { type: '党小组会', ruleId: 'life.groupMeeting', attendees: 'group', orgKinds: BRANCHES },
  党课: { type: '党课', ruleId: 'life.partyLecture', attendees: 'members', orgKinds: BRANCHES },
  主题党日: { type: '主题党日', ruleId: 'life.themeDay', attendees: 'members', orgKinds: BRANCHES },
  组织生活会: { type: '组织生活会', ruleId: 'life.lifeMeeting', attendees: 'members', orgKinds: BRANCHES },
  民主生活会: { type: '民主生活会', ruleId: 'orgLife.democraticLifeMeeting', attendees: 'leaders', orgKinds: LEADERSHIP },
  谈心谈话: { type: '谈心谈话', ruleId: 'life.heartTalk', attendees: 'members', orgKinds: BRANCHES },
};

export function isMeetingType(value: string): value is MeetingType {
  return (MEETING_TYPES as readonly string[]).includes(value);
}

/** A frequency as the rulebook states it: at least n per month, quarter or year. */
export type Frequency = { perMonth: number } | { perQuarter: number } | { perYear: number };
export type Unit = 'month' | 'quarter' | 'year';

export function frequencyUnit(f: Frequency): { unit: Unit; min: number } {
  if ('perMonth' in f) return { unit: 'month', min: f.perMonth };
  if ('perQuarter' in f) return { unit: 'quarter', min: f.perQuarter };
  return { unit: 'year', min: f.perYear };
}

export const ATTENDANCE_STATUSES = ['待签到', '出席', '请假', '缺席', '不计入'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
