import type { Kysely } from 'kysely';

// 在职党员到社区报到 (issue 4): ending a registration (报到结束: moved house, changed job) records
// when, why and by whom; a corrected volunteer service record says who corrected it and when.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('roster_community_registrations').addColumn('end_reason', 'text').execute();
  await db.schema.alterTable('roster_community_registrations').addColumn('ended_by', 'text').execute();
  await db.schema.alterTable('roster_community_registrations').addColumn('ended_at', 'text').execute();
  await db.schema.alterTable('roster_volunteer_services').addColumn('updated_by', 'text').execute();
  await db.schema.alterTable('roster_volunteer_services').addColumn('updated_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('roster_volunteer_services').dropColumn('updated_at').execute();
  await db.schema.alterTable('roster_volunteer_services').dropColumn('updated_by').execute();
  await db.schema.alterTable('roster_community_registrations').dropColumn('ended_at').execute();
  await db.schema.alterTable('roster_community_registrations').dropColumn('ended_by').execute();
  await db.schema.alterTable('roster_community_registrations').dropColumn('end_reason').execute();
}
