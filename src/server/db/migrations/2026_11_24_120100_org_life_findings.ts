import type { Kysely } from 'kysely';
import { meetingFindings } from '../../../core/org-life/quality.ts';
import type { MeetingType } from '../../../core/org-life/meeting-types.ts';
import { NATIONAL_RULEBOOK } from '../../../core/rulebook/rulebook.ts';
import { detectDialect, pathType } from './migration-helpers.ts';

// Org-life (issue 5): quality findings precomputed when a record or the attendance is saved,
// so the compliance report reads them with one range scan instead of judging every meeting;
// and an index that serves "these native periods under this path" from the rollup.
export async function up(db: Kysely<any>): Promise<void> {
  const d = await detectDialect(db);
  await db.schema
    .createTable('life_findings')
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('life_meetings.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('life_findings_pk', ['meeting_id', 'seq'])
    .execute();
  await db.schema
    .createIndex('life_findings_period_idx')
    .on('life_findings')
    .columns(['held_on', 'org_path'])
    .execute();
  await db.schema
    .createIndex('life_findings_path_idx')
    .on('life_findings')
    .columns(['org_path', 'held_on'])
    .execute();
  await db.schema
    .createIndex('life_compliance_period_idx')
    .on('life_compliance')
    .columns(['period', 'org_path'])
    .execute();

  // Backfill with the national rulebook; a province override runs `dangjian org-life rebuild`.
  let after = 0;
  for (;;) {
    const rows: Array<{
      id: number;
      org_id: number;
      org_path: string;
      type: string;
      held_on: string;
      minutes_chars: number;
      recorded_on: string | null;
      expected_count: number;
      present_count: number;
      leave_count: number;
      absent_count: number;
      excluded_count: number;
    }> = await db
      .selectFrom('life_meetings')
      .select([
        'id',
        'org_id',
        'org_path',
        'type',
        'held_on',
        'minutes_chars',
        'recorded_on',
        'expected_count',
        'present_count',
        'leave_count',
        'absent_count',
        'excluded_count',
      ])
      .where('status', '=', 'held')
      .where('id', '>', after)
      .orderBy('id')
      .limit(5000)
      .execute();
    if (rows.length === 0) break;
    after = Number(rows[rows.length - 1]!.id);
    const out: Array<Record<string, unknown>> = [];
    for (const m of rows) {
      const counts = {
        expected: m.expected_count,
        present: m.present_count,
        leave: m.leave_count,
        absent: m.absent_count,
        excluded: m.excluded_count,
      };
      meetingFindings(NATIONAL_RULEBOOK, {
        type: m.type as MeetingType,
        heldOn: m.held_on,
        counts,
        minutesChars: m.minutes_chars,
        recordedOn: m.recorded_on,
      }).forEach((f, seq) =>
        out.push({
          meeting_id: m.id,
          seq,
          org_id: m.org_id,
          org_path: m.org_path,
          held_on: m.held_on,
          code: f.code,
          detail: f.detail,
        }),
      );
    }
    for (let i = 0; i < out.length; i += 2000)
      await db
        .insertInto('life_findings')
        .values(out.slice(i, i + 2000))
        .execute();
  }
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
