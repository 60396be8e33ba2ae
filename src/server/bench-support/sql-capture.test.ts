import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/db-harness.ts';
import { createQueryCapture, isReadStatement, runBare } from './sql-capture.ts';

describe('isReadStatement', () => {
  it.each([
    ['select 1', true],
    ['  SELECT * from orgs', true],
    ['values (1)', true],
    ['with x as (select 1) select * from x', true],
    ['with x as (select 1) insert into t select * from x', false],
    ['insert into orgs values (1)', false],
    ['update orgs set name = 1', false],
    ['delete from orgs', false],
    ['begin', false],
  ])('%s → %s', (text, want) => {
    expect(isReadStatement(text)).toBe(want);
  });
});

describeEachEngine('query capture', (use) => {
  it('records what the code ran, compiled for the engine, and re-runs the reads bare', async () => {
    const { db } = use();
    const now = '2026-11-23T00:00:00.000Z';
    await db.insertInto('settings').values({ key: 'bench_probe', value: 'x', updated_at: now }).execute();
    const capture = createQueryCapture(db);
    const { value, queries } = await capture.record(async () => {
      const rows = await capture.db
        .selectFrom('settings')
        .select(['key', 'value'])
        .where('key', '=', 'bench_probe')
        .execute();
      await capture.db.updateTable('settings').set({ value: 'y' }).where('key', '=', 'bench_probe').execute();
      await sql`select count(*) as n from settings`.execute(capture.db);
      return rows;
    });
    expect(value).toEqual([{ key: 'bench_probe', value: 'x' }]);
    expect(queries.map((q) => q.read)).toEqual([true, false, true]);
    expect(queries[0]!.sql).toMatch(/from "settings" where "key" = (\?|\$1)/);
    expect(queries[0]!.parameters).toEqual(['bench_probe']);

    const bare = await runBare(db, queries, () => performance.now());
    expect(bare.rows).toBe(2); // one settings row + one count row; the update is not re-run
    expect(bare.ms).toBeGreaterThanOrEqual(0);
    const after = await db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'bench_probe')
      .executeTakeFirstOrThrow();
    expect(after.value).toBe('y');
  });

  it('records nothing outside record() and refuses nested recording', async () => {
    const { db } = use();
    const capture = createQueryCapture(db);
    await capture.db.selectFrom('settings').select('key').execute();
    const { queries } = await capture.record(async () => {
      await expect(capture.record(async () => 1)).rejects.toThrow(/already/);
      return 0;
    });
    expect(queries).toEqual([]);
  });
});
