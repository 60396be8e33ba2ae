// What 督查 offers other modules (the 考核 indicators): per inspected organisation of a subtree,
// the year's visits and findings. Read-only.
import { pathUpperBound } from '../../db/dialect.ts';
import type { Q } from './inspection.repository.ts';

export interface InspectionTally {
  orgId: number;
  orgPath: string;
  orgName: string;
  /** 督查记录 of the organisation dated in the year. */
  visits: number;
  findings: number;
  /** Findings of severity 严重. */
  seriousFindings: number;
  /** Findings turned into 整改 items. */
  rectified: number;
}

/**
 * One row per organisation under `rootPath` (itself included) that was inspected in `year`;
 * an organisation never inspected has no row. Roll up by `orgPath` for a township's subtree.
 */
export async function inspectionFindingsOf(
  db: Q,
  rootPath: string,
  year: number,
): Promise<InspectionTally[]> {
  const visits = await db
    .selectFrom('insp_visits as v')
    .leftJoin('insp_findings as f', 'f.visit_id', 'v.id')
    .select([
      'v.id as visitId',
      'v.org_id',
      'v.org_path',
      'v.org_name',
      'f.id as findingId',
      'f.severity',
      'f.rect_item_id',
    ])
    .where('v.org_path', '>=', rootPath)
    .where('v.org_path', '<', pathUpperBound(rootPath))
    .where('v.visited_on', '>=', `${year}-01-01`)
    .where('v.visited_on', '<=', `${year}-12-31`)
    .execute();
  const out = new Map<number, InspectionTally & { visitIds: Set<number> }>();
  for (const r of visits) {
    const t = out.get(r.org_id) ?? {
      orgId: r.org_id,
      orgPath: r.org_path,
      orgName: r.org_name,
      visits: 0,
      findings: 0,
      seriousFindings: 0,
      rectified: 0,
      visitIds: new Set<number>(),
    };
    t.visitIds.add(r.visitId);
    if (r.findingId !== null) {
      t.findings += 1;
      if (r.severity === '严重') t.seriousFindings += 1;
      if (r.rect_item_id !== null) t.rectified += 1;
    }
    out.set(r.org_id, t);
  }
  return [...out.values()]
    .map(({ visitIds, ...t }) => ({ ...t, visits: visitIds.size }))
    .sort((a, b) => a.orgPath.localeCompare(b.orgPath));
}
