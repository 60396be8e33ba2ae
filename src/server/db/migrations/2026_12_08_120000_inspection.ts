import type { Kysely } from 'kysely';
import { detectDialect, pathType, withId } from './migration-helpers.ts';

// 督查 (issue 18): plans, targets, visits with findings and photos; 通报 with recipients,
// examples and read receipts.
export async function up(db: Kysely<any>): Promise<void> {
  const d = await detectDialect(db);
  await withId(db.schema.createTable('insp_plans'), d)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('org_name', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('period_from', 'text', (c) => c.notNull())
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('inspectors', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('insp_plans_path_year')
    .on('insp_plans')
    .columns(['org_path', 'year'])
    .execute();

  await withId(db.schema.createTable('insp_targets'), d)
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('insp_plans.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('org_name', 'text', (c) => c.notNull())
    .addColumn('planned_on', 'text', (c) => c.notNull())
    .addColumn('plan_org_path', pathType(d), (c) => c.notNull())
    .addUniqueConstraint('insp_targets_plan_org', ['plan_id', 'org_id'])
    .execute();
  await db.schema.createIndex('insp_targets_plan_path').on('insp_targets').column('plan_org_path').execute();

  await withId(db.schema.createTable('insp_visits'), d)
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('insp_plans.id'))
    .addColumn('target_id', 'integer', (c) => c.notNull().references('insp_targets.id').unique())
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('org_name', 'text', (c) => c.notNull())
    .addColumn('plan_org_path', pathType(d), (c) => c.notNull())
    .addColumn('visited_on', 'text', (c) => c.notNull())
    .addColumn('inspectors', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('checklist', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('conclusion', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('insp_visits_path')
    .on('insp_visits')
    .columns(['org_path', 'visited_on'])
    .execute();

  await withId(db.schema.createTable('insp_findings'), d)
    .addColumn('visit_id', 'integer', (c) => c.notNull().references('insp_visits.id'))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('insp_plans.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('plan_org_path', pathType(d), (c) => c.notNull())
    .addColumn('item_code', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('recorded_on', 'text', (c) => c.notNull())
    .addColumn('rect_item_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('insp_findings_visit').on('insp_findings').column('visit_id').execute();
  await db.schema.createIndex('insp_findings_path').on('insp_findings').column('org_path').execute();
  await db.schema
    .createIndex('insp_findings_plan_path')
    .on('insp_findings')
    .column('plan_org_path')
    .execute();

  await withId(db.schema.createTable('insp_photos'), d)
    .addColumn('visit_id', 'integer', (c) => c.notNull().references('insp_visits.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('insp_photos_visit').on('insp_photos').column('visit_id').execute();

  await withId(db.schema.createTable('insp_bulletins'), d)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('org_name', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('insp_bulletins_path').on('insp_bulletins').column('org_path').execute();

  await withId(db.schema.createTable('insp_bulletin_recipients'), d)
    .addColumn('bulletin_id', 'integer', (c) => c.notNull().references('insp_bulletins.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('org_name', 'text', (c) => c.notNull())
    .addUniqueConstraint('insp_bulletin_recipients_org', ['bulletin_id', 'org_id'])
    .execute();
  await db.schema
    .createIndex('insp_bulletin_recipients_path')
    .on('insp_bulletin_recipients')
    .column('org_path')
    .execute();

  await withId(db.schema.createTable('insp_bulletin_examples'), d)
    .addColumn('bulletin_id', 'integer', (c) => c.notNull().references('insp_bulletins.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('org_id', 'integer', (c) => c.references('orgs.id'))
    .addColumn('org_name', 'text')
    .addColumn('visit_id', 'integer', (c) => c.references('insp_visits.id'))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('insp_bulletin_examples_b')
    .on('insp_bulletin_examples')
    .column('bulletin_id')
    .execute();

  await withId(db.schema.createTable('insp_bulletin_receipts'), d)
    .addColumn('bulletin_id', 'integer', (c) => c.notNull().references('insp_bulletins.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('user_name', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('insp_bulletin_receipts_user', ['bulletin_id', 'user_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'insp_bulletin_receipts',
    'insp_bulletin_examples',
    'insp_bulletin_recipients',
    'insp_bulletins',
    'insp_photos',
    'insp_findings',
    'insp_visits',
    'insp_targets',
    'insp_plans',
  ])
    await db.schema.dropTable(t).ifExists().execute();
}
