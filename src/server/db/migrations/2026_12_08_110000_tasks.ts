import type { Kysely } from 'kysely';
import { detectDialect, pathType, withId } from './migration-helpers.ts';

// 工作任务 (issue 18): tasks issued down the tree and each receiving organisation's report.
export async function up(db: Kysely<any>): Promise<void> {
  const d = await detectDialect(db);
  await withId(db.schema.createTable('task_tasks'), d)
    .addColumn('issuer_org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('issuer_path', pathType(d), (c) => c.notNull())
    .addColumn('issuer_name', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target_mode', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('attachments', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('form_columns', 'text')
    .addColumn('over_cap', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // The outbox and the monthly 减负 count read by issuer and month.
  await db.schema
    .createIndex('task_tasks_issuer_idx')
    .on('task_tasks')
    .columns(['issuer_org_id', 'issued_on'])
    .execute();
  await db.schema.createIndex('task_tasks_path_idx').on('task_tasks').columns(['issuer_path']).execute();
  await withId(db.schema.createTable('task_targets'), d)
    .addColumn('task_id', 'integer', (c) => c.notNull().references('task_tasks.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('org_name', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('report_text', 'text')
    .addColumn('report_attachments', 'text')
    .addColumn('report_rows', 'text')
    .addColumn('submitted_on', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_by', 'integer', (c) => c.references('users.id'))
    .addColumn('return_reason', 'text')
    .addColumn('returned_at', 'text')
    .addColumn('returned_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_urged_at', 'text')
    .execute();
  await db.schema
    .createIndex('task_targets_key')
    .on('task_targets')
    .columns(['task_id', 'org_id'])
    .unique()
    .execute();
  // Inboxes, alerts and the indicator scan targets by path.
  await db.schema.createIndex('task_targets_path_idx').on('task_targets').columns(['org_path']).execute();
  await db.schema.createIndex('task_targets_org_idx').on('task_targets').columns(['org_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('task_targets').execute();
  await db.schema.dropTable('task_tasks').execute();
}
