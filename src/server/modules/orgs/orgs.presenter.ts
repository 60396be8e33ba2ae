import type { OrgRow } from '../../db/schema.ts';

export function presentOrg(row: OrgRow) {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    shortName: row.short_name,
    kind: row.kind,
    sector: row.sector,
    parentId: row.parent_id,
    path: row.path,
    depth: row.depth,
    unitNames: JSON.parse(row.unit_names) as string[],
    establishedOn: row.established_on,
    status: row.status as 'active' | 'dissolved',
    dissolvedOn: row.dissolved_on,
  };
}

export type OrgDto = ReturnType<typeof presentOrg>;
