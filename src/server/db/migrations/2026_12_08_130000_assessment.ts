import type { Kysely } from 'kysely';
import { detectDialect, pathType, withId } from './migration-helpers.ts';

// 考核 (issue 18): stored scores, weights per organisation/year/level, manual indicator points.
export async function up(db: Kysely<any>): Promise<void> {
  const d = await detectDialect(db);
  await withId(db.schema.createTable('assess_scores'), d)
    .addColumn('assessor_org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('org_code', 'text', (c) => c.notNull())
    .addColumn('org_name', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('total', 'double precision', (c) => c.notNull())
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('indicators', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('assess_scores_org_year', ['org_id', 'year'])
    .execute();
  await db.schema
    .createIndex('assess_scores_assessor')
    .on('assess_scores')
    .columns(['assessor_org_id', 'year'])
    .execute();
  await db.schema
    .createIndex('assess_scores_path')
    .on('assess_scores')
    .columns(['org_path', 'year'])
    .execute();

  await withId(db.schema.createTable('assess_weights'), d)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('weights', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('assess_weights_org_year_level', ['org_id', 'year', 'level'])
    .execute();

  await withId(db.schema.createTable('assess_manual'), d)
    .addColumn('assessor_org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('entered_by', 'integer')
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('assess_manual_org_year_key', ['org_id', 'year', 'key'])
    .execute();
  await db.schema
    .createIndex('assess_manual_path')
    .on('assess_manual')
    .columns(['org_path', 'year'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('assess_manual').ifExists().execute();
  await db.schema.dropTable('assess_weights').ifExists().execute();
  await db.schema.dropTable('assess_scores').ifExists().execute();
}
