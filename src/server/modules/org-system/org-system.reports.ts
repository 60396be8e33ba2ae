// Subtree reports shared by the HTTP routes and the CLI: 组织体系体检 (structural findings),
// 届期 (term status) and 软弱涣散 signals. A handful of set-based queries per report, whatever the subtree size.
import { evaluateStructure, type Finding, type OrgFacts, type StructureRules, type UnitFacts } from '../../../core/org-system/structure.rules.ts';
import { hasTerms, termStatus } from '../../../core/org-system/terms.rules.ts';
import type { TermStatus, WeakCriterion } from '../../../core/org-system/org-system.types.ts';
import { weakSignals, type LifeOnPaperRule, type WeakSignal } from '../../../core/org-system/weak.rules.ts';
import { addMonths } from '../../../core/shared/dates.ts';
import { isBranchKind } from '../../../core/org/org.types.ts';
import { lifeFormFacts } from '../org-life/org-life-quality.repository.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import type { Rulebook } from '../../../core/rulebook/rulebook.types.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import * as repo from './org-system.repository.ts';

export function structureRules(book: Rulebook, on: string): StructureRules {
  return {
    branchMinFull: ruleValue(book, 'org.branch.minFullMembers', on),
    jointMaxUnits: ruleValue(book, 'org.jointBranch.maxUnits', on),
    branchMaxMembers: ruleValue(book, 'org.branch.maxMembers', on),
    committeeFromFull: ruleValue(book, 'org.branch.committeeFromFullMembers', on),
    committeeSize: ruleValue(book, 'org.branch.committeeSize', on),
    generalBranchRange: ruleValue(book, 'org.generalBranch.memberRange', on),
    committeeOrgMin: ruleValue(book, 'org.committee.minMembers', on),
    vacancyWarningMonths: ruleValue(book, 'org.secretary.vacancyWarningMonths', on),
  };
}

interface Root {
  id: number;
  path: string;
}

/** Facts per organisation of the subtree (one query per fact). */
export async function gatherFacts(db: Kysely<DB>, root: Root, today: string) {
  const [orgs, counts, teams, lastSec, covered, uncovered, admissions] = await Promise.all([
    repo.subtreeOrgs(db, root.path),
    repo.memberCountsByOrg(db, root.path, today),
    repo.teamsByOrg(db, root.path, today),
    repo.lastSecretaryEnd(db, root.path, today),
    repo.coveredUnitCounts(db, root.path),
    repo.uncoveredUnits(db, root.path, today),
    repo.lastAdmissionByOrg(db, root.path, today),
  ]);
  const byId = new Map(orgs.map((o) => [o.id, o]));
  // Subtree totals: each organisation's direct members added to every ancestor inside the subtree.
  const totals = new Map<number, number>();
  for (const [orgId, c] of counts) {
    const o = byId.get(orgId);
    if (!o) continue;
    for (const id of o.path.split('/').filter(Boolean).map(Number)) if (byId.has(id)) totals.set(id, (totals.get(id) ?? 0) + c.members);
  }
  const facts: OrgFacts[] = orgs.map((o) => {
    const c = counts.get(o.id) ?? { members: 0, full: 0 };
    const team = teams.get(o.id) ?? { size: 0, secretary: false };
    return {
      orgId: o.id, code: o.code, name: o.name, kind: o.kind, sector: o.sector,
      // The county-level committee at the top of the tree is not a 基层党委.
      isGrassroots: o.parent_id !== null,
      members: c.members, fullMembers: c.full, subtreeMembers: totals.get(o.id) ?? c.members,
      teamSize: team.size, hasSecretary: team.secretary,
      vacantSince: team.secretary ? null : (lastSec.get(o.id) ?? o.established_on),
      noSecretaryOnRecord: !team.secretary && !lastSec.has(o.id),
      coveredUnits: covered.get(o.id) ?? 0,
    };
  });
  const units: UnitFacts[] = uncovered.map((u) => ({ unitId: u.unit_id, unitName: u.unit_name, orgId: u.org_id, orgCode: u.org_code, orgName: u.org_name, fullMembers: u.full }));
  return { orgs, facts, units, admissions };
}

export async function structureReport(db: Kysely<DB>, book: Rulebook, root: Root, today: string): Promise<Finding[]> {
  const { facts, units } = await gatherFacts(db, root, today);
  return evaluateStructure(facts, units, structureRules(book, today), today);
}

export interface TermRow {
  orgId: number;
  orgCode: string;
  orgName: string;
  kind: string;
  number: number | null;
  electedOn: string | null;
  termEnd: string | null;
  status: TermStatus | '未录入';
}

export async function termsReport(db: Kysely<DB>, book: Rulebook, root: Root, today: string): Promise<TermRow[]> {
  const [orgs, terms] = await Promise.all([repo.subtreeOrgs(db, root.path), repo.currentTermsUnder(db, root.path)]);
  const months = ruleValue<number>(book, 'org.term.reminderMonths', today);
  const byOrg = new Map(terms.map((t) => [t.org_id, t]));
  const rows: TermRow[] = [];
  for (const o of orgs) {
    if (!hasTerms(o.kind)) continue;
    const t = byOrg.get(o.id);
    rows.push({
      orgId: o.id, orgCode: o.code, orgName: o.name, kind: o.kind, number: t?.number ?? null, electedOn: t?.elected_on ?? null,
      termEnd: t?.term_end ?? null, status: t ? termStatus(t.term_end, today, months) : '未录入',
    });
  }
  return rows;
}

export interface SignalRow {
  orgId: number;
  orgCode: string;
  orgName: string;
  signals: WeakSignal[];
}

/** Automatic 软弱涣散 signals for the branches and committees of the subtree. */
export async function weakSignalsReport(db: Kysely<DB>, book: Rulebook, root: Root, today: string): Promise<SignalRow[]> {
  const { orgs, facts, admissions } = await gatherFacts(db, root, today);
  const criteria = ruleValue<WeakCriterion[]>(book, 'orgSystem.weak.criteria', today);
  const months = ruleValue<number>(book, 'org.secretary.vacancyWarningMonths', today);
  const years = ruleValue<number>(book, 'orgSystem.weak.noCandidateYears', today);
  const paper = ruleValue<LifeOnPaperRule>(book, 'orgSystem.weak.lifeOnPaper', today);
  // Organisational life over the window, from org-life's own stored findings (LIFE_ON_PAPER);
  // 三会一课 are a branch's duty, so the signal is a branch's (a 党总支 answers for its branches).
  const life = await lifeFormFacts(db, root.path, addMonths(today, -paper.windowMonths), today);
  const out: SignalRow[] = [];
  facts.forEach((f, i) => {
    if (!hasTerms(f.kind) || f.kind === '党委' || f.kind === '党工委') return;
    const signals = weakSignals(
      { hasSecretary: f.hasSecretary, vacantSince: f.vacantSince, noSecretaryOnRecord: f.noSecretaryOnRecord, lastAdmission: admissions.get(f.orgId) ?? null, establishedOn: orgs[i]!.established_on, life: isBranchKind(f.kind) ? (life.get(f.orgId) ?? { held: 0, formal: 0 }) : undefined },
      today, months, years, criteria, paper,
    );
    if (signals.length) out.push({ orgId: f.orgId, orgCode: f.code, orgName: f.name, signals });
  });
  return out;
}
