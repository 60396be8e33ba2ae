import type { Kysely } from 'kysely';
import { detectDialect, pathType, withId } from './migration-helpers.ts';

// Tables of the development module (issue 6): candidates, recorded steps, the working-day
// calendar (seeded with the State Council's holiday arrangements; administrators extend it)
// and the annual development quotas of 党委s.

const SOURCES = [
  '国务院办公厅关于2024年部分节假日安排的通知',
  '国务院办公厅关于2025年部分节假日安排的通知',
  '国务院办公厅关于2026年部分节假日安排的通知',
  '全国年节及纪念日放假办法（法定假日；2027年调休安排待国务院办公厅公布后由管理员补录）',
];

/** [day, kind, name, source index] */
const CALENDAR: Array<[string, string, string, number]> = [
  ['2024-01-01', 'holiday', '元旦', 0],
  ['2024-02-04', 'workday', '春节调休上班', 0],
  ['2024-02-10', 'holiday', '春节', 0],
  ['2024-02-11', 'holiday', '春节', 0],
  ['2024-02-12', 'holiday', '春节', 0],
  ['2024-02-13', 'holiday', '春节', 0],
  ['2024-02-14', 'holiday', '春节', 0],
  ['2024-02-15', 'holiday', '春节', 0],
  ['2024-02-16', 'holiday', '春节', 0],
  ['2024-02-17', 'holiday', '春节', 0],
  ['2024-02-18', 'workday', '春节调休上班', 0],
  ['2024-04-04', 'holiday', '清明节', 0],
  ['2024-04-05', 'holiday', '清明节', 0],
  ['2024-04-06', 'holiday', '清明节', 0],
  ['2024-04-07', 'workday', '清明节调休上班', 0],
  ['2024-04-28', 'workday', '劳动节调休上班', 0],
  ['2024-05-01', 'holiday', '劳动节', 0],
  ['2024-05-02', 'holiday', '劳动节', 0],
  ['2024-05-03', 'holiday', '劳动节', 0],
  ['2024-05-04', 'holiday', '劳动节', 0],
  ['2024-05-05', 'holiday', '劳动节', 0],
  ['2024-05-11', 'workday', '劳动节调休上班', 0],
  ['2024-06-10', 'holiday', '端午节', 0],
  ['2024-09-14', 'workday', '中秋节调休上班', 0],
  ['2024-09-15', 'holiday', '中秋节', 0],
  ['2024-09-16', 'holiday', '中秋节', 0],
  ['2024-09-17', 'holiday', '中秋节', 0],
  ['2024-09-29', 'workday', '国庆节调休上班', 0],
  ['2024-10-01', 'holiday', '国庆节', 0],
  ['2024-10-02', 'holiday', '国庆节', 0],
  ['2024-10-03', 'holiday', '国庆节', 0],
  ['2024-10-04', 'holiday', '国庆节', 0],
  ['2024-10-05', 'holiday', '国庆节', 0],
  ['2024-10-06', 'holiday', '国庆节', 0],
  ['2024-10-07', 'holiday', '国庆节', 0],
  ['2024-10-12', 'workday', '国庆节调休上班', 0],
  ['2025-01-01', 'holiday', '元旦', 1],
  ['2025-01-26', 'workday', '春节调休上班', 1],
  ['2025-01-28', 'holiday', '春节', 1],
  ['2025-01-29', 'holiday', '春节', 1],
  ['2025-01-30', 'holiday', '春节', 1],
  ['2025-01-31', 'holiday', '春节', 1],
  ['2025-02-01', 'holiday', '春节', 1],
  ['2025-02-02', 'holiday', '春节', 1],
  ['2025-02-03', 'holiday', '春节', 1],
  ['2025-02-04', 'holiday', '春节', 1],
  ['2025-02-08', 'workday', '春节调休上班', 1],
  ['2025-04-04', 'holiday', '清明节', 1],
  ['2025-04-05', 'holiday', '清明节', 1],
  ['2025-04-06', 'holiday', '清明节', 1],
  ['2025-04-27', 'workday', '劳动节调休上班', 1],
  ['2025-05-01', 'holiday', '劳动节', 1],
  ['2025-05-02', 'holiday', '劳动节', 1],
  ['2025-05-03', 'holiday', '劳动节', 1],
  ['2025-05-04', 'holiday', '劳动节', 1],
  ['2025-05-05', 'holiday', '劳动节', 1],
  ['2025-05-31', 'holiday', '端午节', 1],
  ['2025-06-01', 'holiday', '端午节', 1],
  ['2025-06-02', 'holiday', '端午节', 1],
  ['2025-09-28', 'workday', '国庆节调休上班', 1],
  ['2025-10-01', 'holiday', '国庆节、中秋节', 1],
  ['2025-10-02', 'holiday', '国庆节、中秋节', 1],
  ['2025-10-03', 'holiday', '国庆节、中秋节', 1],
  ['2025-10-04', 'holiday', '国庆节、中秋节', 1],
  ['2025-10-05', 'holiday', '国庆节、中秋节', 1],
  ['2025-10-06', 'holiday', '国庆节、中秋节', 1],
  ['2025-10-07', 'holiday', '国庆节、中秋节', 1],
  ['2025-10-08', 'holiday', '国庆节、中秋节', 1],
  ['2025-10-11', 'workday', '国庆节调休上班', 1],
  ['2026-01-01', 'holiday', '元旦', 2],
  ['2026-01-02', 'holiday', '元旦', 2],
  ['2026-01-03', 'holiday', '元旦', 2],
  ['2026-01-04', 'workday', '元旦调休上班', 2],
  ['2026-02-14', 'workday', '春节调休上班', 2],
  ['2026-02-15', 'holiday', '春节', 2],
  ['2026-02-16', 'holiday', '春节', 2],
  ['2026-02-17', 'holiday', '春节', 2],
  ['2026-02-18', 'holiday', '春节', 2],
  ['2026-02-19', 'holiday', '春节', 2],
  ['2026-02-20', 'holiday', '春节', 2],
  ['2026-02-21', 'holiday', '春节', 2],
  ['2026-02-22', 'holiday', '春节', 2],
  ['2026-02-23', 'holiday', '春节', 2],
  ['2026-02-28', 'workday', '春节调休上班', 2],
  ['2026-04-04', 'holiday', '清明节', 2],
  ['2026-04-05', 'holiday', '清明节', 2],
  ['2026-04-06', 'holiday', '清明节', 2],
  ['2026-05-01', 'holiday', '劳动节', 2],
  ['2026-05-02', 'holiday', '劳动节', 2],
  ['2026-05-03', 'holiday', '劳动节', 2],
  ['2026-05-04', 'holiday', '劳动节', 2],
  ['2026-05-05', 'holiday', '劳动节', 2],
  ['2026-05-09', 'workday', '劳动节调休上班', 2],
  ['2026-06-19', 'holiday', '端午节', 2],
  ['2026-06-20', 'holiday', '端午节', 2],
  ['2026-06-21', 'holiday', '端午节', 2],
  ['2026-09-20', 'workday', '国庆节调休上班', 2],
  ['2026-09-25', 'holiday', '中秋节', 2],
  ['2026-09-26', 'holiday', '中秋节', 2],
  ['2026-09-27', 'holiday', '中秋节', 2],
  ['2026-10-01', 'holiday', '国庆节', 2],
  ['2026-10-02', 'holiday', '国庆节', 2],
  ['2026-10-03', 'holiday', '国庆节', 2],
  ['2026-10-04', 'holiday', '国庆节', 2],
  ['2026-10-05', 'holiday', '国庆节', 2],
  ['2026-10-06', 'holiday', '国庆节', 2],
  ['2026-10-07', 'holiday', '国庆节', 2],
  ['2026-10-10', 'workday', '国庆节调休上班', 2],
  ['2027-01-01', 'holiday', '元旦', 3],
  ['2027-02-05', 'holiday', '春节', 3],
  ['2027-02-06', 'holiday', '春节', 3],
  ['2027-02-07', 'holiday', '春节', 3],
  ['2027-02-08', 'holiday', '春节', 3],
  ['2027-04-05', 'holiday', '清明节', 3],
  ['2027-05-01', 'holiday', '劳动节', 3],
  ['2027-05-02', 'holiday', '劳动节', 3],
  ['2027-06-09', 'holiday', '端午节', 3],
  ['2027-09-15', 'holiday', '中秋节', 3],
  ['2027-10-01', 'holiday', '国庆节', 3],
  ['2027-10-02', 'holiday', '国庆节', 3],
  ['2027-10-03', 'holiday', '国庆节', 3],
];

