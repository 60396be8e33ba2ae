// 流动党员 (floating members): pure rules over dated facts. A registration is out-flow (our
// member away from home) or in-flow (a member from elsewhere taking part here). Members abroad
// for study must be contacted at least every `contactMonths` (rulebook roster.abroad.contactMonths);
// a domestic out-flow away for `awayMonths` or more at a fixed place should transfer the
// relationship (roster.transfer.awayMonths).
import { addMonths, daysBetween, isIsoDate } from '../shared/dates.ts';
import { ok, refuse, type Decision } from '../shared/result.ts';

export const FLOATING_DIRECTIONS = ['out', 'in'] as const;
export type FloatingDirection = (typeof FLOATING_DIRECTIONS)[number];
/** domestic: 国内流动; abroad_study: 出国（境）学习研究. */
export const FLOATING_KINDS = ['domestic', 'abroad_study'] as const;
export type FloatingKind = (typeof FLOATING_KINDS)[number];
export const CONTACT_METHODS = ['电话', '微信', '视频', '面谈', '信函', '其他'] as const;

export interface FloatingFacts {
  direction: FloatingDirection;
  kind: FloatingKind;
  /** The day the member left (out) or arrived (in). */
  since: string;
  /** The last recorded contact, if any. */
  lastContactOn: string | null;
  /** Registration ended (returned home, relationship transferred). */
  endedOn: string | null;
}

export interface FloatingStatus {
  /** Abroad for study: the day by which the next contact is due; null when no interval applies. */
  contactDueOn: string | null;
  /** Contact overdue: today is after contactDueOn. */
  contactOverdue: boolean;
  /** Days past contactDueOn (0 when not overdue). */
  daysOverdue: number;
  /** Domestic out-flow away for awayMonths or more: the relationship should be transferred. */
  transferDue: boolean;
}

/**
 * "至少每6个月联系一次": the next contact is due `contactMonths` after the last one (or after
 * leaving, when there was none); a contact on the due day is in time, the day after is overdue.
 * "6个月以上" includes 6 months: away since `today − awayMonths` or earlier → transfer due.
 */
export function floatingStatus(
  f: FloatingFacts,
  today: string,
  rules: { contactMonths: number; awayMonths: number },
): FloatingStatus {
  const active = f.endedOn === null || f.endedOn > today;
  if (!active) return { contactDueOn: null, contactOverdue: false, daysOverdue: 0, transferDue: false };
  let contactDueOn: string | null = null;
  if (f.direction === 'out' && f.kind === 'abroad_study') {
    const from = f.lastContactOn !== null && f.lastContactOn > f.since ? f.lastContactOn : f.since;
    contactDueOn = addMonths(from, rules.contactMonths);
  }
  const contactOverdue = contactDueOn !== null && today > contactDueOn;
  const transferDue =
    f.direction === 'out' && f.kind === 'domestic' && f.since <= addMonths(today, -rules.awayMonths);
  return {
    contactDueOn,
    contactOverdue,
    daysOverdue: contactOverdue ? daysBetween(contactDueOn!, today) : 0,
    transferDue,
  };
}

/** A registration's dates: since not in the future; an end not before since. */
export function checkFloatingDates(since: string, endedOn: string | null, today: string): Decision {
  if (!isIsoDate(since)) return refuse('DATE_INVALID', '外出（流入）日期应为YYYY-MM-DD格式', 'since');
  if (since > today) return refuse('SINCE_IN_FUTURE', '外出（流入）日期不能晚于今天', 'since');
  if (endedOn !== null && endedOn < since)
    return refuse('END_BEFORE_SINCE', '结束日期不能早于外出（流入）日期', 'endedOn');
  return ok(undefined);
}

/** A contact: not in the future, not before the registration began, not after it ended. */
export function checkContact(
  contactedOn: string,
  f: Pick<FloatingFacts, 'since' | 'endedOn'>,
  today: string,
): Decision {
  if (contactedOn > today) return refuse('CONTACT_IN_FUTURE', '联系日期不能晚于今天', 'contactedOn');
  if (contactedOn < f.since)
    return refuse('CONTACT_BEFORE_SINCE', `联系日期不能早于外出（流入）日期${f.since}`, 'contactedOn');
  if (f.endedOn !== null && contactedOn > f.endedOn)
    return refuse('REGISTRATION_ENDED', `该流动登记已于${f.endedOn}结束，不能再记录联系`, 'contactedOn');
  return ok(undefined);
}
