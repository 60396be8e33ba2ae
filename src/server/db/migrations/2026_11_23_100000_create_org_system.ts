import type { Kysely } from 'kysely';
import { detectDialect, pathType, withId } from './migration-helpers.ts';

// Tables of the org-system module (issue 3): units, terms, 换届, elections, post approvals,
// 软弱涣散 cases and branch gradings. Dates ISO text, booleans 0/1, per-organisation rows carry org_path.
export async function up(db: Kysely<any>): Promise<void> {
  const d = await detectDialect(db);

  await withId(db.schema.createTable('os_units'), d)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sector', 'text', (c) => c.notNull())
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('branch_org_id', 'integer', (c) => c.references('orgs.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('os_units_path_idx').on('os_units').column('org_path').execute();
  await db.schema.createIndex('os_units_branch_idx').on('os_units').column('branch_org_id').execute();

  await withId(db.schema.createTable('os_person_units'), d)
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('os_units.id'))
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('os_person_units_unit_idx').on('os_person_units').columns(['unit_id', 'valid_from']).execute();
  await db.schema.createIndex('os_person_units_person_idx').on('os_person_units').column('person_id').execute();

  await withId(db.schema.createTable('os_terms'), d)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('elected_on', 'text', (c) => c.notNull())
    .addColumn('years', 'integer', (c) => c.notNull())
    .addColumn('adjust_months', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('adjust_ref', 'text')
    .addColumn('adjust_reason', 'text')
    .addColumn('adjust_approved_on', 'text')
    .addColumn('term_end', 'text', (c) => c.notNull())
    .addColumn('ended_on', 'text')
    .addColumn('renewal_id', 'integer')
    .addColumn('basis', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('os_terms_org_idx').on('os_terms').columns(['org_id', 'elected_on']).unique().execute();
  await db.schema.createIndex('os_terms_path_idx').on('os_terms').columns(['org_path', 'ended_on']).execute();

  await withId(db.schema.createTable('os_renewals'), d)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('term_id', 'integer', (c) => c.references('os_terms.id'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('seats', 'integer', (c) => c.notNull())
    .addColumn('requested_on', 'text', (c) => c.notNull())
    .addColumn('planned_on', 'text', (c) => c.notNull())
    .addColumn('request_note', 'text')
    .addColumn('approved_on', 'text')
    .addColumn('approval_ref', 'text')
    .addColumn('candidate_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('election_id', 'integer')
    .addColumn('reported_on', 'text')
    .addColumn('report_note', 'text')
    .addColumn('new_term_id', 'integer')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('os_renewals_org_idx').on('os_renewals').columns(['org_id', 'stage']).execute();
  await db.schema.createIndex('os_renewals_path_idx').on('os_renewals').column('org_path').execute();

  await withId(db.schema.createTable('os_elections'), d)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('renewal_id', 'integer', (c) => c.notNull().references('os_renewals.id'))
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('expected', 'integer', (c) => c.notNull())
    .addColumn('present', 'integer', (c) => c.notNull())
    .addColumn('seats', 'integer', (c) => c.notNull())
    .addColumn('unfilled', 'integer', (c) => c.notNull())
    .addColumn('posts', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('os_elections_renewal_idx').on('os_elections').column('renewal_id').execute();

  await withId(db.schema.createTable('os_election_candidates'), d)
    .addColumn('election_id', 'integer', (c) => c.notNull().references('os_elections.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('votes', 'integer', (c) => c.notNull())
    .addColumn('elected', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('os_election_candidates_idx').on('os_election_candidates').column('election_id').execute();

  await withId(db.schema.createTable('os_post_approvals'), d)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('post', 'text', (c) => c.notNull())
    .addColumn('position_id', 'integer', (c) => c.references('positions.id'))
    .addColumn('term_id', 'integer', (c) => c.references('os_terms.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text')
    .addColumn('ref', 'text')
    .addColumn('decided_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('os_post_approvals_org_idx').on('os_post_approvals').columns(['org_id', 'state']).execute();
  await db.schema.createIndex('os_post_approvals_path_idx').on('os_post_approvals').column('org_path').execute();

  await withId(db.schema.createTable('os_weak_cases'), d)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('designated_on', 'text', (c) => c.notNull())
    .addColumn('criteria', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('measures', 'text', (c) => c.notNull())
    .addColumn('first_secretary', 'text')
    .addColumn('village_cadres', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('closed_on', 'text')
    .addColumn('review_note', 'text')
    .addColumn('closed_by', 'integer')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('os_weak_cases_path_idx').on('os_weak_cases').columns(['org_path', 'year']).execute();
  await db.schema.createIndex('os_weak_cases_org_idx').on('os_weak_cases').columns(['org_id', 'state']).execute();

  await withId(db.schema.createTable('os_weak_progress'), d)
    .addColumn('case_id', 'integer', (c) => c.notNull().references('os_weak_cases.id'))
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('os_weak_progress_case_idx').on('os_weak_progress').column('case_id').execute();

  await withId(db.schema.createTable('os_gradings'), d)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('rater_org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('scheme', 'text', (c) => c.notNull())
    .addColumn('grade', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('approved_on', 'text', (c) => c.notNull())
    .addColumn('approver_user_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('os_gradings_org_year_idx').on('os_gradings').columns(['org_id', 'year']).unique().execute();
  await db.schema.createIndex('os_gradings_rater_idx').on('os_gradings').columns(['rater_org_id', 'year', 'grade']).execute();
  await db.schema.createIndex('os_gradings_path_idx').on('os_gradings').columns(['org_path', 'year']).execute();
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
