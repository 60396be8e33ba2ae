import { expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';
import { INDICATOR_BY_KEY } from '../indicators/indicators.defs.ts';
import { taskOnTimeParts } from './tasks.repository.ts';

/** [issued on, deadline, state, reported on, as of] → [on time, due] for the target. */
const CASES: Array<[string, string, string, string | null, string, number, number]> = [
  ['2026-10-01', '2026-10-31', 'submitted', '2026-10-31', '2026-11-30', 1, 1], // on the deadline
  ['2026-10-01', '2026-10-31', 'submitted', '2026-11-01', '2026-11-30', 0, 1], // a day late
  ['2026-10-01', '2026-10-31', 'pending', null, '2026-11-30', 0, 1], // 逾期未报
  ['2026-10-01', '2026-10-31', 'returned', null, '2026-11-30', 0, 1], // returned, not reported again
  ['2026-10-01', '2026-12-15', 'submitted', '2026-11-02', '2026-11-30', 0, 0], // not due yet
  ['2026-12-01', '2026-12-10', 'submitted', '2026-12-02', '2026-11-30', 0, 0], // issued after asOf
  ['2026-10-01', '2026-11-30', 'submitted', '2026-11-30', '2026-11-30', 1, 1], // due on asOf
];

describeEachEngine('任务按时报送率 (taskReportOnTime)', (use) => {
  let t: TestApp;

  it.each(CASES)(
    'issued %s, due %s, %s on %s, as of %s → %i/%i',
    async (issued, deadline, state, on, asOf, onTime, due) => {
      t ??= await openTestApp(use());
      const db = t.ctx.db;
      await db.deleteFrom('task_targets').execute();
      await db.deleteFrom('task_tasks').execute();
      const { townA, branchA } = t.fixture;
      const task = await db
        .insertInto('task_tasks')
        .values({
          issuer_org_id: townA.id,
          issuer_path: townA.path,
          issuer_name: '甲镇党委',
          title: '报送材料',
          content: '报送材料',
          kind: 'task',
          target_mode: 'chosen',
          issued_on: issued,
          deadline,
          attachments: '[]',
          form_columns: null,
          over_cap: 0,
          created_by: null,
          created_at: `${issued}T01:00:00.000Z`,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('task_targets')
        .values({
          task_id: task.id,
          org_id: branchA.id,
          org_path: branchA.path,
          org_name: '甲镇东村党支部',
          state,
          report_text: null,
          report_attachments: null,
          report_rows: null,
          submitted_on: on,
          submitted_at: null,
          submitted_by: null,
          return_reason: null,
          returned_at: null,
          returned_count: 0,
          last_urged_at: null,
        })
        .execute();
      const parts = await taskOnTimeParts(db, t.fixture.county.path, '0000-01-01', asOf);
      expect(parts.get(branchA.id) ?? { onTime: 0, due: 0 }).toEqual({ onTime, due });
      const { own } = await INDICATOR_BY_KEY.get('taskReportOnTime')!.measure(t.ctx, t.fixture.county, asOf, {
        orgFacts: () => {
          throw new Error('unused');
        },
      });
      expect(own.get(branchA.id) ?? { num: 0, den: 0 }).toEqual({ num: onTime, den: due });
    },
  );
});
