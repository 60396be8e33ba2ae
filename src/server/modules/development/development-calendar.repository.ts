// Development repository: work calendar.
import { type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Q } from './development-candidates.repository.ts';

export async function calendarDays(db: Q) {
  return db.selectFrom('dev_calendar').selectAll().orderBy('day').execute();
}

export async function upsertCalendarDays(
  trx: Transaction<DB>,
  days: { day: string; kind: string; name: string; source: string; updated_at: string }[],
): Promise<void> {
  for (const d of days) {
    await trx
      .insertInto('dev_calendar')
      .values(d)
      .onConflict((oc) =>
        oc
          .column('day')
          .doUpdateSet({ kind: d.kind, name: d.name, source: d.source, updated_at: d.updated_at }),
      )
      .execute();
  }
}
