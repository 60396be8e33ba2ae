import { sql, type Kysely } from 'kysely';

// 毕业生党员组织关系 (issue 4, rulebook roster.graduate.maxYears): the graduation day and whether the
// relationship is kept at the school after graduating (毕业后组织关系暂留), on the member profile.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('roster_profiles').addColumn('graduated_on', 'text').execute();
  await db.schema
    .alterTable('roster_profiles')
    .addColumn('graduate_retained', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // The graduates list: few retained profiles, read most urgent (earliest graduation) first.
  await db.schema
    .createIndex('roster_profiles_graduate_idx')
    .on('roster_profiles')
    .columns(['graduated_on', 'person_id'])
    .where(sql.ref('graduate_retained'), '=', 1)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('roster_profiles_graduate_idx').execute();
  await db.schema.alterTable('roster_profiles').dropColumn('graduate_retained').execute();
  await db.schema.alterTable('roster_profiles').dropColumn('graduated_on').execute();
}
