import type { Kysely } from 'kysely';
import { detectDialect, pathType, withId } from './migration-helpers.ts';

// 在职党员到社区报到 (issue 4, item 6): a member's registration with a community branch (possibly
// outside the member's own subtree) and the volunteer service the community records.
export async function up(db: Kysely<any>): Promise<void> {
  const d = await detectDialect(db);
  await withId(db.schema.createTable('roster_community_registrations'), d)
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('home_org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('home_org_path', pathType(d), (c) => c.notNull())
    .addColumn('community_org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('community_org_path', pathType(d), (c) => c.notNull())
    .addColumn('registered_on', 'text', (c) => c.notNull())
    .addColumn('ended_on', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('roster_community_reg_home_idx')
    .on('roster_community_registrations')
    .column('home_org_path')
    .execute();
  await db.schema
    .createIndex('roster_community_reg_community_idx')
    .on('roster_community_registrations')
    .column('community_org_path')
    .execute();
  await db.schema
    .createIndex('roster_community_reg_person_idx')
    .on('roster_community_registrations')
    .column('person_id')
    .execute();
  await withId(db.schema.createTable('roster_volunteer_services'), d)
    .addColumn('registration_id', 'integer', (c) =>
      c.notNull().references('roster_community_registrations.id'),
    )
    .addColumn('served_on', 'text', (c) => c.notNull())
    .addColumn('activity', 'text', (c) => c.notNull())
    /** Hours × 2 (half-hour steps), an integer on both engines. */
    .addColumn('half_hours', 'integer', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('roster_volunteer_services_reg_idx')
    .on('roster_volunteer_services')
    .columns(['registration_id', 'served_on'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
