import type { Kysely } from 'kysely';
import { detectDialect, pathType, withId } from './migration-helpers.ts';

// Org-life (issue 5, item 2): a branch's annual plan (年度计划) and its items.
export async function up(db: Kysely<any>): Promise<void> {
  const d = await detectDialect(db);
  await withId(db.schema.createTable('life_plans'), d)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('acknowledged_at', 'text')
    .addColumn('acknowledged_by', 'integer')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('life_plans_org_year_uq', ['org_id', 'year'])
    .execute();
  await db.schema
    .createIndex('life_plans_year_path_idx')
    .on('life_plans')
    .columns(['year', 'org_path'])
    .execute();

  await withId(db.schema.createTable('life_plan_items'), d)
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('life_plans.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('theme', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('life_plan_items_plan_idx')
    .on('life_plan_items')
    .columns(['plan_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('life_plan_items').execute();
  await db.schema.dropTable('life_plans').execute();
}
