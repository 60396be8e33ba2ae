import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { openTestApp, type Session, type TestApp } from '../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';
import { buildSampleWorkbook, sampleRowsWithErrors, validSampleRow } from './roster.sample-workbook.ts';
import { XLSX_MIME } from './roster.xlsx.ts';

interface Job {
  id: number;
  status: 'running' | 'done' | 'failed';
  fileError: string | null;
  report: {
    total: number;
    valid: number;
    imported: number;
    errors: Array<{ row: number; column: string; code: string; message: string }>;
  } | null;
  hasErrorWorkbook: boolean;
}

async function upload(s: Session, file: Buffer, query: string): Promise<Job> {
  const res = await s.request('POST', `/api/roster/imports?${query}&fileName=members.xlsx`, file, {
    'content-type': XLSX_MIME,
  });
  expect(res.statusCode, res.body).toBe(202);
  const id = res.json().data.id as number;
  for (let i = 0; i < 400; i++) {
    const job = (await s.request('GET', `/api/roster/imports/${id}`)).json().data as Job;
    if (job.status !== 'running') return job;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('import did not finish');
}

async function readSheet(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}

describeEachEngine('roster API', (use) => {
  let t: TestApp;
  const counts = async () => ({
    persons: (await t.ctx.db.selectFrom('persons').select('id').execute()).length,
    memberships: (await t.ctx.db.selectFrom('memberships').select('id').execute()).length,
    profiles: (await t.ctx.db.selectFrom('roster_profiles').select('person_id').execute()).length,
  });
  const audits = async (action: string) =>
    t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

  it('refuses anonymous callers, other townships and bad parameters', async () => {
    t = await openTestApp(use());
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/roster/members?orgId=${t.fixture.townA.id}` }))
        .statusCode,
    ).toBe(401);
    const a = await t.login('admin_a');
    const before = (await audits('authz_denied')).length;
    expect((await a.request('GET', `/api/roster/members?orgId=${t.fixture.townB.id}`)).statusCode).toBe(403);
    expect((await audits('authz_denied')).length).toBe(before + 1);
    const bad = await a.request('GET', `/api/roster/members?orgId=${t.fixture.townA.id}&limit=500&gender=X`);
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['查询参数 gender', '查询参数 limit']);
    const noReason = await a.request('POST', '/api/roster/transfers', { personId: 1, toOrgCode: 'TB-1' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields).toHaveProperty('reason');
    const member = await t.login('member_a');
    expect(
      (await member.request('GET', `/api/roster/members?orgId=${t.fixture.branchA.id}`)).statusCode,
    ).toBe(403);
  });

  it('dry run reports every bad row with its row, column and a Chinese message, writing nothing', async () => {
    const a = await t.login('admin_a');
    const before = await counts();
    const { rows, badRows } = sampleRowsWithErrors('TA-1', 'TB-1');
    const job = await upload(a, await buildSampleWorkbook(rows), 'dryRun=1');
    expect(job.status).toBe('done');
    expect(job.report!.total).toBe(rows.length);
    expect(job.report!.valid).toBe(6); // 6 good rows; row 14 repeats row 2 and is refused
    expect(job.report!.imported).toBe(0);
    expect([...new Set(job.report!.errors.map((e) => e.row))]).toEqual(badRows);
    expect(job.report!.errors.map((e) => `${e.row}:${e.column}:${e.code}`)).toEqual([
      '8:公民身份号码:ID_CHECK_DIGIT',
      '9:性别:GENDER_MISMATCH',
      '10:入党日期:JOINED_IN_FUTURE',
      '11:联系电话:PHONE_FORMAT',
      '12:党组织编码:ORG_NOT_FOUND',
      '13:党组织编码:ORG_OUT_OF_SCOPE',
      '14:公民身份号码:DUPLICATE_IN_FILE',
    ]);
    expect(job.report!.errors[0]!.message).toMatch(/^第8行：/);
    expect(await counts()).toEqual(before);
    expect((await audits('roster.import.dry_run')).length).toBeGreaterThan(0);

    // The annotated workbook: same rows, the faulty cells flagged, a 错误说明 column.
    const wbRes = await a.request('GET', `/api/roster/imports/${job.id}/errors.xlsx`);
    expect(wbRes.statusCode).toBe(200);
    expect(wbRes.headers['content-type']).toBe(XLSX_MIME);
    const ws = await readSheet(wbRes.rawPayload);
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header.at(-1)).toBe('错误说明');
    expect(String(ws.getRow(11).getCell(header.length).value)).toContain('联系电话');
    expect(ws.getRow(11).getCell(header.indexOf('联系电话') + 1).note).toBeTruthy();
    expect(ws.getRow(2).getCell(header.length).value).toBeNull();
  });

  it('a commit with bad rows writes nothing; --allow-partial writes only the valid rows', async () => {
    const a = await t.login('admin_a');
    const before = await counts();
    const { rows } = sampleRowsWithErrors('TA-1', 'TB-1', 1000);
    const file = await buildSampleWorkbook(rows);
    const refused = await upload(a, file, 'dryRun=0');
    expect(refused.report).toMatchObject({ imported: 0, valid: 6 });
    expect(await counts()).toEqual(before);
    const failedAudit = (await audits('roster.import')).filter((r) => r.result === 'failed');
    expect(failedAudit.length).toBe(1);

    const partial = await upload(a, file, 'dryRun=0&allowPartial=1');
    expect(partial.report).toMatchObject({ imported: 6, valid: 6 });
    expect(partial.report!.errors.length).toBe(7);
    const after = await counts();
    expect(after).toEqual({
      persons: before.persons + 6,
      memberships: before.memberships + 6,
      profiles: before.profiles + 6,
    });
    // Stored encrypted with a blind index and a masked copy.
    const p = await t.ctx.db
      .selectFrom('persons')
      .selectAll()
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(p.id_number_enc).toMatch(/^v\d+\./);
    expect(p.id_number_masked).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    const ok = (await audits('roster.import')).filter((r) => r.result === 'ok');
    expect(JSON.parse(ok.at(-1)!.detail)).toMatchObject({ imported: 6 });

    // The same file again: every row now collides with the database.
    const again = await upload(a, await buildSampleWorkbook(rows.slice(0, 2)), 'dryRun=1');
    expect(again.report!.errors.map((e) => e.code)).toEqual(['DUPLICATE_IN_DB', 'DUPLICATE_IN_DB']);
  });

  it('fixing the error workbook and importing it again succeeds', async () => {
    const a = await t.login('admin_a');
    const rows = [validSampleRow(3001, 'TA-2'), { ...validSampleRow(3002, 'TA-2'), 联系电话: '555' }];
    const job = await upload(a, await buildSampleWorkbook(rows), 'dryRun=0');
    expect(job.report!.imported).toBe(0);
    const ws = await readSheet(
      (await a.request('GET', `/api/roster/imports/${job.id}/errors.xlsx`)).rawPayload,
    );
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    ws.getRow(3).getCell(header.indexOf('联系电话') + 1).value = '13900003002';
    const fixed = Buffer.from(await ws.workbook.xlsx.writeBuffer());
    const done = await upload(a, fixed, 'dryRun=0');
    expect(done.report).toEqual({ total: 2, valid: 2, imported: 2, errors: [] });
  });

  it('refuses files that are not .xlsx, and zip bombs, as file-level errors', async () => {
    const a = await t.login('admin_a');
    const before = await counts();
    // Not a workbook at all: refused at once, a 400 naming the file (no job is started).
    const notXlsx = await a.request('POST', '/api/roster/imports?dryRun=1&fileName=members.xlsx', Buffer.from('姓名,性别\n张三,男\n'), {
      'content-type': XLSX_MIME,
    });
    expect(notXlsx.statusCode).toBe(400);
    expect(notXlsx.json().error).toMatchObject({ code: 'NOT_XLSX', fields: { file: expect.stringMatching(/不是有效的.xlsx/) } });
    const empty = await a.request('POST', '/api/roster/imports?dryRun=1', Buffer.alloc(0), {
      'content-type': XLSX_MIME,
    });
    expect(empty.statusCode).toBe(400);
    const wrongType = await a.request('POST', '/api/roster/imports?dryRun=1', 'a,b', {
      'content-type': 'text/csv',
    });
    expect([400, 415]).toContain(wrongType.statusCode);
    expect(await counts()).toEqual(before);
  });

  it('lists members page by page (keyset) with filters, masked', async () => {
    const a = await t.login('admin_a');
    const first = await a.request('GET', `/api/roster/members?orgId=${t.fixture.townA.id}&limit=4`);
    expect(first.statusCode).toBe(200);
    const p1 = first.json().data;
    expect(p1.items).toHaveLength(4);
    expect(p1.total).toBeGreaterThan(4);
    const p2 = (
      await a.request(
        'GET',
        `/api/roster/members?orgId=${t.fixture.townA.id}&limit=200&after=${encodeURIComponent(p1.nextCursor)}`,
      )
    ).json().data;
    const ids = [...p1.items, ...p2.items].map((m: { personId: number }) => m.personId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(p1.total);
    expect(p2.nextCursor).toBeNull();
    const women = (
      await a.request(
        'GET',
        `/api/roster/members?orgId=${t.fixture.townA.id}&gender=${encodeURIComponent('女')}&limit=200`,
      )
    ).json().data.items;
    expect(women.every((m: { gender: string }) => m.gender === '女')).toBe(true);
    const imported = p2.items.find((m: { idNumber: string | null }) => m.idNumber);
    expect(imported.idNumber).toContain('*');
  });

  it('searches 姓名 from the start (indexed) or anywhere in the name, within the subtree only', async () => {
    const a = await t.login('admin_a');
    const list = async (query: string) =>
      (await a.request('GET', `/api/roster/members?orgId=${t.fixture.townA.id}&limit=200&${query}`)).json()
        .data as {
        items: Array<{ personId: number; name: string }>;
        total: number;
        totalCapped: boolean;
      };
    const all = (await list('')).items;
    const sample = all.find((m) => m.name.length >= 3)!;
    const ids = (xs: Array<{ personId: number }>) => xs.map((m) => m.personId).sort((x, y) => x - y);
    const prefix = sample.name.slice(0, 2);
    const byPrefix = await list(`q=${encodeURIComponent(prefix)}`);
    expect(ids(byPrefix.items)).toEqual(ids(all.filter((m) => m.name.startsWith(prefix))));
    expect(byPrefix.total).toBe(byPrefix.items.length);
    expect(byPrefix.totalCapped).toBe(false);
    const inner = sample.name.slice(1);
    const startsWithInner = await list(`q=${encodeURIComponent(inner)}`);
    expect(ids(startsWithInner.items)).toEqual(ids(all.filter((m) => m.name.startsWith(inner))));
    const containing = await list(`q=${encodeURIComponent(inner)}&match=contains`);
    expect(ids(containing.items)).toEqual(ids(all.filter((m) => m.name.includes(inner))));
    expect(containing.items.map((m) => m.personId)).toContain(sample.personId);
    expect((await list(`q=${encodeURIComponent('㐀不存在')}`)).items).toEqual([]);
    const bad = await a.request('GET', `/api/roster/members?orgId=${t.fixture.townA.id}&q=x&match=fuzzy`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty(['查询参数 match']);
  });

  it('reveals clear values to an org admin only, audited; export is masked unless an admin asks', async () => {
    const a = await t.login('admin_a');
    const w = await t.login('worker_a');
    const row = await t.ctx.db
      .selectFrom('persons')
      .select('id')
      .where('id_number_enc', 'is not', null)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const branchMember = await t.ctx.db
      .selectFrom('memberships')
      .select(['person_id', 'org_id'])
      .where('person_id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(branchMember).toBeTruthy();
    const revealed = await a.request('POST', `/api/roster/members/${row.id}/reveal`);
    expect(revealed.statusCode).toBe(200);
    expect(revealed.json().data.idNumber).toMatch(/^\d{17}[\dX]$/);
    expect((await audits('roster.member.reveal')).length).toBe(1);
    expect((await w.request('POST', `/api/roster/members/${row.id}/reveal`)).statusCode).toBe(403);

    const masked = await a.request('GET', `/api/roster/export.xlsx?orgId=${t.fixture.townA.id}`);
    expect(masked.statusCode).toBe(200);
    const ws = await readSheet(masked.rawPayload);
    const ids = [];
    for (let i = 2; i <= ws.rowCount; i++) ids.push(String(ws.getRow(i).getCell(5).value ?? ''));
    expect(ids.filter((x) => x).every((x) => x.includes('*'))).toBe(true);
    expect((await audits('roster.export')).length).toBe(1);
    expect(
      (await w.request('GET', `/api/roster/export.xlsx?orgId=${t.fixture.branchA.id}&unmask=1`)).statusCode,
    ).toBe(403);
    const clear = await a.request('GET', `/api/roster/export.xlsx?orgId=${t.fixture.townA.id}&unmask=1`);
    expect(clear.statusCode).toBe(200);
    expect((await audits('roster.export.unmasked')).length).toBe(1);
  });

  it('updates the profile (flags, party status) with an audit row, and rejects a status without reason', async () => {
    const a = await t.login('admin_a');
    const pid = (
      await t.ctx.db
        .selectFrom('memberships')
        .select('person_id')
        .where('org_id', '=', t.fixture.branchA.id)
        .where('valid_to', 'is', null)
        .executeTakeFirstOrThrow()
    ).person_id;
    const res = await a.request('PATCH', `/api/roster/members/${pid}/profile`, {
      hardship: true,
      floating: true,
      floatingDestination: '杭州市西湖区',
      address: '甲镇东村12号',
      groupOrgId: t.fixture.groupA.id,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().data.flags).toEqual({ floating: true, hardship: true, communityReport: false });
    expect(res.json().data.group.id).toBe(t.fixture.groupA.id);
    const audit = (await audits('roster.member.update')).at(-1)!;
    expect(audit.detail).not.toContain('甲镇东村12号');
    expect(res.json().data.floatingTransferDue).toBe(false);
    // Away 6 months (roster.transfer.awayMonths) → the relationship should be transferred; one day less → not yet.
    for (const [since, due] of [
      ['2026-05-23', true],
      ['2026-05-24', false],
    ] as const) {
      await t.ctx.db
        .updateTable('roster_profiles')
        .set({ floating_since: since })
        .where('person_id', '=', pid)
        .execute();
      const item = (
        await a.request('GET', `/api/roster/members?orgId=${t.fixture.branchA.id}&flag=floating`)
      ).json().data.items[0];
      expect([item.personId, item.floatingTransferDue]).toEqual([pid, due]);
    }
    const bad = await a.request('PATCH', `/api/roster/members/${pid}/profile`, { partyStatus: '停止党籍' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('partyStatusReason');
  });

  it('analyses the structure of a subtree', async () => {
    const a = await t.login('admin_a');
    const res = await a.request('GET', `/api/roster/structure?orgId=${t.fixture.townA.id}`);
    expect(res.statusCode).toBe(200);
    const s = res.json().data;
    const list = (await a.request('GET', `/api/roster/members?orgId=${t.fixture.townA.id}&limit=1`)).json()
      .data;
    expect(s.total).toBe(list.total);
    expect(s.ageBands.reduce((n: number, b: { count: number }) => n + b.count, 0)).toBe(s.total);
    expect(s.gender.reduce((n: number, b: { count: number }) => n + b.count, 0)).toBe(s.total);
    expect(s.branches.map((b: { code: string }) => b.code).sort()).toEqual(['TA-1', 'TA-2']);
    const xlsx = await a.request('GET', `/api/roster/structure.xlsx?orgId=${t.fixture.townA.id}`);
    expect(xlsx.statusCode).toBe(200);
  });

  it('moves a member from township A to township B: approve, accept; each side sees only its part', async () => {
    const a = await t.login('admin_a');
    const b = await t.login('admin_b');
    const w = await t.login('worker_a');
    const pid = (
      await t.ctx.db
        .selectFrom('memberships as m')
        .innerJoin('persons as p', 'p.id', 'm.person_id')
        .select('m.person_id')
        .where('m.org_id', '=', t.fixture.branchA.id)
        .where('m.valid_to', 'is', null)
        .where('p.name', '=', '王强')
        .executeTakeFirstOrThrow()
    ).person_id;
    const created = await w.request('POST', '/api/roster/transfers', {
      personId: pid,
      toOrgCode: 'TB-1',
      reason: '工作调动到乙镇',
    });
    expect(created.statusCode, created.body).toBe(201);
    const tr = created.json().data;
    expect(tr).toMatchObject({ status: 'pending_approval', needsApproval: true });
    // A second transfer for the same member is refused while this one is open.
    expect(
      (await w.request('POST', '/api/roster/transfers', { personId: pid, toOrgCode: 'TA-2', reason: '重复' }))
        .statusCode,
    ).toBe(409);

    // The receiver does not see it before approval; the member is still with the sender.
    expect(
      (await b.request('GET', `/api/roster/transfers?orgId=${t.fixture.townB.id}&status=all`)).json().data,
    ).toEqual([]);
    expect((await b.request('GET', `/api/roster/transfers/${tr.id}`)).statusCode).toBe(403);
    expect(
      (await b.request('POST', `/api/roster/transfers/${tr.id}/actions`, { action: 'accept' })).statusCode,
    ).toBe(403);
    // A branch worker cannot approve for the 党委.
    expect(
      (await w.request('POST', `/api/roster/transfers/${tr.id}/actions`, { action: 'approve' })).statusCode,
    ).toBe(403);
    expect(
      (await a.request('POST', `/api/roster/transfers/${tr.id}/actions`, { action: 'approve' })).json().data
        .status,
    ).toBe('pending_acceptance');

    const inbox = (await b.request('GET', `/api/roster/transfers?orgId=${t.fixture.townB.id}`)).json().data;
    expect(
      inbox.map((x: { id: number; direction: string; actions: string[] }) => [x.id, x.direction, x.actions]),
    ).toEqual([[tr.id, 'in', ['accept', 'return']]]);
    expect((await a.request('GET', `/api/roster/members/${pid}`)).statusCode).toBe(200);
    expect((await b.request('GET', `/api/roster/members/${pid}`)).statusCode).toBe(403);
    // The sender cannot accept on the receiver's behalf.
    expect(
      (await a.request('POST', `/api/roster/transfers/${tr.id}/actions`, { action: 'accept' })).statusCode,
    ).toBe(403);

    // The sender prints the 组织关系介绍信 (with its return slip); the receiver cannot issue it.
    const letter = await a.request('GET', `/api/roster/transfers/${tr.id}/letter`);
    expect(letter.statusCode).toBe(200);
    expect(letter.body).toContain('组织关系介绍信');
    expect(letter.body).toContain('回　执');
    expect(letter.body).toContain('乙镇南村党支部');
    expect((await b.request('GET', `/api/roster/transfers/${tr.id}/letter`)).statusCode).toBe(403);

    const accepted = await b.request('POST', `/api/roster/transfers/${tr.id}/actions`, { action: 'accept' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().data.status).toBe('accepted');
    const history = await t.ctx.db
      .selectFrom('memberships')
      .selectAll()
      .where('person_id', '=', pid)
      .orderBy('id')
      .execute();
    expect(history.map((h) => [h.org_id, h.valid_to])).toEqual([
      [t.fixture.branchA.id, '2026-11-23'],
      [t.fixture.branchB.id, null],
    ]);
    expect((await b.request('GET', `/api/roster/members/${pid}`)).statusCode).toBe(200);
    expect((await a.request('GET', `/api/roster/members/${pid}`)).statusCode).toBe(403);
    expect((await audits('roster.transfer.accept')).length).toBe(1);
  });

  it('a receiver returns a transfer with a reason; nothing moves', async () => {
    const a = await t.login('admin_a');
    const pid = (
      await t.ctx.db
        .selectFrom('memberships as m')
        .innerJoin('persons as p', 'p.id', 'm.person_id')
        .select('m.person_id')
        .where('m.org_id', '=', t.fixture.branchA.id)
        .where('m.valid_to', 'is', null)
        .where('p.name', '=', '张明')
        .executeTakeFirstOrThrow()
    ).person_id;
    const tr = (
      await a.request('POST', '/api/roster/transfers', {
        personId: pid,
        toOrgCode: 'TA-2',
        reason: '居住地变更',
      })
    ).json().data;
    expect(tr.status).toBe('pending_acceptance'); // inside the same 党委: no approval step
    const noReason = await a.request('POST', `/api/roster/transfers/${tr.id}/actions`, { action: 'return' });
    expect(noReason.statusCode).toBe(400);
    const returned = await a.request('POST', `/api/roster/transfers/${tr.id}/actions`, {
      action: 'return',
      reason: '材料不全',
    });
    expect(returned.json().data).toMatchObject({ status: 'returned', returnReason: '材料不全' });
    const open = await t.ctx.db
      .selectFrom('memberships')
      .select('org_id')
      .where('person_id', '=', pid)
      .where('valid_to', 'is', null)
      .execute();
    expect(open.map((o) => o.org_id)).toEqual([t.fixture.branchA.id]);
  });

  it('shows a member their own record, organisation and secretary', async () => {
    const m = await t.login('member_a');
    const res = await m.request('GET', '/api/roster/me');
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({
      name: '张明',
      org: { code: 'TA-1' },
      secretary: { name: '李华' },
    });
    await t.app.close();
  });
});
