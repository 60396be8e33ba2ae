import type { Kysely } from 'kysely';
import { detectDialect, pathType, withId } from './migration-helpers.ts';

// 留党察看 (issue 16): a disciplinary status with a start and an end date (1 or 2 years), the
// decision document, and how it ended (恢复党员权利 on expiry, or 撤销 when the decision is
// revoked). A member is under it on day D when start_on <= D < (ended_on if earlier, else end_on).
// org_path is the member's branch when recorded (scope of the record, never rewritten).
export async function up(db: Kysely<any>): Promise<void> {
  const d = await detectDialect(db);
  await withId(db.schema.createTable('roster_discipline'), d)
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('start_on', 'text', (c) => c.notNull())
    .addColumn('end_on', 'text', (c) => c.notNull())
    .addColumn('decision_no', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('ended_on', 'text')
    .addColumn('end_outcome', 'text')
    .addColumn('end_note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('roster_discipline_person_idx').on('roster_discipline').columns(['person_id', 'start_on']).execute();
  await db.schema.createIndex('roster_discipline_path_idx').on('roster_discipline').columns(['org_path']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('roster_discipline').execute();
}
