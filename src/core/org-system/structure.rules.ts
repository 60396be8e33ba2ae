// 组织体系体检: pure evaluation of per-organisation facts (gathered by set-based queries) against
// the rulebook thresholds. Each finding carries its evidence.
import { addMonths, type IsoDate } from '../shared/dates.ts';
import { STRUCTURE_CHECKS, type Severity, type StructureCheck } from './org-system.types.ts';

const BRANCHES = ['党支部', '联合党支部', '临时党支部'];

export interface StructureRules {
  /** org.branch.minFullMembers (以上: ≥). */
  branchMinFull: number;
  /** org.jointBranch.maxUnits (≤). */
  jointMaxUnits: number;
  /** org.branch.maxMembers (超过 = >). */
  branchMaxMembers: number;
  /** org.branch.committeeFromFullMembers (≥). */
  committeeFromFull: number;
  /** org.branch.committeeSize. */
  committeeSize: { min: number; max: number; hardMax: number };
  /** org.generalBranch.memberRange. */
  generalBranchRange: { min: number; max: number };
  /** org.committee.minMembers (基层党委, ≥). */
  committeeOrgMin: number;
  /** org.secretary.vacancyWarningMonths (超过 = >). */
  vacancyWarningMonths: number;
}

export interface OrgFacts {
  orgId: number;
  code: string;
  name: string;
  kind: string;
  sector: string;
  /** Root of the checked tree or a county-level committee: not a 基层党委. */
  isGrassroots: boolean;
  members: number;
  fullMembers: number;
  subtreeMembers: number;
  /** Distinct persons holding a team post today. */
  teamSize: number;
  hasSecretary: boolean;
  /** When the last 书记 left (or the organisation was set up); null when unknown. */
  vacantSince: IsoDate | null;
  /** True when no 书记 was ever on record, so vacantSince is the establishment date. */
  noSecretaryOnRecord?: boolean;
  /** Units a 联合党支部 covers. */
  coveredUnits: number;
}

export interface UnitFacts {
  unitId: number;
  unitName: string;
  orgId: number;
  orgCode: string;
  orgName: string;
  fullMembers: number;
}

export interface Finding {
  orgId: number;
  orgCode: string;
  orgName: string;
  check: StructureCheck;
  severity: Severity;
  detail: string;
  evidence: Record<string, unknown>;
}

function f(o: OrgFacts, check: StructureCheck, severity: Severity, detail: string, evidence: Record<string, unknown>): Finding {
  return { orgId: o.orgId, orgCode: o.code, orgName: o.name, check, severity, detail, evidence };
}

/** "书记空缺…" with its start; a branch that never had a 书记 counts from its establishment date. */
export function secretaryVacancyText(vacantSince: IsoDate | null, noSecretaryOnRecord = false): string {
  if (!vacantSince) return '书记空缺';
  return noSecretaryOnRecord ? `书记空缺（无书记任职记录，自${vacantSince}成立起算）` : `书记空缺自${vacantSince}起`;
}

