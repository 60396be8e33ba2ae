import { sql, type Kysely } from 'kysely';
import { detectDialect, pathType, withId } from './migration-helpers.ts';

// The alert registry (issue 17): alerts with open/closed state, counts per ancestor and code,
// and job leases for scheduled work that must run on one node at a time.
export async function up(db: Kysely<any>): Promise<void> {
  const d = await detectDialect(db);
  await withId(db.schema.createTable('alerts'), d)
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('subject_label', 'text', (c) => c.notNull())
    .addColumn('since', 'text', (c) => c.notNull())
    .addColumn('due', 'text')
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('link', 'text', (c) => c.notNull())
    .addColumn('is_open', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // One open alert per condition; closed ones are history.
  await sql`create unique index alerts_open_key on alerts (code, subject_type, subject_id) where is_open = 1`.execute(
    db,
  );
  await db.schema
    .createIndex('alerts_open_path_idx')
    .on('alerts')
    .columns(['is_open', 'org_path', 'code'])
    .execute();
  await db.schema
    .createTable('alert_counts')
    .addColumn('ancestor_id', 'integer', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('alert_counts_pk', ['ancestor_id', 'code'])
    .execute();
  await db.schema
    .createTable('job_leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('until', 'text', (c) => c.notNull())
    .addColumn('last_started_at', 'text')
    .addColumn('last_finished_at', 'text')
    .addColumn('last_result', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('job_leases').execute();
  await db.schema.dropTable('alert_counts').execute();
  await db.schema.dropTable('alerts').execute();
}
