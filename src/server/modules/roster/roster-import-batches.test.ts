// The import commit writes batch after batch (the next one encrypted while the database writes
// the last) inside ONE transaction: several batches land in file order, and a database failure
// in a late batch leaves nothing written (all or nothing), the job marked failed and audited.
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';
import { runImport } from './roster.import.ts';
import { buildSampleWorkbook, validSampleRow } from './roster.sample-workbook.ts';

/** The identity columns of another sample row (ID number, birth date and gender agree). */
const identityOf = (n: number) => {
  const r = validSampleRow(n, 'TA-1');
  return { 公民身份号码: r.公民身份号码, 出生日期: r.出生日期, 性别: r.性别 };
};

/** Names must be letters only: 甲, 乙, … */
const STEMS = '甲乙丙丁戊己庚辛壬癸子丑';

describeEachEngine('roster import commit in batches', (use, engine) => {
  let t: TestApp;

  const counts = async () => {
    const n = async (table: 'persons' | 'memberships' | 'roster_profiles') =>
      Number((await t.ctx.db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    return { persons: await n('persons'), memberships: await n('memberships'), profiles: await n('roster_profiles') };
  };

  const importRows = async (rows: Parameters<typeof buildSampleWorkbook>[0]) =>
    runImport(t.ctx, {
      buffer: await buildSampleWorkbook(rows),
      scopePath: t.fixture.townA.path,
      actor: { userId: t.fixture.users.adminA, username: 'admin_a' },
      dryRun: false,
      allowPartial: false,
      fileName: 'batches.xlsx',
      writeBatchRows: 4,
    });

  it('writes several batches in file order', async () => {
    t = await openTestApp(use());
    const before = await counts();
    const rows = Array.from({ length: 11 }, (_, i) => ({ ...validSampleRow(7000 + i, 'TA-1'), 姓名: `批次${STEMS[i]}` }));
    const { report } = await importRows(rows);
    expect(report).toMatchObject({ total: 11, valid: 11, imported: 11, errors: [] });
    expect(await counts()).toEqual({ persons: before.persons + 11, memberships: before.memberships + 11, profiles: before.profiles + 11 });
    const names = await t.ctx.db.selectFrom('persons').select('name').where('name', 'like', '批次%').orderBy('id').execute();
    expect(names.map((p) => p.name)).toEqual(rows.map((r) => r.姓名));
  });

  // On PostgreSQL an all-or-nothing commit writes while it reads: batches before a bad row are
  // already written when the bad row is read, and must be rolled back with it.
  it.each([
    ['a row-level error', (i: number) => (i === 10 ? { 联系电话: '123' } : {}), 'PHONE_FORMAT'],
    ['an ID repeating an earlier row of the file', (i: number) => (i === 10 ? identityOf(9100) : {}), 'DUPLICATE_IN_FILE'],
    ['an ID already in the database', (i: number) => (i === 10 ? identityOf(7000) : {}), 'DUPLICATE_IN_DB'],
    ['an organisation outside the importer\'s scope', (i: number) => (i === 10 ? { 党组织编码: 'TB-1' } : {}), 'ORG_OUT_OF_SCOPE'],
  ])('refuses the whole file for %s in its last row, after earlier batches were written', async (_, change, code) => {
    const before = await counts();
    const rows = Array.from({ length: 11 }, (_, i) => ({
      ...validSampleRow(9100 + i, 'TA-1'),
      姓名: `拒绝${STEMS[i]}`,
      ...change(i),
    }));
    const { report } = await importRows(rows);
    expect(report.imported).toBe(0);
    expect(report.errors.map((e) => [e.row, e.code])).toEqual([[12, code]]);
    expect(await counts()).toEqual(before);
  });

  it('rolls every batch back when the database refuses a row of the last one', async () => {
    // A trigger refusing one name stands in for any failure at write time (disk, constraint, connection).
    if (engine === 'sqlite') {
      await sql`create trigger refuse_bomb before insert on persons when new.name = '炸弹' begin select raise(abort, 'refused'); end`.execute(t.ctx.db);
    } else {
      await sql`create function refuse_bomb() returns trigger language plpgsql as $$ begin if new.name = '炸弹' then raise exception 'refused'; end if; return new; end $$`.execute(t.ctx.db);
      await sql`create trigger refuse_bomb before insert on persons for each row execute function refuse_bomb()`.execute(t.ctx.db);
    }
    try {
      const before = await counts();
      const rows = Array.from({ length: 10 }, (_, i) => ({ ...validSampleRow(8000 + i, 'TA-1'), 姓名: i === 9 ? '炸弹' : `回滚${STEMS[i]}` }));
      await expect(importRows(rows)).rejects.toThrow();
      expect(await counts()).toEqual(before);
      const job = await t.ctx.db.selectFrom('roster_import_jobs').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect([job.status, job.imported, job.file_error]).toEqual(['failed', 0, '导入失败：服务器处理文件时出错']);
      const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'roster.import').orderBy('seq', 'desc').executeTakeFirstOrThrow();
      expect(audit.result).toBe('failed');
    } finally {
      await sql`drop trigger refuse_bomb${engine === 'sqlite' ? sql`` : sql` on persons`}`.execute(t.ctx.db);
    }
  });
});
