export {
  ORG_KINDS,
  ORG_SECTORS,
  BRANCH_KINDS,
  type OrgKind,
  type OrgSector,
} from '../../../../src/core/org/org.types.ts';

export interface Org {
  id: number;
  code: string;
  name: string;
  shortName: string | null;
  kind: string;
  sector: string;
  parentId: number | null;
  path: string;
  depth: number;
  unitNames: string[];
  establishedOn: string | null;
  status: 'active' | 'dissolved';
  dissolvedOn: string | null;
}

export interface OrgCounts {
  members: number;
  fullMembers: number;
  probationaryMembers: number;
  subtreeMembers: number;
  childOrgs: number;
  /** Active organisations at any depth below (itself excluded). */
  subtreeOrgs: number;
}

export interface OrgDetail extends Org {
  counts: OrgCounts;
  secretary: { personId: number; name: string; since: string } | null;
  ancestors: { id: number; name: string; code: string }[];
}

export interface OrgPolicies {
  createChild: boolean;
  rename: boolean;
  move: boolean;
  dissolve: boolean;
}

export interface OrgChild extends Org {
  childCount: number;
  subtreeMembers: number;
}

export interface CreateOrgInput {
  code: string;
  name: string;
  shortName?: string;
  kind: string;
  sector: string;
  parentId: number;
  establishedOn?: string;
}

export interface RenameOrgInput {
  name: string;
  shortName: string | null;
}

export interface DissolveOrgInput {
  dissolvedOn: string;
  reason: string;
}

export function displayName(org: Pick<Org, 'name' | 'shortName'>): string {
  return org.shortName || org.name;
}
