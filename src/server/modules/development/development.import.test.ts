import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { openTestApp, type Session, type TestApp } from '../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';
import { DEV_IMPORT_COLUMNS, type DevImportColumn } from '../../../core/development/import.rules.ts';
import { blindIndex } from '../../crypto/field-crypto.ts';
import { runDevelopmentImport } from './development.import.ts';
import { makeIdNumber } from './development.test-helpers.ts';

type Row = Partial<Record<DevImportColumn, string | number | Date | null>>;

async function workbook(rows: Row[], headers: readonly string[] = DEV_IMPORT_COLUMNS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('发展党员信息');
  ws.addRow([...headers]);
  for (const r of rows) ws.addRow(headers.map((h) => r[h as DevImportColumn] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

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

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** An applicant with a late talk (history: listed by the audit, not an error). */
const lateTalk = (): Row => ({
  姓名: '周迟',
  公民身份号码: makeIdNumber('1996-03-03', 301),
  党组织编码: 'TA-1',
  递交申请书日期: '2026.6.1',
  谈话日期: '2026年8月20日',
  谈话人: '李华',
});
/** Admitted as 预备党员 on record (steps 1–17, 19–21), with introducers from the roster. */
const admitted = (): Row => ({
  姓名: '吴预',
  公民身份号码: makeIdNumber('1997-05-05', 303),
  党组织编码: 'TA-1',
  递交申请书日期: '2024-03-01',
  谈话日期: '2024-03-15',
  谈话人: '张明',
  确定积极分子日期: '2024-04-10',
  推荐方式: '群团组织推优',
  积极分子备案日期: '2024-04-20',
  指定培养联系人日期: '2024-04-22',
  培养联系人: '张明',
  考察日期: '2024-10-10、2025-04-10',
  确定发展对象日期: '2025-04-20',
  发展对象公示开始日期: '2025-04-14',
  发展对象公示结束日期: '2025-04-18',
  发展对象备案日期: '2025-04-25',
  确定入党介绍人日期: '2025-05-06',
  入党介绍人: '张明、李华',
  政治审查日期: '2025-05-20',
  政审结论: '政治审查合格',
  集中培训结业日期: '2025-06-10',
  培训学时: 24,
  支委会审查日期: '2025-06-16',
  上级党委预审日期: '2025-06-30',
  预审公示开始日期: '2025-06-23',
  预审公示结束日期: '2025-06-27',
  填写入党志愿书日期: '2025-07-02',
  支部大会日期: '2025-07-08',
  正式党员人数: 3,
  实到人数: 3,
  赞成票: 3,
  上级党委谈话日期: '2025-07-20',
  上级党委谈话人: '组织员',
  上级党委审批日期: '2025-08-05',
  组织部门备案日期: '2025-08-15',
  编入党小组日期: '2025-08-10',
  入党宣誓日期: '2025-08-20',
  预备期考察日期: '2025-12-10、2026-06-01、2026-11-01',
});

describeEachEngine('development import', (use) => {
  let t: TestApp;
  let worker: Session;
  let admin: Session;
  const upload = (s: Session, buf: Buffer, q = 'dryRun=1') =>
    s.request('POST', `/api/development/imports?${q}&fileName=${encodeURIComponent('发展.xlsx')}`, buf, {
      'content-type': XLSX,
    });
  const counts = async () => ({
    candidates: (await t.ctx.db.selectFrom('dev_candidates').select('id').execute()).length,
    steps: (await t.ctx.db.selectFrom('dev_steps').select('id').execute()).length,
    persons: (await t.ctx.db.selectFrom('persons').select('id').execute()).length,
  });
  const auditActions = async (action: string) =>
    (await t.ctx.db.selectFrom('audit_log').select('detail').where('action', '=', action).execute()).map(
      (r) => JSON.parse(r.detail) as Record<string, unknown>,
    );

  it('serves the template to staff only, with the required columns first', async () => {
    t = await openTestApp(use());
    worker = await t.login('worker_a');
    admin = await t.login('admin_a');
    const res = await worker.request('GET', '/api/development/import-template.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const headers = (wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1);
    expect(headers.slice(0, 4)).toEqual(['姓名', '公民身份号码', '党组织编码', '递交申请书日期']);
    expect(headers).toEqual([...DEV_IMPORT_COLUMNS]);
    expect(
      (await (await t.login('member_a')).request('GET', '/api/development/import-template.xlsx')).statusCode,
    ).toBe(403);
  });

  it('refuses files that are not a plausible .xlsx, and a workbook without the required columns', async () => {
    const before = await counts();
    const notXlsx = await upload(worker, Buffer.from('姓名,公民身份号码\n'));
    expect(notXlsx.statusCode).toBe(400);
    expect(notXlsx.json().error).toMatchObject({ code: 'NOT_XLSX', fields: { file: expect.any(String) } });
    const bomb = await upload(
      worker,
      zip({ '[Content_Types].xml': Buffer.from('x'), 'xl/workbook.xml': Buffer.alloc(20 * 1024 * 1024) }),
    );
    expect(bomb.json().error.code).toBe('ZIP_BOMB');
    const noColumns = await upload(worker, await workbook([{ 姓名: '陈申' }], ['姓名', '性别']));
    expect(noColumns.json().error).toMatchObject({
      code: 'MISSING_COLUMNS',
      message: expect.stringContaining('公民身份号码、党组织编码、递交申请书日期'),
    });
    const empty = await upload(worker, Buffer.alloc(0));
    expect(empty.json().error.code).toBe('FILE_REQUIRED');
    const wrongName = await worker.request(
      'POST',
      '/api/development/imports?dryRun=1&fileName=a.xls',
      await workbook([lateTalk()]),
      { 'content-type': XLSX },
    );
    expect(wrongName.json().error.code).toBe('NOT_XLSX');
    await expect(
      runDevelopmentImport(t.ctx, {
        buffer: Buffer.alloc(11 * 1024 * 1024, 1),
        scopePath: '/',
        actor: { userId: null, username: 'test' },
        dryRun: true,
        allowPartial: false,
        fileName: null,
      }),
    ).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' });
    expect(await counts()).toEqual(before);
    expect((await auditActions('development.import.dry_run')).some((d) => d.fileError === 'ZIP_BOMB')).toBe(
      true,
    );
  });

  const badRows = (): Row[] => [
    lateTalk(),
    {
      姓名: '郑错',
      公民身份号码: makeIdNumber('1995-01-01', 305),
      党组织编码: 'TA-1',
      递交申请书日期: '2025-13-01',
    },
    {
      姓名: '王外',
      公民身份号码: makeIdNumber('1995-01-02', 307),
      党组织编码: 'TB-1',
      递交申请书日期: '2025-01-02',
    },
    {
      姓名: '冯缺',
      公民身份号码: makeIdNumber('1995-01-03', 309),
      党组织编码: 'TA-1',
      递交申请书日期: '2025-01-03',
      确定积极分子日期: '2025-02-01',
      推荐方式: '党员推荐',
    },
    { 姓名: '周迟', 公民身份号码: lateTalk().公民身份号码, 党组织编码: 'TA-1', 递交申请书日期: '2026-06-01' },
    {
      姓名: '褚名',
      公民身份号码: makeIdNumber('1995-01-04', 311),
      党组织编码: 'TA-1',
      递交申请书日期: '2024-01-04',
      谈话日期: '2024-01-10',
      谈话人: '李华',
      确定积极分子日期: '2024-02-01',
      推荐方式: '党员推荐',
      指定培养联系人日期: '2024-02-02',
      培养联系人: '赵敏',
    },
    {
      姓名: '蒋乡',
      公民身份号码: makeIdNumber('1995-01-05', 313),
      党组织编码: 'TA',
      递交申请书日期: '2025-01-05',
    },
    {
      姓名: '沈无',
      公民身份号码: makeIdNumber('1995-01-06', 315),
      党组织编码: 'NOPE',
      递交申请书日期: '2025-01-06',
    },
  ];

  it('dry run: every bad row named with its Excel row, column and a Chinese message; nothing written; error workbook annotated', async () => {
    const before = await counts();
    const res = await upload(admin, await workbook(badRows()));
    expect(res.statusCode).toBe(200);
    const d = res.json().data;
    expect(d).toMatchObject({ dryRun: true, total: 8, valid: 1, imported: 0 });
    expect(
      d.errors.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code]),
    ).toEqual([
      [3, '递交申请书日期', 'DATE_INVALID'],
      [4, '党组织编码', 'ORG_OUT_OF_SCOPE'],
      [5, '确定积极分子日期', 'PREDECESSOR_MISSING'],
      [6, '公民身份号码', 'DUPLICATE_IN_FILE'],
      [7, '培养联系人', 'PERSON_NOT_FOUND'],
      [8, '党组织编码', 'ORG_NOT_BRANCH'],
      [9, '党组织编码', 'ORG_NOT_FOUND'],
    ]);
    expect(d.errors[3].message).toBe('第6行：公民身份号码与第2行重复');
    expect(d.findings).toEqual([
      expect.objectContaining({ row: 2, candidate: '周迟', step: 2, code: 'TALK_LATE' }),
    ]);
    expect(await counts()).toEqual(before);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(d.errorWorkbook, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const headers = (ws.getRow(1).values as unknown[]).slice(1);
    expect(headers.at(-1)).toBe('错误说明');
    expect(ws.getRow(4).getCell(headers.length).value).toContain('不在您的管辖范围内');
    expect(ws.getRow(3).getCell(4).note).toBeDefined();
    expect(ws.getRow(2).getCell(headers.length).value).toBeNull();
  });

  it('all or nothing by default; --allow-partial imports only the valid rows; audited', async () => {
    const before = await counts();
    const refused = (await upload(admin, await workbook(badRows()), 'dryRun=0')).json().data;
    expect(refused).toMatchObject({ dryRun: false, total: 8, valid: 1, imported: 0 });
    expect(await counts()).toEqual(before);
    expect((await auditActions('development.import')).at(-1)).toMatchObject({ refused: true, imported: 0 });
    const partial = (await upload(admin, await workbook(badRows()), 'dryRun=0&allowPartial=1')).json().data;
    expect(partial).toMatchObject({ total: 8, valid: 1, imported: 1 });
    expect(partial.errors).toHaveLength(7);
    expect(await counts()).toEqual({ ...before, candidates: before.candidates + 1, steps: before.steps + 2 });
    const cand = await t.ctx.db
      .selectFrom('dev_candidates')
      .selectAll()
      .where('name', '=', '周迟')
      .executeTakeFirstOrThrow();
    expect(cand).toMatchObject({ status: '申请人', applied_on: '2026-06-01', org_id: t.fixture.branchA.id });
    expect(cand.id_number_enc).not.toContain(lateTalk().公民身份号码 as string);
    const steps = await t.ctx.db
      .selectFrom('dev_steps')
      .selectAll()
      .where('candidate_id', '=', cand.id)
      .orderBy('step_no')
      .execute();
    expect(steps.map((s) => [s.step_no, s.done_on, s.as_history])).toEqual([
      [1, '2026-06-01', 1],
      [2, '2026-08-20', 1],
    ]);
    expect(JSON.parse(steps[1]!.findings)).toEqual([expect.objectContaining({ code: 'TALK_LATE' })]);
    const audit = (await auditActions('development.import')).at(-1)!;
    expect(audit).toMatchObject({ imported: 1, allowPartial: true, findings: 1 });
    expect(JSON.stringify(audit)).not.toContain(lateTalk().公民身份号码 as string);
    // The audit lists the history that breaks an interval.
    const report = (await admin.request('GET', `/api/orgs/${t.fixture.townA.id}/development/audit`)).json()
      .data;
    expect(report.violations).toEqual(
      expect.arrayContaining([expect.objectContaining({ candidate: '周迟', step: 2, code: 'TALK_LATE' })]),
    );
    // Importing the same person again is refused against the database.
    const again = (await upload(admin, await workbook([lateTalk()]))).json().data;
    expect(again.errors.map((e: { code: string }) => e.code)).toEqual(['CANDIDATE_EXISTS']);
  });

  it('imports an admitted 预备党员: introducers snapshotted from the roster, the person enters the roster, the audit is clean', async () => {
    const before = await counts();
    const res = (await upload(worker, await workbook([admitted()]), 'dryRun=0')).json().data;
    expect(res).toMatchObject({
      total: 1,
      valid: 1,
      imported: 1,
      errors: [],
      findings: [],
      errorWorkbook: null,
    });
    const cand = await t.ctx.db
      .selectFrom('dev_candidates')
      .selectAll()
      .where('name', '=', '吴预')
      .executeTakeFirstOrThrow();
    expect(cand.status).toBe('预备党员');
    expect(cand.person_id).not.toBeNull();
    const person = await t.ctx.db
      .selectFrom('persons')
      .selectAll()
      .where('id', '=', cand.person_id!)
      .executeTakeFirstOrThrow();
    expect(person).toMatchObject({ name: '吴预', category: '预备党员', joined_on: '2025-07-08' });
    const ms = await t.ctx.db
      .selectFrom('memberships')
      .selectAll()
      .where('person_id', '=', person.id)
      .execute();
    expect(ms.map((m) => [m.org_id, m.category, m.valid_from, m.valid_to])).toEqual([
      [t.fixture.branchA.id, '预备党员', '2025-08-05', null],
    ]);
    expect((await counts()).persons).toBe(before.persons + 1);
    const intro = await t.ctx.db
      .selectFrom('dev_steps')
      .select('data')
      .where('candidate_id', '=', cand.id)
      .where('step_no', '=', 9)
      .executeTakeFirstOrThrow();
    expect(
      JSON.parse(intro.data).introducers.map((p: { name: string; category: string }) => [p.name, p.category]),
    ).toEqual([
      ['张明', '正式党员'],
      ['李华', '正式党员'],
    ]);
    const detail = (await worker.request('GET', `/api/development/candidates/${cand.id}`)).json().data;
    expect(detail.violations).toEqual([]);
    expect(detail.candidate.probationEnd).toBe('2026-07-08');
  });

  it('an introducer who was a 预备党员 on the date is history, listed by the audit', async () => {
    const row = {
      ...admitted(),
      姓名: '钱史',
      公民身份号码: makeIdNumber('1997-06-06', 317),
      入党介绍人: '张明、王强',
    };
    const d = (await upload(worker, await workbook([row]))).json().data;
    expect(d.errors).toEqual([]);
    expect(d.findings).toEqual([
      expect.objectContaining({
        step: 9,
        code: 'INTRODUCER_INVALID',
        detail: expect.stringContaining('王强'),
      }),
    ]);
  });

  it('someone already in the roster: refused as an applicant, linked (not duplicated) when admitted on record', async () => {
    const idNumber = makeIdNumber('1993-03-03', 321);
    const now = t.ctx.now().toISOString();
    const { id: personId } = await t.ctx.db
      .insertInto('persons')
      .values({
        name: '孔名册',
        gender: '男',
        category: '预备党员',
        created_at: now,
        updated_at: now,
        education: null,
        birth_date: '1993-03-03',
        joined_on: '2025-07-08',
        full_member_on: null,
        id_number_enc: null,
        id_number_bidx: blindIndex(t.ctx.ring, 'persons.id_number', idNumber),
        id_number_masked: null,
        phone_enc: null,
        phone_bidx: null,
        phone_masked: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const applicant = (
      await upload(
        worker,
        await workbook([
          { 姓名: '孔名册', 公民身份号码: idNumber, 党组织编码: 'TA-1', 递交申请书日期: '2026-01-05' },
        ]),
      )
    ).json().data;
    expect(applicant.errors).toEqual([
      expect.objectContaining({ row: 2, column: '公民身份号码', code: 'ALREADY_A_MEMBER' }),
    ]);
    const before = await counts();
    const res = (
      await upload(
        worker,
        await workbook([{ ...admitted(), 姓名: '孔名册', 公民身份号码: idNumber }]),
        'dryRun=0',
      )
    ).json().data;
    expect(res).toMatchObject({ imported: 1, errors: [] });
    const cand = await t.ctx.db
      .selectFrom('dev_candidates')
      .selectAll()
      .where('name', '=', '孔名册')
      .executeTakeFirstOrThrow();
    expect(cand).toMatchObject({ status: '预备党员', person_id: personId });
    expect((await counts()).persons).toBe(before.persons);
  });

  it('terminates a pipeline with a reason (audited); a 预备党员 is cancelled through steps 23–24 instead', async () => {
    const cand = await t.ctx.db
      .selectFrom('dev_candidates')
      .selectAll()
      .where('name', '=', '周迟')
      .executeTakeFirstOrThrow();
    const url = `/api/development/candidates/${cand.id}/terminate`;
    const bad = await worker.request('POST', url, { on: '2026-11-20', reason: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('reason');
    const early = await worker.request('POST', url, { on: '2026-08-01', reason: '本人申请撤回' });
    expect(early.json().error).toMatchObject({
      code: 'DATE_BEFORE_LAST_STEP',
      fields: { on: expect.any(String) },
    });
    const ok = await worker.request('POST', url, { on: '2026-11-20', reason: '本人书面申请撤回入党申请' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().data.candidate).toMatchObject({
      status: '已终止',
      closedOn: '2026-11-20',
      closedReason: '本人书面申请撤回入党申请',
    });
    expect((await auditActions('development.candidate.terminate')).at(-1)).toMatchObject({
      before: { status: '申请人' },
      after: { status: '已终止' },
      reason: '本人书面申请撤回入党申请',
    });
    expect(
      (await worker.request('POST', url, { on: '2026-11-21', reason: '再次终止' })).json().error.code,
    ).toBe('CANDIDATE_CLOSED');
    const step = await worker.request('POST', `/api/development/candidates/${cand.id}/steps`, {
      step: 3,
      doneOn: '2026-11-21',
      method: '党员推荐',
      materials: [],
    });
    expect(step.json().error.code).toBe('CANDIDATE_CLOSED');
    const probationer = await t.ctx.db
      .selectFrom('dev_candidates')
      .select('id')
      .where('name', '=', '吴预')
      .executeTakeFirstOrThrow();
    const refused = await worker.request('POST', `/api/development/candidates/${probationer.id}/terminate`, {
      on: '2026-11-20',
      reason: '表现不好',
    });
    expect(refused.json().error).toMatchObject({
      code: 'PROBATIONARY_NEEDS_MEETING',
      message: expect.stringContaining('第23步'),
    });
  });
});
