// Annual plans (年度计划, issue 5 item 2): does a plan cover each type's required frequency,
// and how did each planned item fare against the meetings actually held. Pure.
import type { Rulebook } from '../rulebook/rulebook.types.ts';
import { typeUnit } from './compliance.ts';
import type { MeetingType } from './meeting-types.ts';
import { parsePeriod, quarterKey, unitsWithin, type Period } from './periods.ts';

export interface PlanItem {
  /** A month ('2026-03') or a quarter ('2026-Q2') of the plan's year. */
  period: string;
  type: MeetingType;
  theme: string;
}

export interface PlanGap {
  type: MeetingType;
  /** The native period (month, quarter or year key) with too few planned items. */
  period: string;
  planned: number;
  required: number;
}

/** Is `key` a month or quarter of `year`? */
export function isPlanPeriod(key: string, year: number): boolean {
  const p = parsePeriod(key);
  return !!p && p.kind !== 'year' && p.from.startsWith(String(year));
}

/** Does an item planned for `itemPeriod` fall inside the native period `unit`? */
function itemWithin(itemPeriod: string, unit: Period): boolean {
  const p = parsePeriod(itemPeriod);
  if (!p) return false;
  // A month lies in its quarter and year; a quarter lies in its year but not in any one month.
  return p.from >= unit.from && p.to <= unit.to;
}

/**
 * The native periods where the plan has fewer items of a type than the rulebook asks, for
 * each type in `types` (the types that apply to the branch), by the rule in force on 1 January.
 */
export function planGaps(
  book: Rulebook,
  year: number,
  types: readonly MeetingType[],
  items: readonly PlanItem[],
): PlanGap[] {
  const yearPeriod = parsePeriod(String(year))!;
  const gaps: PlanGap[] = [];
  for (const type of types) {
    const { unit, min } = typeUnit(book, type, yearPeriod.from);
    const ofType = items.filter((i) => i.type === type);
    for (const u of unitsWithin(yearPeriod, unit)) {
      const planned = ofType.filter((i) => itemWithin(i.period, u)).length;
      if (planned < min) gaps.push({ type, period: u.key, planned, required: min });
    }
  }
  return gaps;
}

export const HELD = '已召开';
export const HELD_LATE = '推迟召开';
export const NOT_HELD = '未召开';
export const NOT_DUE = '未到期';
export type ItemOutcome = typeof HELD | typeof HELD_LATE | typeof NOT_HELD | typeof NOT_DUE;

export interface HeldMeeting {
  id: number;
  type: string;
  heldOn: string;
}

export interface ItemResult {
  index: number;
  outcome: ItemOutcome;
  meetingId: number | null;
  heldOn: string | null;
}

/**
 * Plan against actual: each item is matched to one held meeting of its type, each meeting to
 * at most one item. In period first (items in period order, the earliest meeting); then the
 * items still open whose period has ended take the earliest unused later meeting of the same
 * year (held late). An open item whose period has not ended by `today` is not yet due.
 */
export function planVsActual(
  year: number,
  items: readonly PlanItem[],
  meetings: readonly HeldMeeting[],
  today: string,
): ItemResult[] {
  const yearEnd = `${year + 1}-01-01`;
  const order = items
    .map((item, index) => ({ item, index, p: parsePeriod(item.period) }))
    .filter((x): x is { item: PlanItem; index: number; p: Period } => x.p !== null)
    .sort((a, b) => a.p.to.localeCompare(b.p.to) || a.p.from.localeCompare(b.p.from) || a.index - b.index);
  const sorted = [...meetings].sort((a, b) => a.heldOn.localeCompare(b.heldOn) || a.id - b.id);
  const used = new Set<number>();
  const results = new Map<number, ItemResult>();
  const take = (type: string, from: string, to: string) => {
    const m = sorted.find((x) => !used.has(x.id) && x.type === type && x.heldOn >= from && x.heldOn < to);
    if (m) used.add(m.id);
    return m;
  };
  for (const { item, index, p } of order) {
    const m = take(item.type, p.from, p.to);
    if (m) results.set(index, { index, outcome: HELD, meetingId: m.id, heldOn: m.heldOn });
  }
  for (const { item, index, p } of order) {
    if (results.has(index)) continue;
    if (p.to > today) {
      results.set(index, { index, outcome: NOT_DUE, meetingId: null, heldOn: null });
      continue;
    }
    const m = take(item.type, p.to, yearEnd);
    results.set(
      index,
      m
        ? { index, outcome: HELD_LATE, meetingId: m.id, heldOn: m.heldOn }
        : { index, outcome: NOT_HELD, meetingId: null, heldOn: null },
    );
  }
  return items.map(
    (_, index) => results.get(index) ?? { index, outcome: NOT_HELD, meetingId: null, heldOn: null },
  );
}

/** The text compared for the plan-copy finding: the themes in period order, joined. */
export function planText(items: readonly PlanItem[]): string {
  return [...items]
    .sort((a, b) => a.period.localeCompare(b.period))
    .map((i) => i.theme)
    .join('；');
}

/** The quarter key of a plan period (a quarter stays itself). */
export function planQuarter(period: string): string {
  return period.includes('Q') ? period : quarterKey(`${period}-01`);
}
