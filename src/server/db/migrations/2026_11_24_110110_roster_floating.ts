import type { Kysely } from 'kysely';
import { detectDialect, pathType, withId } from './migration-helpers.ts';

// 流动党员 registrations (out-flow and in-flow) and their contact records (issue 4).
export async function up(db: Kysely<any>): Promise<void> {
  const d = await detectDialect(db);
  await withId(db.schema.createTable('roster_floating'), d)
    .addColumn('person_id', 'integer', (c) => c.references('persons.id'))
    .addColumn('person_name', 'text', (c) => c.notNull())
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('destination', 'text', (c) => c.notNull())
    .addColumn('origin', 'text')
    .addColumn('since', 'text', (c) => c.notNull())
    .addColumn('ended_on', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('roster_floating_path_idx')
    .on('roster_floating')
    .columns(['org_path', 'ended_on'])
    .execute();
  await db.schema
    .createIndex('roster_floating_person_idx')
    .on('roster_floating')
    .column('person_id')
    .execute();

  await withId(db.schema.createTable('roster_floating_contacts'), d)
    .addColumn('floating_id', 'integer', (c) => c.notNull().references('roster_floating.id'))
    .addColumn('contacted_on', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('joined_local_life', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('roster_floating_contacts_idx')
    .on('roster_floating_contacts')
    .columns(['floating_id', 'contacted_on'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
