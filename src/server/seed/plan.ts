// The organisation tree plan: every organisation with its id, code, path and, for
// branches, how many members it gets and who it supplies leaders to. Ids are assigned
// 1..n in creation order (a parent always before its children), so the plan can be
// inserted with explicit ids and paths in one pass.
import { canContain } from '../../core/org/org.rules.ts';
import type { OrgKind, OrgSector } from '../../core/org/org.types.ts';
import { isBranchKind } from '../../core/org/org.types.ts';

export type Scale = 'county' | 'city' | 'province';

/** What kind of members a branch has (drives age, gender and education mixes). */
export type Profile =
  | 'village' | 'community' | 'organ' | 'institution' | 'retired' | 'school' | 'hospital' | 'soe' | 'nonpublic' | 'social' | 'temp';

/** Accounts hang off these markers. */
export type OrgRole = 'root' | 'county' | 'township' | 'street';

export interface PlanOrg {
  id: number;
  code: string;
  name: string;
  shortName: string | null;
  kind: OrgKind;
  sector: OrgSector;
  parentId: number | null;
  path: string;
  depth: number;
  units: string[];
  establishedOn: string;
  sortOrder: number;
  /** Branch kinds only. */
  profile: Profile | null;
  members: number;
  /** Index into Plan.counties. */
  county: number;
  /** Ids of 党委/党工委/党总支 whose leaders are members of this branch. */
  leads: number[];
  clans: string[] | null;
  role: OrgRole | null;
  /** Children created so far (codes and sort order come from it). */
  children: number;
  codeWidth: number;
}

export interface CountyInfo {
  index: number;
  name: string;
  /** Current and former 6-digit area codes used in ID numbers; unique to this county. */
  areaCodes: readonly [string, string];
  rootId: number;
  branchIds: number[];
}

export interface OrgSpec {
  name: string;
  shortName?: string | null;
  kind: OrgKind;
  sector: OrgSector;
  units?: string[];
  establishedOn: string;
  profile?: Profile;
  members?: number;
  clans?: string[];
  role?: OrgRole;
  codeWidth?: number;
  code?: string;
}

export class PlanBuilder {
  readonly orgs: PlanOrg[] = [];
  readonly counties: CountyInfo[] = [];
  currentCounty = -1;
  /** Multiplies the chance that a large branch has 党小组 (the province plan uses more). */
  groupBoost = 1;

  constructor(readonly today: string) {}

  add(parent: PlanOrg | null, spec: OrgSpec): PlanOrg {
    if (parent && !canContain(parent.kind, spec.kind)) {
      throw new Error(`plan error: ${spec.kind} ${spec.name} under ${parent.kind} ${parent.name}`);
    }
    const id = this.orgs.length + 1;
    const index = parent ? ++parent.children : 1;
    const code = spec.code ?? (parent ? `${parent.code}-${String(index).padStart(parent.codeWidth, '0')}` : `D${id}`);
    if (!/^[A-Za-z0-9_-]+$/.test(code) || code.length > 32) throw new Error(`plan error: bad code ${code}`);
    const path = (parent ? parent.path : '/') + id + '/';
    const established = parent && parent.establishedOn > spec.establishedOn ? parent.establishedOn : spec.establishedOn;
    const branch = isBranchKind(spec.kind);
    const org: PlanOrg = {
      id,
      code,
      name: spec.name,
      shortName: spec.shortName ?? null,
      kind: spec.kind,
      sector: spec.sector,
      parentId: parent ? parent.id : null,
      path,
      depth: path.split('/').length - 2,
      units: spec.units ?? [],
      establishedOn: established > this.today ? this.today : established,
      sortOrder: index * 10,
      profile: branch ? (spec.profile ?? 'organ') : null,
      members: branch ? Math.max(3, spec.members ?? 10) : 0,
      county: this.currentCounty,
      leads: [],
      clans: spec.clans ?? null,
      role: spec.role ?? null,
      children: 0,
      codeWidth: spec.codeWidth ?? 2,
    };
    this.orgs.push(org);
    if (branch && this.currentCounty >= 0) this.counties[this.currentCounty]!.branchIds.push(id);
    return org;
  }

  /** Starts a county: organisations added until the next call belong to it. */
  beginCounty(name: string, areaCodes: readonly [string, string], root: PlanOrg | null): number {
    this.currentCounty = this.counties.length;
    this.counties.push({ index: this.currentCounty, name, areaCodes, rootId: root?.id ?? 0, branchIds: [] });
    return this.currentCounty;
  }

  /** `branch` supplies the leaders of `org` (a 党委/党工委/党总支). */
  lead(branch: PlanOrg, org: PlanOrg): void {
    if (!isBranchKind(branch.kind)) throw new Error(`plan error: ${branch.name} is not a branch`);
    branch.leads.push(org.id);
  }

  byId(id: number): PlanOrg {
    const org = this.orgs[id - 1];
    if (!org) throw new Error(`plan error: no org ${id}`);
    return org;
  }
}

export interface Plan {
  scale: Scale;
  today: string;
  orgs: PlanOrg[];
  counties: CountyInfo[];
  totalMembers: number;
  /** Branches without a current secretary: 'none' = never recorded, 'ended' = the last term ended. */
  vacancies: Map<number, 'none' | 'ended'>;
}

/** Number of leader posts a branch must supply for the organisations it leads. */
export function leaderPostsFor(kind: OrgKind, isRoot: boolean): number {
  if (isRoot) return 7;
  if (kind === '党委' || kind === '党工委') return 6;
  if (kind === '党总支') return 4;
  return 1;
}

/** Makes sure every 党委/党工委/党总支 has a leader-supplying branch, and that branch is big enough. */
export function finishPlan(b: PlanBuilder, scale: Scale): Plan {
  const firstBranchUnder = new Map<number, PlanOrg>();
  for (const org of b.orgs) {
    if (!isBranchKind(org.kind)) continue;
    // Walk up: this is the first branch (in id order) below each ancestor that has none yet.
    let parentId = org.parentId;
    while (parentId !== null) {
      if (!firstBranchUnder.has(parentId)) firstBranchUnder.set(parentId, org);
      parentId = b.byId(parentId).parentId;
    }
  }
  const led = new Set<number>();
  for (const org of b.orgs) for (const id of org.leads) led.add(id);
  for (const org of b.orgs) {
    if (org.kind === '党小组' || isBranchKind(org.kind) || led.has(org.id)) continue;
    const source = firstBranchUnder.get(org.id);
    if (source) source.leads.push(org.id);
  }
  let total = 0;
  for (const org of b.orgs) {
    if (org.leads.length > 0) {
      let posts = 6; // its own committee and a margin
      for (const id of org.leads) {
        const led = b.byId(id);
        posts += leaderPostsFor(led.kind, led.parentId === null);
      }
      org.members = Math.max(org.members, Math.ceil(posts * 1.6));
    }
    total += org.members;
  }
  return { scale, today: b.today, orgs: b.orgs, counties: b.counties, totalMembers: total, vacancies: new Map() };
}
