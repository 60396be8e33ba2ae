// Org-life repository: attendance ledger.
import { type Insertable } from 'kysely';
import type { LifeAttendanceTable } from '../../db/tables/org-life.tables.ts';
import { insertChunked, type AttendanceRow, type Q } from './org-life-common.repository.ts';

export async function insertAttendance(trx: Q, rows: Insertable<LifeAttendanceTable>[]): Promise<void> {
  if (rows.length > 0) await insertChunked(trx, 'life_attendance', rows, 10);
}

export async function listAttendance(db: Q, meetingId: number) {
  return db
    .selectFrom('life_attendance as a')
    .innerJoin('persons as p', 'p.id', 'a.person_id')
    .select([
      'a.id',
      'a.person_id',
      'p.name',
      'a.status',
      'a.exclusion',
      'a.method',
      'a.reason',
      'a.signed_at',
    ])
    .where('a.meeting_id', '=', meetingId)
    .orderBy('a.id')
    .execute();
}

export async function findAttendance(
  db: Q,
  meetingId: number,
  personId: number,
): Promise<AttendanceRow | undefined> {
  return db
    .selectFrom('life_attendance')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

export async function updateAttendance(
  trx: Q,
  id: number,
  set: Partial<Insertable<LifeAttendanceTable>>,
): Promise<void> {
  await trx.updateTable('life_attendance').set(set).where('id', '=', id).execute();
}

export async function markUnsignedAbsent(trx: Q, meetingId: number): Promise<void> {
  await trx
    .updateTable('life_attendance')
    .set({ status: '缺席' })
    .where('meeting_id', '=', meetingId)
    .where('status', '=', '待签到')
    .execute();
}

/** Statuses of the ledger (the counts on the meeting row are derived from these). */
export async function attendanceStatuses(db: Q, meetingId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('life_attendance')
    .select('status')
    .where('meeting_id', '=', meetingId)
    .execute();
  return rows.map((r) => r.status);
}
