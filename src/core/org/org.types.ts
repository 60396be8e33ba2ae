/** 组织类别 */
export const ORG_KINDS = ['党委', '党工委', '党组', '党总支', '党支部', '联合党支部', '临时党支部', '党小组'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/** 所在领域 */
export const ORG_SECTORS = ['农村', '社区', '机关', '事业单位', '国有企业', '非公企业', '社会组织', '学校', '其他'] as const;
export type OrgSector = (typeof ORG_SECTORS)[number];

export type OrgStatus = 'active' | 'dissolved';

export interface OrgNode {
  id: number;
  code: string;
  kind: OrgKind;
  parentId: number | null;
  path: string;
  status: OrgStatus;
}

/** Kinds that are a 党支部 for the purposes of organisational life and membership. */
export const BRANCH_KINDS: readonly OrgKind[] = ['党支部', '联合党支部', '临时党支部'];

export function isBranchKind(kind: string): boolean {
  return (BRANCH_KINDS as readonly string[]).includes(kind);
}
