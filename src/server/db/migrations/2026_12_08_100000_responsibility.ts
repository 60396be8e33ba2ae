import type { Kysely } from 'kysely';
import { detectDialect, pathType, withId } from './migration-helpers.ts';

// 党建责任制 (issue 18): 责任清单 items and progress, 责任书, 问责 records.
export async function up(db: Kysely<any>): Promise<void> {
  const d = await detectDialect(db);
  await withId(db.schema.createTable('resp_items'), d)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('person_name', 'text', (c) => c.notNull())
    .addColumn('post', 'text', (c) => c.notNull())
    .addColumn('duty_kind', 'text', (c) => c.notNull())
    .addColumn('contact_org_id', 'integer', (c) => c.references('orgs.id'))
    .addColumn('contact_org_name', 'text')
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('evidence_requirement', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('completed_on', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('resp_items_path_year')
    .on('resp_items')
    .columns(['org_path', 'year'])
    .execute();
  await db.schema.createIndex('resp_items_org_year').on('resp_items').columns(['org_id', 'year']).execute();

  await withId(db.schema.createTable('resp_progress'), d)
    .addColumn('item_id', 'integer', (c) => c.notNull().references('resp_items.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('completes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('actor_user_id', 'integer')
    .addColumn('actor_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('resp_progress_item').on('resp_progress').column('item_id').execute();

  await withId(db.schema.createTable('resp_letters'), d)
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('issuer_org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('issuer_org_path', pathType(d), (c) => c.notNull())
    .addColumn('issuer_org_name', 'text', (c) => c.notNull())
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('org_name', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('acknowledged_on', 'text')
    .addColumn('acknowledged_by', 'integer')
    .addColumn('acknowledged_name', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('resp_letters_path_year')
    .on('resp_letters')
    .columns(['org_path', 'year'])
    .execute();
  await db.schema
    .createIndex('resp_letters_issuer_year')
    .on('resp_letters')
    .columns(['issuer_org_path', 'year'])
    .execute();

  await withId(db.schema.createTable('acc_records'), d)
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('person_name', 'text', (c) => c.notNull())
    .addColumn('post', 'text', (c) => c.notNull())
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('org_name', 'text', (c) => c.notNull())
    .addColumn('rect_item_id', 'integer')
    .addColumn('alert_id', 'integer')
    .addColumn('proposer_org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('proposer_org_path', pathType(d), (c) => c.notNull())
    .addColumn('proposer_org_name', 'text', (c) => c.notNull())
    .addColumn('approver_org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('approver_org_path', pathType(d), (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('proposed_by', 'integer', (c) => c.notNull())
    .addColumn('proposed_name', 'text', (c) => c.notNull())
    .addColumn('proposed_on', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'integer')
    .addColumn('decided_name', 'text')
    .addColumn('decided_on', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('acc_records_proposer').on('acc_records').column('proposer_org_path').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['acc_records', 'resp_letters', 'resp_progress', 'resp_items'])
    await db.schema.dropTable(t).ifExists().execute();
}
