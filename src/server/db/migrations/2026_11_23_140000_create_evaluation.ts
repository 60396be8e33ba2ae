import { sql, type Kysely } from 'kysely';
import { detectDialect, pathType, withId } from './migration-helpers.ts';

// Tables of the evaluation module (issue 7): 述职评议 campaigns, the voting engine,
// the rectification engine, 民主评议党员 and 不合格党员处置.
export async function up(db: Kysely<any>): Promise<void> {
  const d = await detectDialect(db);
  const path = pathType(d);

  await withId(db.schema.createTable('eval_campaigns'), d)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', path, (c) => c.notNull())
    .addColumn('parent_campaign_id', 'integer')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('meeting_on', 'text')
    .addColumn('weights', 'text', (c) => c.notNull())
    .addColumn('box_id', 'integer')
    .addColumn('publish_scope_path', path)
    .addColumn('published_at', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('eval_campaigns_path')
    .on('eval_campaigns')
    .columns(['org_path', 'year'])
    .execute();
  await db.schema
    .createIndex('eval_campaigns_parent')
    .on('eval_campaigns')
    .column('parent_campaign_id')
    .execute();

  await withId(db.schema.createTable('eval_subjects'), d)
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('eval_campaigns.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', path, (c) => c.notNull())
    .addColumn('org_code', 'text', (c) => c.notNull())
    .addColumn('org_name', 'text', (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('report_order', 'integer', (c) => c.notNull())
    .addColumn('report_text', 'text')
    .addColumn('problems', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('attachments', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('submitted_at', 'text')
    .addColumn('comment_text', 'text')
    .addColumn('comment_grade', 'text')
    .addColumn('indicators', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('score_x10', 'integer')
    .addColumn('grade', 'text')
    .addColumn('tally', 'text')
    .addUniqueConstraint('eval_subjects_campaign_org', ['campaign_id', 'org_id'])
    .execute();
  await db.schema.createIndex('eval_subjects_person').on('eval_subjects').column('person_id').execute();

  await withId(db.schema.createTable('eval_interviews'), d)
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('eval_campaigns.id'))
    .addColumn('subject_id', 'integer', (c) => c.notNull().references('eval_subjects.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', path, (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('held_on', 'text')
    .addColumn('notes', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('eval_interviews_campaign')
    .on('eval_interviews')
    .column('campaign_id')
    .execute();

  await withId(db.schema.createTable('vote_boxes'), d)
    .addColumn('org_path', path, (c) => c.notNull())
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('source_id', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('scheme', 'text', (c) => c.notNull())
    .addColumn('subjects', 'text', (c) => c.notNull())
    .addColumn('anonymous', 'integer', (c) => c.notNull())
    .addColumn('expected_voters', 'integer', (c) => c.notNull())
    .addColumn('issued_tokens', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema
    .createIndex('vote_boxes_source')
    .on('vote_boxes')
    .columns(['source_type', 'source_id'])
    .execute();

  // Anonymity: tokens and ballots share no column but the box, carry no time, and on SQLite
  // are stored WITHOUT ROWID (ordered by their random key, not by insertion).
  const noRowid = d === 'sqlite' ? sql`without rowid` : sql``;
  await db.schema
    .createTable('vote_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('box_id', 'integer', (c) => c.notNull().references('vote_boxes.id'))
    .addColumn('used', 'integer', (c) => c.notNull())
    .modifyEnd(noRowid)
    .execute();
  await db.schema
    .createTable('vote_ballots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('box_id', 'integer', (c) => c.notNull().references('vote_boxes.id'))
    .addColumn('marks', 'text', (c) => c.notNull())
    .addColumn('paper', 'integer', (c) => c.notNull())
    .addColumn('voter_person_id', 'integer')
    .modifyEnd(noRowid)
    .execute();
  await db.schema.createIndex('vote_ballots_box').on('vote_ballots').column('box_id').execute();
  await db.schema
    .createTable('vote_participants')
    .addColumn('box_id', 'integer', (c) => c.notNull().references('vote_boxes.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('vote_participants_pk', ['box_id', 'person_id'])
    .modifyEnd(noRowid)
    .execute();

  await withId(db.schema.createTable('rect_items'), d)
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('source_id', 'integer')
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', path, (c) => c.notNull())
    .addColumn('owner_person_id', 'integer')
    .addColumn('owner_name', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text')
    .addColumn('reopened_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('closed_at', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('rect_items_path')
    .on('rect_items')
    .columns(['org_path', 'status', 'deadline'])
    .execute();
  await db.schema
    .createIndex('rect_items_source')
    .on('rect_items')
    .columns(['source_type', 'source_id'])
    .execute();

  await withId(db.schema.createTable('rect_progress'), d)
    .addColumn('item_id', 'integer', (c) => c.notNull().references('rect_items.id'))
    .addColumn('org_path', path, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text')
    .addColumn('actor_user_id', 'integer')
    .addColumn('actor_name', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rect_progress_item').on('rect_progress').column('item_id').execute();

  await withId(db.schema.createTable('member_reviews'), d)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', path, (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('study_note', 'text')
    .addColumn('box_id', 'integer')
    .addColumn('report_to_upper', 'integer', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('published_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('member_reviews_org_year', ['org_id', 'year'])
    .execute();
  await db.schema
    .createIndex('member_reviews_path')
    .on('member_reviews')
    .columns(['org_path', 'year'])
    .execute();

  await withId(db.schema.createTable('member_review_entries'), d)
    .addColumn('review_id', 'integer', (c) => c.notNull().references('member_reviews.id'))
    .addColumn('org_path', path, (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('self_text', 'text')
    .addColumn('self_at', 'text')
    .addColumn('grade', 'text')
    .addColumn('reason', 'text')
    .addUniqueConstraint('member_review_entries_person', ['review_id', 'person_id'])
    .execute();
  await db.schema
    .createIndex('member_review_entries_path')
    .on('member_review_entries')
    .columns(['org_path', 'grade'])
    .execute();

  await withId(db.schema.createTable('member_dispositions'), d)
    .addColumn('entry_id', 'integer', (c) => c.notNull().references('member_review_entries.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', path, (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text', (c) => c.notNull())
    .addColumn('correct_until', 'text')
    .addColumn('no_readmission_until', 'text')
    .addColumn('branch_vote', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('member_dispositions_path')
    .on('member_dispositions')
    .column('org_path')
    .execute();
  await db.schema
    .createIndex('member_dispositions_person')
    .on('member_dispositions')
    .column('person_id')
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
