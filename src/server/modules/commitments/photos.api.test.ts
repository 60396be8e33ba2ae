import { expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';
import { PNG_BASE64 } from './commitments.authz-cases.ts';

describeEachEngine('践诺 photo evidence: type and size limits, storage, scope', (use) => {
  let t: TestApp;
  let id = 0;
  let progressId = 0;
  const url = () => `/api/commitments/${id}/progress/${progressId}/photos`;
  const photoRows = async () => (await t.ctx.db.selectFrom('cm_photos').select('id').execute()).length;

  it('uploads a PNG to a progress entry (audited) and serves it back in scope', async () => {
    t = await openTestApp(use());
    const a = await t.login('admin_a');
    id = (
      await a.request('POST', '/api/commitments', {
        orgId: t.fixture.branchA.id,
        committerKind: 'org',
        type: '即时承诺',
        year: 2026,
        title: '修复村口路灯',
        content: '一周内修复',
      })
    ).json().data.id;
    await t.ctx.db
      .updateTable('cm_commitments')
      .set({ status: 'published', opinion_ends_on: '2026-11-01', published_on: '2026-11-02' })
      .where('id', '=', id)
      .execute();
    progressId = (await a.request('POST', `/api/commitments/${id}/progress`, { note: '已更换灯具' })).json()
      .data.id;
    const res = await a.request('POST', url(), {
      fileName: '路灯.png',
      mimeType: 'image/png',
      contentBase64: PNG_BASE64,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().data).toMatchObject({ fileName: '路灯.png', size: 9 });
    const detail = (await a.request('GET', `/api/commitments/${id}`)).json().data;
    expect(detail.progress[0].photos).toEqual([{ id: res.json().data.id, fileName: '路灯.png' }]);
    const file = await a.request('GET', `/api/commitments/photos/${res.json().data.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.rawPayload.toString('base64')).toBe(PNG_BASE64);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'commitment.photo.upload')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it.each([
    ['a GIF', { mimeType: 'image/gif' }, 400, 'mimeType'],
    [
      'a PDF renamed as PNG',
      { contentBase64: Buffer.from('%PDF-1.4 x').toString('base64') },
      400,
      'mimeType',
    ],
    [
      'a photo over the rulebook limit (5 MB)',
      {
        contentBase64: Buffer.concat([
          Buffer.from(PNG_BASE64, 'base64'),
          Buffer.alloc(5 * 1024 * 1024),
        ]).toString('base64'),
      },
      413,
      'contentBase64',
    ],
  ])('refuses %s, storing nothing', async (_n, over, status, field) => {
    const before = await photoRows();
    const a = await t.login('admin_a');
    const res = await a.request('POST', url(), {
      fileName: 'x.png',
      mimeType: 'image/png',
      contentBase64: PNG_BASE64,
      ...over,
    });
    expect(res.statusCode).toBe(status);
    expect(res.json().error.fields).toHaveProperty(field);
    expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await photoRows()).toBe(before);
  });

  it('the other township can neither add nor see photos (403, audited)', async () => {
    const b = await t.login('admin_b');
    const res = await b.request('POST', url(), {
      fileName: 'x.png',
      mimeType: 'image/png',
      contentBase64: PNG_BASE64,
    });
    expect(res.statusCode).toBe(403);
    const photo = await t.ctx.db.selectFrom('cm_photos').select('id').executeTakeFirstOrThrow();
    expect((await b.request('GET', `/api/commitments/photos/${photo.id}`)).statusCode).toBe(403);
  });
});
