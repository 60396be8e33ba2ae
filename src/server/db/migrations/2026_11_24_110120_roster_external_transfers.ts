import type { Kysely } from 'kysely';
import { detectDialect, pathType, withId } from './migration-helpers.ts';

// 组织关系 transfers across the system's boundary (issue 4): out with a 介绍信 and its 回执,
// in registered with the sender's letter number.
export async function up(db: Kysely<any>): Promise<void> {
  const d = await detectDialect(db);
  await withId(db.schema.createTable('roster_external_transfers'), d)
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.references('persons.id'))
    .addColumn('person_name', 'text', (c) => c.notNull())
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('other_org_name', 'text', (c) => c.notNull())
    .addColumn('letter_number', 'text')
    .addColumn('reason', 'text')
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text')
    .addColumn('slip_returned_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('roster_external_transfers_path_idx')
    .on('roster_external_transfers')
    .columns(['org_path', 'status'])
    .execute();
  await db.schema
    .createIndex('roster_external_transfers_person_idx')
    .on('roster_external_transfers')
    .column('person_id')
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
