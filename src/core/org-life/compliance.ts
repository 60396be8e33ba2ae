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
export type ComplianceStatus = typeof STATUS_OK | typeof STATUS_FAIL | typeof STATUS_NA;

export interface OrgFacts {
  orgId: number;
  kind: string;
  establishedOn: string | null;
  dissolvedOn: string | null;
  /** Full (正式) members today: decides whether a 支部委员会 must exist. */
  fullMembers: number;
  /** Members today: 谈心谈话 coverage needs each of them. */
  members: number;
  /** 党小组 of the branch that have members assigned (none until a module assigns them). */
  groupsWithMembers: number;
}

export interface ComplianceResult {
  required: number;
  held: number;
  status: ComplianceStatus;
  /** Native periods that fell short (for findings and drill-down). */
  shortUnits: string[];
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
  const { type, period, min } = plan;
  const units = plan.units.filter((u) => unitCounts(org, u, today));
  let held = 0;
  for (const u of plan.units) held += heldByUnit.get(u.key) ?? 0;
  if (!applies(book, org, type, period.from) || units.length === 0)
    return { required: 0, held, status: STATUS_NA, shortUnits: [] };
  if (type === '谈心谈话') {
    const required = org.members;
    if (required === 0) return { required: 0, held, status: STATUS_NA, shortUnits: [] };
    return {
      required,
      held,
      status: held >= required ? STATUS_OK : STATUS_FAIL,
      shortUnits: held >= required ? [] : units.map((u) => u.key),
    };
  }
  const shortUnits = units.filter((u) => (heldByUnit.get(u.key) ?? 0) < min).map((u) => u.key);
  return {
    required: units.length * min,
    held,
    status: shortUnits.length === 0 ? STATUS_OK : STATUS_FAIL,
    shortUnits,
  };
}
