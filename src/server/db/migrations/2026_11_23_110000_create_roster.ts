import type { Kysely } from 'kysely';
import { detectDialect, pathType, withId } from './migration-helpers.ts';

// Tables of the roster module (issue 4).
export async function up(db: Kysely<any>): Promise<void> {
  const d = await detectDialect(db);

  await db.schema
    .createTable('roster_profiles')
    .addColumn('person_id', 'integer', (c) => c.primaryKey().references('persons.id'))
    .addColumn('native_place', 'text')
    .addColumn('degree', 'text')
    .addColumn('work_unit', 'text')
    .addColumn('post', 'text')
    .addColumn('identity', 'text')
    .addColumn('address_enc', 'text')
    .addColumn('party_status', 'text', (c) => c.notNull().defaultTo('正常'))
    .addColumn('party_status_reason', 'text')
    .addColumn('party_status_on', 'text')
    .addColumn('floating', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('floating_destination', 'text')
    .addColumn('floating_since', 'text')
    .addColumn('hardship', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('community_report', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('community_org_id', 'integer', (c) => c.references('orgs.id'))
    .addColumn('group_org_id', 'integer', (c) => c.references('orgs.id'))
    .addColumn('group_since', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('roster_profiles_community_idx').on('roster_profiles').column('community_org_id').execute();

  await withId(db.schema.createTable('roster_import_jobs'), d)
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('scope_path', pathType(d), (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('dry_run', 'integer', (c) => c.notNull())
    .addColumn('allow_partial', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('valid', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('imported', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('errors_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('file_error', 'text')
    .addColumn('error_workbook_enc', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('roster_import_jobs_user_idx').on('roster_import_jobs').columns(['user_id', 'id']).execute();

  await withId(db.schema.createTable('roster_transfers'), d)
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('from_org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('from_org_path', pathType(d), (c) => c.notNull())
    .addColumn('to_org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('to_org_path', pathType(d), (c) => c.notNull())
    .addColumn('approver_path', pathType(d))
    .addColumn('reached_receiver', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('return_reason', 'text')
    .addColumn('initiated_by', 'text', (c) => c.notNull())
    .addColumn('initiated_at', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('effective_on', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('roster_transfers_from_idx').on('roster_transfers').columns(['from_org_path', 'status']).execute();
  await db.schema.createIndex('roster_transfers_to_idx').on('roster_transfers').columns(['to_org_path', 'status']).execute();
  await db.schema.createIndex('roster_transfers_person_idx').on('roster_transfers').columns(['person_id', 'status']).execute();
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
