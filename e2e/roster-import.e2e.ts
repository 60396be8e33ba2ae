// Member import in a real browser: upload a workbook with bad rows, see every error with its
// Excel row, download the annotated error workbook, fix it, import it, find the members.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildSampleWorkbook, sampleRowsWithErrors, validSampleRow } from '../src/server/modules/roster/roster.sample-workbook.ts';
import { launchBrowser } from './browser.ts';
import { apiJson, findOrgBelow, submitLogin } from './helpers.ts';
import { startServer, type E2eServer } from './server.ts';

let server: E2eServer;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

async function upload(page: Page, name: string, file: Buffer) {
  await page.locator('input[type="file"]').setInputFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
  await page.getByTestId('roster-commit').click();
  await page.getByTestId('roster-import-summary').waitFor({ timeout: 60_000 });
}

test('import with bad rows → errors → error workbook → fix → import', async () => {
  const admin = server.seed.users.find((u) => u.role === 'org_admin' && u.orgCode !== server.seed.users.find((x) => x.role === 'system_admin')!.orgCode) ?? server.seed.users.find((u) => u.role === 'org_admin')!;
  const root = server.seed.users.find((u) => u.role === 'system_admin')!;
  context = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('/login');
  await page.getByLabel('用户名', { exact: true }).waitFor({ timeout: 90_000 });
  await submitLogin(page, admin.username, server.password);
  await page.waitForURL(/\/orgs\/\d+/, { timeout: 90_000 });

  const { org: branch } = await findOrgBelow(context.request, admin.orgId, (o) => o.kind === '党支部' && o.status === 'active');
  const { rows, badRows } = sampleRowsWithErrors(branch.code, root.orgCode, 70_000);
  const before = (await apiJson<{ total: number }>(context.request, `/api/roster/members?orgId=${branch.id}&limit=1`)).total;

  await page.goto(`/orgs/${admin.orgId}/roster/import`);
  await page.getByTestId('roster-import').waitFor({ timeout: 60_000 });
  await upload(page, '党员信息.xlsx', await buildSampleWorkbook(rows));
  await expect.poll(() => page.getByTestId('roster-import-summary').textContent()).toContain('未导入');
  const table = page.getByTestId('roster-import-errors');
  const rowNumbers = (await table.locator('tbody tr td:first-child').allTextContents()).map(Number).filter((n) => n > 0);
  expect([...new Set(rowNumbers)]).toEqual(badRows);
  const text = (await table.textContent()) ?? '';
  expect(text).toContain('公民身份号码校验位错误');
  expect(text).toContain('不在您的管辖范围内');
  expect(text).toContain('与第2行重复');

  // Download the annotated workbook.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('roster-error-workbook').click()]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const noteCol = header.indexOf('错误说明') + 1;
  expect(noteCol).toBeGreaterThan(0);
  for (const r of badRows) expect(String(ws.getRow(r).getCell(noteCol).value ?? '')).not.toBe('');
  expect(ws.getRow(2).getCell(noteCol).value ?? null).toBeNull();

  // Fix each faulty row in the downloaded workbook (replace it with a correct record) and import that file.
  badRows.forEach((r, i) => {
    const good = validSampleRow(71_000 + i, branch.code);
    header.forEach((h, c) => {
      if (h === '错误说明') return;
      ws.getRow(r).getCell(c + 1).value = (good as Record<string, string | number | null | undefined>)[h] ?? null;
    });
  });
  const fixed = Buffer.from(await wb.xlsx.writeBuffer());
  await page.reload();
  await page.getByTestId('roster-import').waitFor({ timeout: 60_000 });
  await upload(page, '党员信息-已修正.xlsx', fixed);
  await expect.poll(() => page.getByTestId('roster-import-summary').textContent()).toContain(`已导入 ${rows.length} 行`);
  const after = (await apiJson<{ total: number }>(context.request, `/api/roster/members?orgId=${branch.id}&limit=1`)).total;
  expect(after).toBe(before + rows.length);

  // The members are in the roster, masked.
  await page.goto(`/orgs/${branch.id}/roster?q=${encodeURIComponent(String(rows[1]!.姓名))}`);
  await page.getByTestId('roster-members').waitFor({ timeout: 60_000 });
  await expect.poll(() => page.getByTestId('roster-members').textContent()).toContain(String(rows[1]!.姓名));
  expect(await page.getByTestId('roster-members').textContent()).toContain('**********');
  expect(errors).toEqual([]);
});
