import type { Kysely } from 'kysely';
import { detectDialect, pathType, withId } from './migration-helpers.ts';

// Commitments module (issue 8), second part: 两优一先 rounds and nominations, 联系点 links,
// 践诺 photos, and the 评诺 satisfaction box.
export async function up(db: Kysely<any>): Promise<void> {
  const d = await detectDialect(db);
  await db.schema.alterTable('cm_commitments').addColumn('satisfaction_box_id', 'integer').execute();

  await withId(db.schema.createTable('cm_commendation_rounds'), d)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('org_name', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('nominate_from', 'text', (c) => c.notNull())
    .addColumn('nominate_to', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('publicity_from', 'text')
    .addColumn('publicity_ends_on', 'text')
    .addColumn('publicity_working_days', 'integer')
    .addColumn('archived_on', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('cm_commendation_rounds_path_year')
    .on('cm_commendation_rounds')
    .columns(['org_path', 'year'])
    .execute();

  await withId(db.schema.createTable('cm_nominations'), d)
    .addColumn('round_id', 'integer', (c) => c.notNull().references('cm_commendation_rounds.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('org_name', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('nominee_person_id', 'integer', (c) => c.references('persons.id'))
    .addColumn('nominee_org_id', 'integer', (c) => c.references('orgs.id'))
    .addColumn('nominee_name', 'text', (c) => c.notNull())
    .addColumn('nominee_org_name', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decision_reason', 'text')
    .addColumn('decided_on', 'text')
    .addColumn('decided_by', 'integer')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('cm_nominations_round')
    .on('cm_nominations')
    .columns(['round_id', 'status'])
    .execute();
  await db.schema.createIndex('cm_nominations_path').on('cm_nominations').column('org_path').execute();

  await withId(db.schema.createTable('cm_liaisons'), d)
    .addColumn('committee_org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('committee_path', pathType(d), (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('person_name', 'text', (c) => c.notNull())
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cm_liaisons_org').on('cm_liaisons').columns(['org_id', 'person_id']).execute();
  await db.schema.createIndex('cm_liaisons_committee').on('cm_liaisons').column('committee_path').execute();

  await withId(db.schema.createTable('cm_photos'), d)
    .addColumn('commitment_id', 'integer', (c) => c.notNull().references('cm_commitments.id'))
    .addColumn('progress_id', 'integer', (c) => c.notNull().references('cm_progress.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cm_photos_progress').on('cm_photos').column('progress_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
