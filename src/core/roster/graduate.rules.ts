// 毕业生党员组织关系: a graduate who has not yet found a work unit may keep the party relationship
// at the school (or where it is held) for at most `maxYears` after graduating (rulebook
// roster.graduate.maxYears), then it must be transferred (组织关系转接). A retained relationship
// whose deadline is `warnDays` away or less is 即将到期 (roster.graduate.warnDays, local practice).
import { addDays, addYears, daysBetween } from '../shared/dates.ts';
import { ok, refuse, type Decision } from '../shared/result.ts';

export const GRADUATE_STATUSES = ['正常', '即将到期', '已超期'] as const;
/** 正常 / 即将到期 / 已超期 of a retained graduate's relationship. */
export type GraduateStatus = (typeof GRADUATE_STATUSES)[number];

export interface GraduateRules {
  /** roster.graduate.maxYears */
  maxYears: number;
  /** roster.graduate.warnDays */
  warnDays: number;
}

export interface GraduateStanding {
  /** The last day the relationship may stay: graduatedOn + maxYears (29 Feb → 28 Feb). */
  deadline: string;
  /** Days from today to the deadline; 0 on the deadline day, negative once overdue. */
  daysLeft: number;
  status: GraduateStatus;
}

/** A graduation date earlier than this many years after birth is a typing error. */
export const MIN_GRADUATION_AGE = 15;

/**
 * "保留不超过2年": the deadline is the same calendar day `maxYears` later (a 29 February
 * graduation clamps to 28 February, so the relationship is never kept longer than the rule);
 * on the deadline day it is still within the limit, the day after it is 已超期.
 * null when the relationship is not retained or no graduation date is known: no limit runs.
 */
export function graduateStanding(
  graduatedOn: string | null,
  retained: boolean,
  today: string,
  rules: GraduateRules,
): GraduateStanding | null {
  if (!retained || !graduatedOn) return null;
  const deadline = addYears(graduatedOn, rules.maxYears);
  const daysLeft = daysBetween(today, deadline);
  const status: GraduateStatus = daysLeft < 0 ? '已超期' : daysLeft <= rules.warnDays ? '即将到期' : '正常';
  return { deadline, daysLeft, status };
}

/** The earliest graduation day whose deadline (graduatedOn + maxYears) is on or after `day`. */
function earliestGraduationWithDeadlineFrom(day: string, maxYears: number): string {
  // addYears clamps 29 Feb, so the inverse can be off by a day or two: step to the exact edge.
  let g = addYears(day, -maxYears);
  while (addYears(g, maxYears) < day) g = addDays(g, 1);
  while (addYears(addDays(g, -1), maxYears) >= day) g = addDays(g, -1);
  return g;
}

/**
 * The status as ranges of graduatedOn, so a database can filter, count and page by status with
 * plain comparisons: graduatedOn < overdueBefore ⇔ 已超期; overdueBefore ≤ graduatedOn <
 * dueSoonBefore ⇔ 即将到期; graduatedOn ≥ dueSoonBefore ⇔ 正常 (agrees with graduateStanding).
 */
export function graduateStatusBounds(
  today: string,
  rules: GraduateRules,
): { overdueBefore: string; dueSoonBefore: string } {
  return {
    overdueBefore: earliestGraduationWithDeadlineFrom(today, rules.maxYears),
    dueSoonBefore: earliestGraduationWithDeadlineFrom(addDays(today, rules.warnDays + 1), rules.maxYears),
  };
}

export interface GraduateFacts {
  graduatedOn: string | null;
  retained: boolean;
  birthDate: string | null;
}

/**
 * 毕业日期 not in the future and not before the member was `MIN_GRADUATION_AGE`; a retained
 * relationship (毕业后组织关系暂留) needs the graduation date its time limit counts from.
 */
export function checkGraduate(f: GraduateFacts, today: string): Decision {
  if (f.graduatedOn !== null) {
    if (f.graduatedOn > today) return refuse('GRADUATED_IN_FUTURE', '毕业日期不能晚于今天', 'graduatedOn');
    if (f.birthDate !== null) {
      const earliest = addYears(f.birthDate, MIN_GRADUATION_AGE);
      if (f.graduatedOn < earliest)
        return refuse(
          'GRADUATED_TOO_EARLY',
          `毕业日期不能早于出生日期后${MIN_GRADUATION_AGE}年（${earliest}）`,
          'graduatedOn',
        );
    }
  }
  if (f.retained && f.graduatedOn === null)
    return refuse('GRADUATED_ON_REQUIRED', '毕业后组织关系暂留须填写毕业日期', 'graduatedOn');
  return ok(undefined);
}
