import type { Kysely } from 'kysely';
import { detectDialect, pathType, withId } from './migration-helpers.ts';

// A member's own request to transfer their 组织关系 (issue 4, item 8): filed on /roster/me, seen by
// the sending branch, which turns it into a normal transfer (in or out of the system) or declines it.
export async function up(db: Kysely<any>): Promise<void> {
  const d = await detectDialect(db);
  await withId(db.schema.createTable('roster_transfer_requests'), d)
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('destination_kind', 'text', (c) => c.notNull())
    .addColumn('to_org_id', 'integer', (c) => c.references('orgs.id'))
    .addColumn('outside_org_name', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decline_reason', 'text')
    .addColumn('transfer_id', 'integer', (c) => c.references('roster_transfers.id'))
    .addColumn('external_id', 'integer', (c) => c.references('roster_external_transfers.id'))
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('roster_transfer_requests_path_idx')
    .on('roster_transfer_requests')
    .columns(['org_path', 'status'])
    .execute();
  await db.schema
    .createIndex('roster_transfer_requests_person_idx')
    .on('roster_transfer_requests')
    .column('person_id')
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
