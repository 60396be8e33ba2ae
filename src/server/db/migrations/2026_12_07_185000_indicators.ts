import type { Kysely } from 'kysely';

// Indicators (issue 17 workbench KPIs): one row per organisation × indicator × month, rolled up
// the tree when computed, so a subtree's figure, its children's ranking and its 12-month trend
// are read, not recomputed.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('indicator_values')
    .addColumn('org_id', 'integer', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('num', 'double precision', (c) => c.notNull())
    .addColumn('den', 'double precision')
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('indicator_values_pk', ['org_id', 'key', 'period'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('indicator_values').execute();
}
