// The term engine: length by kind and sector, end date with an approved adjustment, status on a day.
import { addMonths, addYears, type IsoDate } from '../shared/dates.ts';
import { ok, refuse, type Decision } from '../shared/result.ts';
import { TERM_KINDS, type TermStatus } from './org-system.types.ts';

/** Value of rule org.term.years. */
export type TermYearsRule = Readonly<Record<string, number>> & { ruralOrCommunity: number };

export function hasTerms(kind: string): boolean {
  return (TERM_KINDS as readonly string[]).includes(kind);
}

/** 基层党委 5 years, 总支 and 支部 3, 村/社区 organisations 5 (whatever their kind). */
export function termYears(kind: string, sector: string, rule: TermYearsRule): number {
  if (sector === '农村' || sector === '社区') return rule.ruralOrCommunity;
  const years = rule[kind];
  if (years === undefined) throw new Error(`no term length for kind ${kind}`);
  return years;
}

/** Term end = election date + length, moved by an approved delay (+) or advance (−) in months. */
export function termEnd(electedOn: IsoDate, years: number, adjustMonths = 0): IsoDate {
  return addMonths(addYears(electedOn, years), adjustMonths);
}

/**
 * 逾期未换届 once the day is after the end (届满 is the end day itself); 临近换届 from
 * `reminderMonths` before the end (以内: the boundary day counts); otherwise 正常.
 */
export function termStatus(end: IsoDate, today: IsoDate, reminderMonths: number): TermStatus {
  if (today > end) return '逾期未换届';
  if (today >= addMonths(end, -reminderMonths)) return '临近换届';
  return '正常';
}

/** An approved delay or advance: at most `maxYears`, never zero. */
export function decideAdjustment(months: number, maxYears: number): Decision<number> {
  if (!Number.isInteger(months) || months === 0) return refuse('TERM_ADJUST_ZERO', '延期或提前的月数不能为0', 'months');
  if (Math.abs(months) > maxYears * 12) {
    return refuse('TERM_ADJUST_TOO_LONG', `换届延期或提前不能超过${maxYears}年（${maxYears * 12}个月）`, 'months');
  }
  return ok(months);
}

export interface TermSpan {
  id?: number;
  electedOn: IsoDate;
  /** The day the next term began; null for the current term. */
  endedOn: IsoDate | null;
}

/** Terms of one organisation may not overlap: [electedOn, endedOn) intervals, null = open. */
export function decideNoOverlap(existing: readonly TermSpan[], next: TermSpan): Decision<void> {
  if (next.endedOn !== null && next.endedOn <= next.electedOn) {
    return refuse('TERM_DATES', '届期结束日期必须晚于选举日期', 'endedOn');
  }
  for (const t of existing) {
    const overlaps = (t.endedOn === null || next.electedOn < t.endedOn) && (next.endedOn === null || t.electedOn < next.endedOn);
    if (overlaps) {
      return refuse('TERM_OVERLAP', `与已有的届期（${t.electedOn} 起${t.endedOn ? '至 ' + t.endedOn : '，尚未结束'}）重叠`, 'electedOn');
    }
  }
  return ok(undefined);
}
