// Development repository: the 自查自纠 audit of a subtree, only the columns the rules read.
import { pathUpperBound } from '../../db/dialect.ts';
import { type Q } from './development-candidates.repository.ts';

export async function auditCandidates(db: Q, path: string) {
  return db
    .selectFrom('dev_candidates as c')
    .innerJoin('orgs as o', 'o.id', 'c.org_id')
    .select([
      'c.id',
      'c.name',
      'c.birth_date',
      'c.applied_on',
      'c.status',
      'o.name as org_name',
      'o.code as org_code',
    ])
    .where('c.org_path', '>=', path)
    .where('c.org_path', '<', pathUpperBound(path))
    .orderBy('c.org_path')
    .orderBy('c.applied_on')
    .orderBy('c.id')
    .execute();
}

/** Steps of a subtree's candidates, unordered (the rules order by date themselves). */
export async function auditSteps(db: Q, path: string) {
  return db
    .selectFrom('dev_steps')
    .select(['id', 'candidate_id', 'step_no', 'done_on', 'data', 'materials', 'as_history'])
    .where('org_path', '>=', path)
    .where('org_path', '<', pathUpperBound(path))
    .execute();
}