export function checkOrg(o: OrgFacts, r: StructureRules, today: IsoDate): Finding[] {
  const out: Finding[] = [];
  const isBranch = BRANCHES.includes(o.kind);
  if (isBranch && o.fullMembers < r.branchMinFull) {
    const what = o.kind === '联合党支部' ? '应调整撤销或与其他单位合并' : '应撤未撤，或并入联合党支部';
    out.push(f(o, STRUCTURE_CHECKS.tooFewFull, '问题', `正式党员${o.fullMembers}人，不足${r.branchMinFull}人：${what}`, { fullMembers: o.fullMembers, threshold: r.branchMinFull }));
  }
  if (o.kind === '联合党支部' && o.coveredUnits > r.jointMaxUnits) {
    out.push(f(o, STRUCTURE_CHECKS.jointTooManyUnits, '问题', `覆盖${o.coveredUnits}个单位，超过${r.jointMaxUnits}个`, { units: o.coveredUnits, threshold: r.jointMaxUnits }));
  }
  if (isBranch && o.fullMembers >= r.committeeFromFull && o.teamSize < r.committeeSize.min) {
    out.push(f(o, STRUCTURE_CHECKS.committeeMissing, '问题', `正式党员${o.fullMembers}人（${r.committeeFromFull}人以上），未设立支部委员会（班子${o.teamSize}人）`, { fullMembers: o.fullMembers, teamSize: o.teamSize, threshold: r.committeeFromFull }));
  }
  if (isBranch && o.members > r.branchMaxMembers) {
    out.push(f(o, STRUCTURE_CHECKS.branchTooLarge, '警告', `党员${o.members}人，超过${r.branchMaxMembers}人：应拆分或改设党总支（经批准的除外）`, { members: o.members, threshold: r.branchMaxMembers }));
  }
  if (o.kind === '党总支' && (o.subtreeMembers < r.generalBranchRange.min || o.subtreeMembers > r.generalBranchRange.max)) {
    const detail = o.subtreeMembers < r.generalBranchRange.min
      ? `党员${o.subtreeMembers}人，少于${r.generalBranchRange.min}人（经批准的除外）`
      : `党员${o.subtreeMembers}人，超过${r.generalBranchRange.max}人，可申请设立基层党委`;
    out.push(f(o, STRUCTURE_CHECKS.generalBranchSize, '提示', detail, { subtreeMembers: o.subtreeMembers, range: r.generalBranchRange }));
  }
  if (o.kind === '党委' && o.isGrassroots && o.subtreeMembers < r.committeeOrgMin) {
    out.push(f(o, STRUCTURE_CHECKS.committeeOrgSize, '提示', `党员${o.subtreeMembers}人，少于${r.committeeOrgMin}人（经批准的除外）`, { subtreeMembers: o.subtreeMembers, threshold: r.committeeOrgMin }));
  }
  if (o.kind !== '党小组' && o.kind !== '党组' && !o.hasSecretary) {
    const long = o.vacantSince !== null && today > addMonths(o.vacantSince, r.vacancyWarningMonths);
    out.push(f(o, STRUCTURE_CHECKS.secretaryVacant, long ? '警告' : '提示', `${secretaryVacancyText(o.vacantSince, o.noSecretaryOnRecord)}${long ? `，已超过${r.vacancyWarningMonths}个月` : ''}`, { vacantSince: o.vacantSince, warningMonths: r.vacancyWarningMonths }));
  }
  if (isBranch && o.teamSize >= r.committeeSize.min) {
    if (o.teamSize > r.committeeSize.hardMax) {
      out.push(f(o, STRUCTURE_CHECKS.committeeSize, '问题', `支委会${o.teamSize}人，超过${r.committeeSize.hardMax}人`, { teamSize: o.teamSize, size: r.committeeSize }));
    } else if (o.teamSize > r.committeeSize.max) {
      out.push(f(o, STRUCTURE_CHECKS.committeeSize, '提示', `支委会${o.teamSize}人，一般为${r.committeeSize.min}至${r.committeeSize.max}人`, { teamSize: o.teamSize, size: r.committeeSize }));
    }
  }
  return out;
}

export function checkUnit(u: UnitFacts, r: StructureRules): Finding | null {
  if (u.fullMembers < r.branchMinFull) return null;
  return {
    orgId: u.orgId, orgCode: u.orgCode, orgName: u.orgName, check: STRUCTURE_CHECKS.unbuilt, severity: '问题',
    detail: `${u.unitName}有正式党员${u.fullMembers}人（${r.branchMinFull}人以上），尚未建立党组织`,
    evidence: { unitId: u.unitId, unitName: u.unitName, fullMembers: u.fullMembers, threshold: r.branchMinFull },
  };
}

export function evaluateStructure(orgs: readonly OrgFacts[], units: readonly UnitFacts[], r: StructureRules, today: IsoDate): Finding[] {
  const out: Finding[] = [];
  for (const o of orgs) out.push(...checkOrg(o, r, today));
  for (const u of units) {
    const x = checkUnit(u, r);
    if (x) out.push(x);
  }
  return out;
}

/** Counts per check, for the 体检 summary. */
export function countByCheck(findings: readonly Finding[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const x of findings) counts[x.check] = (counts[x.check] ?? 0) + 1;
  return counts;
}