export async function up(db: Kysely<any>): Promise<void> {
  const d = await detectDialect(db);

  await withId(db.schema.createTable('dev_candidates'), d)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('gender', 'text', (c) => c.notNull())
    .addColumn('id_number_enc', 'text', (c) => c.notNull())
    .addColumn('id_number_bidx', 'text', (c) => c.notNull().unique())
    .addColumn('id_number_masked', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('applied_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.references('persons.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dev_candidates_path_idx').on('dev_candidates').columns(['org_path', 'status']).execute();
  await db.schema.createIndex('dev_candidates_org_idx').on('dev_candidates').column('org_id').execute();

  await withId(db.schema.createTable('dev_steps'), d)
    .addColumn('candidate_id', 'integer', (c) => c.notNull().references('dev_candidates.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('step_no', 'integer', (c) => c.notNull())
    .addColumn('done_on', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('materials', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('as_history', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('findings', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('recorded_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dev_steps_candidate_idx').on('dev_steps').columns(['candidate_id', 'step_no']).execute();
  await db.schema.createIndex('dev_steps_path_idx').on('dev_steps').columns(['org_path', 'step_no', 'done_on']).execute();

  await db.schema
    .createTable('dev_calendar')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  const at = '2026-11-23T00:00:00.000Z';
  await db
    .insertInto('dev_calendar')
    .values(CALENDAR.map(([day, kind, name, s]) => ({ day, kind, name, source: SOURCES[s]!, updated_at: at })))
    .execute();

  await withId(db.schema.createTable('dev_quotas'), d)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('quota', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('dev_quotas_org_year_uq', ['org_id', 'year'])
    .execute();
  await db.schema.createIndex('dev_quotas_path_idx').on('dev_quotas').columns(['org_path', 'year']).execute();
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
