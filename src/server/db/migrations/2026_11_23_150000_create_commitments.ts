import type { Kysely } from 'kysely';
import { detectDialect, pathType, withId } from './migration-helpers.ts';

// Tables of the commitments module (issue 8): 公开承诺, opinions, 践诺 progress, 领导点评.
export async function up(db: Kysely<any>): Promise<void> {
  const d = await detectDialect(db);
  await withId(db.schema.createTable('cm_commitments'), d)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('committer_kind', 'text', (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.references('persons.id'))
    .addColumn('committer_name', 'text', (c) => c.notNull())
    .addColumn('org_name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text')
    .addColumn('is_public', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('opinion_ends_on', 'text')
    .addColumn('published_on', 'text')
    .addColumn('self_assessment', 'text')
    .addColumn('leader_grade', 'text')
    .addColumn('satisfaction', 'real')
    .addColumn('graded_on', 'text')
    .addColumn('last_review_on', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('cm_commitments_path_year')
    .on('cm_commitments')
    .columns(['org_path', 'year'])
    .execute();
  await db.schema
    .createIndex('cm_commitments_org')
    .on('cm_commitments')
    .columns(['org_id', 'status'])
    .execute();

  await withId(db.schema.createTable('cm_opinions'), d)
    .addColumn('commitment_id', 'integer', (c) => c.notNull().references('cm_commitments.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('contact', 'text')
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('handling', 'text')
    .addColumn('handled_by', 'integer')
    .addColumn('handled_at', 'text')
    .execute();
  await db.schema.createIndex('cm_opinions_commitment').on('cm_opinions').column('commitment_id').execute();

  await withId(db.schema.createTable('cm_progress'), d)
    .addColumn('commitment_id', 'integer', (c) => c.notNull().references('cm_commitments.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer')
    .addColumn('actor_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cm_progress_commitment').on('cm_progress').column('commitment_id').execute();

  await withId(db.schema.createTable('cm_reviews'), d)
    .addColumn('commitment_id', 'integer', (c) => c.notNull().references('cm_commitments.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('reviewer_person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('reviewer_name', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('grade', 'text', (c) => c.notNull())
    .addColumn('reviewed_on', 'text', (c) => c.notNull())
    .addColumn('rectification_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cm_reviews_commitment').on('cm_reviews').column('commitment_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
