import type { Kysely } from 'kysely';
import { detectDialect, pathType, withId } from './migration-helpers.ts';

// Tables of the org-life module (issue 5).
export async function up(db: Kysely<any>): Promise<void> {
  const d = await detectDialect(db);

  await withId(db.schema.createTable('life_series'), d)
    .addColumn('issuer_org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('theme', 'text', (c) => c.notNull())
    .addColumn('materials', 'text')
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('life_series_path_idx').on('life_series').columns(['org_path', 'held_on']).execute();

  await withId(db.schema.createTable('life_meetings'), d)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('start_time', 'text')
    .addColumn('place', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('series_id', 'integer', (c) => c.references('life_series.id'))
    .addColumn('agenda', 'text')
    .addColumn('minutes', 'text')
    .addColumn('resolutions', 'text')
    .addColumn('speaker', 'text')
    .addColumn('topic', 'text')
    .addColumn('minutes_chars', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('recorded_on', 'text')
    .addColumn('expected_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('present_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('leave_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('absent_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('excluded_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('life_meetings_path_idx').on('life_meetings').columns(['org_path', 'held_on']).execute();
  await db.schema.createIndex('life_meetings_org_idx').on('life_meetings').columns(['org_id', 'held_on']).execute();
  await db.schema.createIndex('life_meetings_series_idx').on('life_meetings').column('series_id').execute();

  await withId(db.schema.createTable('life_attendance'), d)
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('life_meetings.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('exclusion', 'text')
    .addColumn('method', 'text')
    .addColumn('reason', 'text')
    .addColumn('signed_at', 'text')
    .addColumn('recorded_by', 'integer')
    .addUniqueConstraint('life_attendance_meeting_person_uq', ['meeting_id', 'person_id'])
    .execute();
  await db.schema.createIndex('life_attendance_person_idx').on('life_attendance').columns(['person_id', 'meeting_id']).execute();

  await db.schema
    .createTable('life_minutes_bands')
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('life_meetings.id'))
    .addColumn('band', 'integer', (c) => c.notNull())
    .addColumn('bucket', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('life_minutes_bands_bucket_idx').on('life_minutes_bands').columns(['band', 'bucket', 'meeting_id']).execute();
  await db.schema.createIndex('life_minutes_bands_meeting_idx').on('life_minutes_bands').column('meeting_id').execute();

  // Confirmed near-duplicate minutes, both directions, found when a record is written.
  await db.schema
    .createTable('life_minutes_pairs')
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('life_meetings.id'))
    .addColumn('other_meeting_id', 'integer', (c) => c.notNull().references('life_meetings.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('other_org_path', pathType(d), (c) => c.notNull())
    .addColumn('similarity', 'real', (c) => c.notNull())
    .addPrimaryKeyConstraint('life_minutes_pairs_pk', ['meeting_id', 'other_meeting_id'])
    .execute();
  await db.schema.createIndex('life_minutes_pairs_path_idx').on('life_minutes_pairs').columns(['org_path', 'held_on']).execute();
  await db.schema.createIndex('life_minutes_pairs_other_idx').on('life_minutes_pairs').column('other_meeting_id').execute();

  await withId(db.schema.createTable('life_notifications'), d)
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('meeting_id', 'integer', (c) => c.references('life_meetings.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addColumn('digested_on', 'text')
    .execute();
  await db.schema.createIndex('life_notifications_person_idx').on('life_notifications').columns(['person_id', 'created_at']).execute();
  await db.schema.createIndex('life_notifications_digest_idx').on('life_notifications').columns(['digested_on', 'person_id']).execute();

  await withId(db.schema.createTable('life_attachments'), d)
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('life_meetings.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('life_attachments_meeting_idx').on('life_attachments').column('meeting_id').execute();

  await withId(db.schema.createTable('life_talks'), d)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('talker_person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('talkee_person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('follow_up', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('life_talks_path_idx').on('life_talks').columns(['org_path', 'held_on']).execute();

  await db.schema
    .createTable('life_compliance')
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('held', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('life_compliance_pk', ['org_id', 'type', 'period'])
    .execute();
  await db.schema.createIndex('life_compliance_path_idx').on('life_compliance').columns(['org_path', 'period']).execute();

  await db.schema
    .createTable('life_compliance_counters')
    .addColumn('ancestor_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('orgs_held', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('life_compliance_counters_pk', ['ancestor_id', 'type', 'period'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
