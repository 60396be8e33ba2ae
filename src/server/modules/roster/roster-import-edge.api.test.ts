// Import edge cases through the API, on both engines: files that are not a workbook (0–4 bytes,
// random bytes, a truncated workbook, a zip of something else) are a 400 naming the file; a
// header below a title row is found; control characters and over-long text are row errors with
// the API's own limits; and import jobs left running by a stopped process are marked interrupted
// when the server starts, with a message the job API and the web page show.
import { hostname } from 'node:os';
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { openTestApp, type Session, type TestApp } from '../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';
import { INTERRUPTED_MESSAGE } from '../../../core/roster/import.rules.ts';
import { ALL_IMPORT_COLUMNS } from '../../../core/roster/roster.constants.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import { buildApp } from '../../app.ts';
import { makeIdNumber } from '../development/development.test-helpers.ts';
import { IMPORT_JOB_OWNER } from './roster.import.ts';
import * as repo from './roster.repository.ts';
import { buildSampleWorkbook, validSampleRow, type SampleRow } from './roster.sample-workbook.ts';
import { XLSX_MIME } from './roster.xlsx.ts';

function zip(files: Record<string, Buffer>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = deflateRawSync(content);
    const n = Buffer.from(name);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(8, 8);
    lh.writeUInt32LE(data.length, 18);
    lh.writeUInt32LE(content.length, 22);
    lh.writeUInt16LE(n.length, 26);
    locals.push(lh, n, data);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(8, 10);
    ch.writeUInt32LE(data.length, 20);
    ch.writeUInt32LE(content.length, 24);
    ch.writeUInt16LE(n.length, 28);
    ch.writeUInt32LE(offset, 42);
    central.push(ch, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(Object.keys(files).length, 8);
  eocd.writeUInt16LE(Object.keys(files).length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

/** Deterministic bytes that do not start like a zip. */
function noise(n: number): Buffer {
  const b = Buffer.alloc(n);
  let x = 99;
  for (let i = 0; i < n; i++) b[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  b[0] = 0x21;
  return b;
}

async function notWorkbooks(real: Buffer): Promise<Array<[string, Buffer]>> {
  const pk = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
  return [
    ...[1, 2, 3, 4].map((n): [string, Buffer] => [`${n} bytes`, pk.subarray(0, n)]),
    ['random bytes', noise(2048)],
    ['a truncated workbook', real.subarray(0, Math.floor(real.length * 0.6))],
    ['a zip that is not a workbook', zip({ 'notes.txt': Buffer.from('这不是工作簿') })],
  ];
}

/** A workbook with `above` rows (a title, a blank line) before the header. */
async function titledWorkbook(
  above: string[][],
  headers: readonly string[],
  rows: Array<Record<string, unknown>>,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('导入');
  for (const r of above) ws.addRow(r);
  ws.addRow([...headers]);
  for (const r of rows) ws.addRow(headers.map((h) => r[h] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

interface Job {
  id: number;
  status: string;
  fileError: string | null;
  progress: { phase: string };
  report: {
    total: number;
    valid: number;
    imported: number;
    errors: Array<{ row: number; column: string; code: string; message: string }>;
  } | null;
}

describeEachEngine('import edge cases', (use) => {
  let t: TestApp;
  let admin: Session;

  const rosterPost = (buf: Buffer, q = 'dryRun=1') =>
    admin.request('POST', `/api/roster/imports?${q}&fileName=members.xlsx`, buf, {
      'content-type': XLSX_MIME,
    });
  const job = async (id: number) =>
    (await admin.request('GET', `/api/roster/imports/${id}`)).json().data as Job;
  const rosterImport = async (buf: Buffer): Promise<Job> => {
    const res = await rosterPost(buf);
    expect(res.statusCode, res.body).toBe(202);
    const id = res.json().data.id as number;
    for (let i = 0; i < 400; i++) {
      const j = await job(id);
      if (j.status !== 'running') return j;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('import did not finish');
  };
  const devPost = (buf: Buffer, q = 'dryRun=1') =>
    admin.request('POST', `/api/development/imports?${q}&fileName=dev.xlsx`, buf, {
      'content-type': XLSX_MIME,
    });
  const persons = async () => (await t.ctx.db.selectFrom('persons').select('id').execute()).length;

  it('roster: a file that is not a workbook is a 400 naming the file, never a server error', async () => {
    t = await openTestApp(use());
    admin = await t.login('admin_a');
    const before = await persons();
    for (const [what, buf] of await notWorkbooks(await buildSampleWorkbook([validSampleRow(1, 'TA-1')]))) {
      const res = await rosterPost(buf);
      expect(res.statusCode, what).toBe(400);
      const error = res.json().error as { code: string; message: string; fields: Record<string, string> };
      expect(error.code, what).toMatch(/^(NOT_XLSX|MALFORMED_XLSX)$/);
      expect(error.fields.file, what).toBe(error.message);
      expect(error.message, what).not.toMatch(/服务器/);
    }
    const short = (await rosterPost(Buffer.from([0x50, 0x4b]))).json().error;
    expect(short).toMatchObject({ code: 'NOT_XLSX', message: '文件不是有效的.xlsx工作簿' });
    expect(await persons()).toBe(before);
    const refused = await t.ctx.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'roster.import.dry_run')
      .where('result', '=', 'failed')
      .execute();
    expect(refused.some((r) => JSON.parse(r.detail).fileError === 'NOT_XLSX')).toBe(true);
  });

  it('roster: a header below a title row is found; without one the job says which columns are missing', async () => {
    const row: SampleRow = validSampleRow(41, 'TA-1');
    const found = await rosterImport(
      await titledWorkbook([['某某党支部党员名册'], []], ALL_IMPORT_COLUMNS, [row]),
    );
    expect(found.report).toMatchObject({ total: 1, valid: 1, errors: [] });
    const none = await rosterImport(await titledWorkbook([['党员名册']], ['序号', '备注'], [{ 序号: 1 }]));
    expect(none.status).toBe('failed');
    expect(none.fileError).toMatch(/^文件第1–10行中未找到表头.*姓名/);
  });

  it('roster: control characters and over-long text refuse the row, naming row, column and limit', async () => {
    const rows: SampleRow[] = [
      // Excel stores a NUL in a cell as the escape _x0000_ (raw control characters are not XML).
      { ...validSampleRow(51, 'TA-1'), 工作单位: '某_x0000_单位' },
      { ...validSampleRow(52, 'TA-1'), 家庭住址: '路'.repeat(32_767) },
      validSampleRow(53, 'TA-1'),
    ];
    const j = await rosterImport(await buildSampleWorkbook(rows));
    expect(j.report!.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, '工作单位', 'CONTROL_CHAR'],
      [3, '家庭住址', 'TOO_LONG'],
    ]);
    expect(j.report!.errors[1]!.message).toBe('第3行：家庭住址不能超过200个字（现为32767个字）');
    expect(j.report!.valid).toBe(1);
  });

  it('roster: jobs left running by a stopped process are interrupted when the server starts', async () => {
    const at = t.ctx.now().toISOString();
    const base = {
      userId: t.fixture.users.adminA,
      username: 'admin_a',
      scopePath: t.fixture.townA.path,
      fileName: 'big.xlsx',
      dryRun: false,
      allowPartial: false,
      now: at,
    };
    // A process on this machine that is gone (no pid is this large), a row from before owners
    // were recorded, a job of this very process (live), and one that had committed its rows.
    const dead = await repo.insertImportJob(t.ctx.db, { ...base, owner: `${hostname()} 2147483646 gone` });
    const legacy = await repo.insertImportJob(t.ctx.db, { ...base, owner: 'x' });
    await t.ctx.db.updateTable('roster_import_jobs').set({ owner: null }).where('id', '=', legacy).execute();
    const live = await repo.insertImportJob(t.ctx.db, { ...base, owner: IMPORT_JOB_OWNER });
    const committed = await repo.insertImportJob(t.ctx.db, {
      ...base,
      owner: `${hostname()} 2147483645 gone`,
    });
    await t.ctx.db
      .transaction()
      .execute((trx) =>
        appendAudit(trx, t.ctx.ring, {
          at,
          action: 'roster.import',
          result: 'ok',
          objectType: 'roster_import',
          objectId: committed,
          detail: { imported: 7 },
        }),
      );
    const before = await persons();

    // The server starts (a second app on the same database: its onReady hook runs the sweep).
    const restarted = await buildApp(t.ctx);
    await restarted.ready();
    await restarted.close();

    for (const id of [dead, legacy]) {
      const j = await job(id);
      expect(j).toMatchObject({
        status: 'interrupted',
        fileError: INTERRUPTED_MESSAGE,
        report: null,
        progress: { phase: 'failed' },
      });
      expect(j.fileError).toBe('服务重启时导入被中断，未写入任何数据，请重新导入');
    }
    expect((await job(live)).status).toBe('running');
    expect(await job(committed)).toMatchObject({
      status: 'interrupted',
      fileError: expect.stringContaining('已写入7行'),
    });
    expect(await persons()).toBe(before);
    const audits = await t.ctx.db
      .selectFrom('audit_log')
      .select(['object_id', 'result'])
      .where('action', '=', 'roster.import.interrupted')
      .execute();
    expect(audits.map((a) => Number(a.object_id)).sort((a, b) => a - b)).toEqual(
      [dead, legacy, committed].sort((a, b) => a - b),
    );

    // A second start finds nothing more to do; the live job is left to finish.
    const again = await buildApp(t.ctx);
    await again.ready();
    await again.close();
    expect(
      (
        await t.ctx.db
          .selectFrom('audit_log')
          .select('object_id')
          .where('action', '=', 'roster.import.interrupted')
          .execute()
      ).length,
    ).toBe(3);
    await repo.finishImportJob(t.ctx.db, live, {
      status: 'done',
      total: 0,
      valid: 0,
      imported: 0,
      errorsJson: '[]',
      fileError: null,
      errorWorkbookEnc: null,
      now: at,
    });
  });

  const devRow = (over: Record<string, unknown> = {}) => ({
    姓名: '陈申',
    公民身份号码: makeIdNumber('1998-04-12', 411),
    党组织编码: 'TA-1',
    递交申请书日期: '2024-09-02',
    ...over,
  });
  const DEV_HEADERS = ['姓名', '公民身份号码', '党组织编码', '递交申请书日期', '谈话日期', '谈话人', '备注'];

  it('development: not a workbook → 400 naming the file; header below a title; control characters and limits', async () => {
    const before = await persons();
    for (const [what, buf] of await notWorkbooks(await titledWorkbook([], DEV_HEADERS, [devRow()]))) {
      const res = await devPost(buf);
      expect(res.statusCode, what).toBe(400);
      expect(res.json().error.code, what).toMatch(/^(NOT_XLSX|MALFORMED_XLSX)$/);
      expect(res.json().error.fields.file, what).toBeTruthy();
    }
    expect((await devPost(Buffer.from([0x50]))).json().error).toMatchObject({
      code: 'NOT_XLSX',
      message: '文件不是有效的.xlsx工作簿',
    });

    const titled = await devPost(
      await titledWorkbook([['发展党员在途流程'], ['填表人：张三']], DEV_HEADERS, [devRow()]),
    );
    expect(titled.statusCode, titled.body).toBe(200);
    expect(titled.json().data).toMatchObject({ total: 1, valid: 1, errors: [] });

    const noHeader = await devPost(await titledWorkbook([], ['序号', '姓名'], [{ 序号: 1, 姓名: '陈申' }]));
    expect(noHeader.statusCode).toBe(400);
    expect(noHeader.json().error).toMatchObject({
      code: 'MISSING_COLUMNS',
      message: expect.stringMatching(
        /^文件第1–10行中未找到表头：第1行表头缺少必需的列：公民身份号码、党组织编码、递交申请书日期/,
      ),
    });

    const bad = await devPost(
      await titledWorkbook([], DEV_HEADERS, [
        devRow({ 备注: '补录_x0000_' }),
        devRow({
          公民身份号码: makeIdNumber('1998-04-12', 412),
          谈话日期: '2024-09-10',
          谈话人: '李'.repeat(51),
        }),
      ]),
    );
    expect(bad.statusCode, bad.body).toBe(200);
    const errors = bad.json().data.errors as Array<{
      row: number;
      column: string;
      code: string;
      message: string;
    }>;
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, '备注', 'CONTROL_CHAR'],
      [3, '谈话人', 'TOO_LONG'],
    ]);
    expect(errors[1]!.message).toBe('第3行：谈话人不能超过50个字（现为51个字）');
    expect(await persons()).toBe(before);
  });
});
