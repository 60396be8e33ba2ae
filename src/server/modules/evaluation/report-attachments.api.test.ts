import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG_HEADER = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

describeEachEngine('evaluation API: 述职报告 attachments', (use) => {
  let t: TestApp;
  let subjectId = 0;
  let dir = '';
  const upload = (body: Record<string, unknown>, who = 'admin_a') =>
    t.login(who).then((s) => s.request('POST', `/api/evaluation/subjects/${subjectId}/attachments`, body));
  const attachments = async () =>
    JSON.parse(
      (
        await t.ctx.db
          .selectFrom('eval_subjects')
          .select('attachments')
          .where('id', '=', subjectId)
          .executeTakeFirstOrThrow()
      ).attachments,
    ) as Array<{ name: string; key?: string }>;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'eval-attach-'));
    process.env.DANGJIAN_DATA_DIR = dir;
  });
  afterAll(() => {
    delete process.env.DANGJIAN_DATA_DIR;
    rmSync(dir, { recursive: true, force: true });
  });

  it('uploads a PDF to a 述职报告 and serves it back to readers of the campaign (audited)', async () => {
    t = await openTestApp(use());
    const a = await t.login('admin_a');
    const c = await a.request('POST', '/api/evaluation/campaigns', {
      orgId: t.fixture.townA.id,
      year: 2026,
      title: '甲镇2026年度述职评议',
    });
    expect(c.statusCode, c.body).toBe(201);
    const detail = (await a.request('GET', `/api/evaluation/campaigns/${c.json().data.id}`)).json().data;
    subjectId = detail.subjects[0].id;
    const res = await upload({
      fileName: '述职报告.pdf',
      mimeType: 'application/pdf',
      contentBase64: PDF.toString('base64'),
    });
    expect(res.statusCode, res.body).toBe(201);
    const key = res.json().data.key as string;
    expect(res.json().data).toMatchObject({
      name: '述职报告.pdf',
      sizeBytes: PDF.length,
      mimeType: 'application/pdf',
    });
    const get = await a.request('GET', `/api/evaluation/subjects/${subjectId}/attachments/${key}`);
    expect(get.statusCode).toBe(200);
    expect(get.headers['content-type']).toBe('application/pdf');
    expect(get.rawPayload.equals(PDF)).toBe(true);
    const rows = await t.ctx.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'evaluation.report.attachment.upload')
      .execute();
    expect(rows).toHaveLength(1);
  });

  it.each([
    [
      'a Word file',
      { fileName: 'a.doc', mimeType: 'application/msword', contentBase64: 'AAAA' },
      400,
      'mimeType',
    ],
    [
      'a PDF that is really a PNG',
      { fileName: 'b.pdf', mimeType: 'application/pdf', contentBase64: PNG_HEADER.toString('base64') },
      400,
      'mimeType',
    ],
    [
      'a file over the size limit',
      {
        fileName: 'c.pdf',
        mimeType: 'application/pdf',
        contentBase64: Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]).toString('base64'),
      },
      413,
      'contentBase64',
    ],
  ])('refuses %s with a Chinese error naming the field, storing nothing', async (_n, body, status, field) => {
    const before = await attachments();
    const res = await upload(body);
    expect(res.statusCode, res.body).toBe(status);
    expect(Object.keys(res.json().error.fields ?? {})).toContain(field);
    expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await attachments()).toEqual(before);
  });

  it('keeps uploaded files when the report is saved, removes one on request, refuses the other township', async () => {
    const a = await t.login('admin_a');
    const save = await a.request('PUT', `/api/evaluation/subjects/${subjectId}/report`, {
      reportText: '述职报告正文',
      problems: [],
      attachments: [{ name: '工作台账', url: 'https://example.org/ledger' }],
    });
    expect(save.statusCode, save.body).toBe(200);
    const list = await attachments();
    expect(list.map((x) => x.name)).toEqual(['述职报告.pdf', '工作台账']);
    const key = list[0]!.key!;
    const b = await t.login('admin_b');
    expect(
      (await b.request('GET', `/api/evaluation/subjects/${subjectId}/attachments/${key}`)).statusCode,
    ).toBe(403);
    expect(
      (await b.request('DELETE', `/api/evaluation/subjects/${subjectId}/attachments/${key}`)).statusCode,
    ).toBe(403);
    const del = await a.request('DELETE', `/api/evaluation/subjects/${subjectId}/attachments/${key}`);
    expect(del.statusCode, del.body).toBe(200);
    expect((await attachments()).map((x) => x.name)).toEqual(['工作台账']);
    expect(
      (await a.request('GET', `/api/evaluation/subjects/${subjectId}/attachments/${key}`)).statusCode,
    ).toBe(404);
  });
});
