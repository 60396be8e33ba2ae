// The compliance rules: for an organisation, a type and a period — required, held, status.
// Pure: the facts (who the organisation is, how many meetings each native period holds)
// come in as arguments; the numbers come from the rulebook in force on each unit's first day.
import { ruleValue } from '../rulebook/rulebook.ts';
import type { Rulebook } from '../rulebook/rulebook.types.ts';
import {
  TYPE_SPECS,
  frequencyUnit,
  type ComplianceType,
  type Frequency,
  type Unit,
} from './meeting-types.ts';
import { unitsWithin, type Period } from './periods.ts';

export const STATUS_OK = '达标';
export const STATUS_FAIL = '未达标';
export const STATUS_NA = '不适用';
/** The requirement is not met yet but the native period it falls short in is not over (issue 16). */
export const STATUS_OPEN = '进行中';
export type ComplianceStatus = typeof STATUS_OK | typeof STATUS_FAIL | typeof STATUS_NA | typeof STATUS_OPEN;
export const COMPLIANCE_STATUSES: readonly ComplianceStatus[] = [STATUS_OK, STATUS_FAIL, STATUS_OPEN, STATUS_NA];

export interface OrgFacts {
  orgId: number;
  kind: string;
  establishedOn: string | null;
  dissolvedOn: string | null;
  /** Full (正式) members today: decides whether a 支部委员会 must exist. */
  fullMembers: number;
  /** Members today: 谈心谈话 coverage needs each of them. */
  members: number;
  /**
   * 党小组 of the branch that have members in the period (roster 党小组 assignment or a membership
   * recorded on the group). Each of them owes its own 党小组会: the branch's 党小组会 requirement
   * is this many times the rulebook frequency, and `heldByUnit` must count each group's meetings
   * only up to the frequency (see groupHeld), so one busy group does not cover a silent one.
   */
  groupsWithMembers: number;
}

export interface ComplianceResult {
  required: number;
  held: number;
  status: ComplianceStatus;
  /** Native periods that fell short (for findings and drill-down): closed ones and the one in progress. */
  shortUnits: string[];
}

/**
 * 党小组会 of a branch in one native period: each group with members counts up to `min`
 * meetings (the rulebook frequency), summed over the groups.
 */
export function groupHeld(heldPerGroup: readonly number[], min: number): number {
  let n = 0;
  for (const h of heldPerGroup) n += Math.min(h, min);
  return n;
}

/** A native period is over once `today` has reached its end (the day after its last day). */
export function unitClosed(unit: Period, today: string): boolean {
  return unit.to <= today;
}

export function typeUnit(book: Rulebook, type: ComplianceType, on: string): { unit: Unit; min: number } {
  return frequencyUnit(ruleValue<Frequency>(book, TYPE_SPECS[type].ruleId, on));
}

/** Does the requirement apply to this organisation at all (kind, committee size, groups)? */
export function applies(book: Rulebook, org: OrgFacts, type: ComplianceType, on: string): boolean {
  if (!TYPE_SPECS[type].orgKinds.includes(org.kind)) return false;
  if (type === '支部委员会会议')
    return org.fullMembers >= ruleValue<number>(book, 'org.branch.committeeFromFullMembers', on);
  if (type === '党小组会') return org.groupsWithMembers > 0;
  return true;
}

/** A native period counts when it has started by `today` and the organisation existed during it. */
export function unitCounts(org: OrgFacts, unit: Period, today: string): boolean {
  if (unit.from > today) return false;
  if (org.establishedOn && org.establishedOn >= unit.to) return false;
  if (org.dissolvedOn && org.dissolvedOn <= unit.from) return false;
  return true;
}

/** What a type asks of every organisation in a period: computed once per report, not per organisation. */
export interface CompliancePlan {
  type: ComplianceType;
  period: Period;
  unit: Unit;
  min: number;
  /** The native periods of `unit` inside `period`. */
  units: Period[];
}

export function compliancePlan(book: Rulebook, type: ComplianceType, period: Period): CompliancePlan {
  const { unit, min } = typeUnit(book, type, period.from);
  return { type, period, unit, min, units: unitsWithin(period, unit) };
}

/**
 * Meetings: `heldByUnit` maps native period keys to meetings held. 谈心谈话: it maps the year
 * key to the number of members covered by at least one talk.
 */
export function evaluateCompliance(
  book: Rulebook,
  org: OrgFacts,
  type: ComplianceType,
  period: Period,
  heldByUnit: ReadonlyMap<string, number>,
  today: string,
): ComplianceResult {
  return evaluatePlanned(book, compliancePlan(book, type, period), org, heldByUnit, today);
}

/** `evaluateCompliance` with the plan computed once for many organisations. */
export function evaluatePlanned(
  book: Rulebook,
  plan: CompliancePlan,
  org: OrgFacts,
  heldByUnit: ReadonlyMap<string, number>,
  today: string,
): ComplianceResult {
  const { type, period } = plan;
  const units = plan.units.filter((u) => unitCounts(org, u, today));
  let held = 0;
  for (const u of plan.units) held += heldByUnit.get(u.key) ?? 0;
  if (!applies(book, org, type, period.from) || units.length === 0)
    return { required: 0, held, status: STATUS_NA, shortUnits: [] };
  if (type === '谈心谈话') {
    const required = org.members;
    if (required === 0) return { required: 0, held, status: STATUS_NA, shortUnits: [] };
    if (held >= required) return { required, held, status: STATUS_OK, shortUnits: [] };
    // Coverage is judged over the whole year: only a year that is over can have failed.
    const closed = units.every((u) => unitClosed(u, today));
    return { required, held, status: closed ? STATUS_FAIL : STATUS_OPEN, shortUnits: units.map((u) => u.key) };
  }
  // 党小组会 is owed by every group with members (heldByUnit counts each group up to the frequency).
  const min = type === '党小组会' ? plan.min * org.groupsWithMembers : plan.min;
  const short = units.filter((u) => (heldByUnit.get(u.key) ?? 0) < min);
  // Only a native period that is over can have failed; one still under way is 进行中.
  const status =
    short.length === 0
      ? STATUS_OK
      : short.some((u) => unitClosed(u, today))
        ? STATUS_FAIL
        : STATUS_OPEN;
  return { required: units.length * min, held, status, shortUnits: short.map((u) => u.key) };
}
