import type { Kysely } from 'kysely';

// 终止发展 / 取消预备党员资格: when and why a candidate's pipeline was closed (issue 6).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('dev_candidates').addColumn('closed_on', 'text').execute();
  await db.schema.alterTable('dev_candidates').addColumn('closed_reason', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('dev_candidates').dropColumn('closed_reason').execute();
  await db.schema.alterTable('dev_candidates').dropColumn('closed_on').execute();
}
