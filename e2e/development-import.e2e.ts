// Importing pipelines in progress in a real browser: a township administrator downloads the
// template, uploads a workbook with one bad row and one late talk, sees the row error and the
// history finding, downloads the annotated workbook, imports the good row, finds it on the
// board marked 历史补录, terminates it with a reason, and opens the quotas and calendar page.
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { checkCharacter } from '../src/core/person/id-number.ts';
import { launchBrowser } from './browser.ts';
import { findOrgBelow, submitLogin } from './helpers.ts';
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

function chinaToday(): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(date + 'T00:00:00Z') + days * 86_400_000).toISOString().slice(0, 10);
}

const idNumber = (birth: string, seq: string) => {
  const first17 = `339900${birth.replaceAll('-', '')}${seq}`;
  return first17 + checkCharacter(first17);
};

async function fillTemplate(template: Buffer, rows: Record<string, string>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  rows.forEach((r, i) => {
    for (const [k, v] of Object.entries(r)) ws.getRow(i + 2).getCell(headers.indexOf(k) + 1).value = v;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(page: Page, file: Buffer, button: 'development-dry-run' | 'development-commit') {
  await page.locator('input[type="file"]').setInputFiles({
    name: '在途发展党员.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: file,
  });
  await page.getByTestId(button).click();
  await page.getByTestId('development-import-summary').waitFor({ timeout: 60_000 });
}

test('import pipelines in progress: row errors, history findings, error workbook, partial import, termination', async () => {
  const admin = server.seed.users.find(
    (u) => u.role === 'org_admin' && /党委|党工委/.test(u.orgName) && !u.orgName.includes('县委'),
  )!;
  context = await browser.newContext({
    baseURL: server.baseUrl,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
    viewport: { width: 1366, height: 900 },
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('/login');
  await page.getByLabel('用户名', { exact: true }).waitFor({ timeout: 90_000 });
  await submitLogin(page, admin.username, server.password);
  await page.waitForURL(`**/orgs/${admin.orgId}/workbench`, { timeout: 90_000 });
  const { org: branch } = await findOrgBelow(
    context.request,
    admin.orgId,
    (o) => o.kind === '党支部' && o.status === 'active',
  );

  // From the branch board to the import page; the template downloads.
  await page.goto(`/orgs/${branch.id}/development`);
  await page.getByTestId('development-import-link').click();
  await page.getByTestId('development-import').waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('development-template').click(),
  ]);
  const template = await (async () => {
    const chunks: Buffer[] = [];
    for await (const c of (await download.createReadStream()) as AsyncIterable<Buffer>) chunks.push(c);
    return Buffer.concat(chunks);
  })();

  const T = chinaToday();
  const name = '导入测试乙';
  const rows: Record<string, string>[] = [
    {
      姓名: name,
      公民身份号码: idNumber('1996-06-06', '313'),
      党组织编码: branch.code,
      递交申请书日期: addDays(T, -200).replaceAll('-', '.'),
      谈话日期: addDays(T, -120),
      谈话人: '支部书记',
    },
    {
      姓名: '导入测试丙',
      公民身份号码: idNumber('1996-06-07', '315'),
      党组织编码: branch.code,
      递交申请书日期: '2025-02-30',
    },
  ];
  const file = await fillTemplate(template, rows);

  // Dry run: the bad row with its Excel row and column; the late talk accepted as history.
  await upload(page, file, 'development-dry-run');
  await expect
    .poll(() => page.getByTestId('development-import-summary').textContent())
    .toContain('校验完成：共 2 行，有效 1 行，错误 1 条');
  const errorTable = (await page.getByTestId('development-import-errors').textContent()) ?? '';
  expect(errorTable).toContain('3');
  expect(errorTable).toContain('递交申请书日期');
  expect(errorTable).toContain('无法识别');
  const findings = (await page.getByTestId('development-import-findings').textContent()) ?? '';
  expect(findings).toContain(name);
  expect(findings).toContain('TALK_LATE');
  const [errWb] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('development-error-workbook').click(),
  ]);
  expect(errWb.suggestedFilename()).toContain('错误标注');

  // All or nothing: refused; with 仅导入有效行, the good row goes in.
  await page.getByTestId('development-commit').click();
  await expect
    .poll(() => page.getByTestId('development-import-summary').textContent(), { timeout: 60_000 })
    .toContain('未导入');
  await page.getByTestId('development-allow-partial').click();
  await page.getByTestId('development-commit').click();
  await expect
    .poll(() => page.getByTestId('development-import-summary').textContent(), { timeout: 60_000 })
    .toContain('已导入 1 行');

  // On the board, then the candidate page: the step is marked 历史补录 and the audit lists it.
  await page.goto(`/orgs/${branch.id}/development`);
  await page.getByTestId('development-board').getByText(name).click();
  await page.waitForURL('**/development/candidates/*');
  await page.getByTestId('step-timeline').getByText('历史补录').first().waitFor();
  expect(await page.getByTestId('candidate-violation').first().textContent()).toContain('超过1个月');

  // 终止发展 with a reason.
  await page.getByTestId('terminate-button').click();
  await page.getByTestId('terminate-reason').fill('本人书面申请撤回入党申请');
  await page.getByTestId('terminate-ok').click();
  await page.getByTestId('candidate-closed').waitFor();
  expect(await page.getByTestId('candidate-closed').textContent()).toContain('本人书面申请撤回入党申请');
  expect(await page.getByTestId('candidate-status').textContent()).toBe('已终止');

  // The quotas and calendar page of the township.
  await page.goto(`/orgs/${admin.orgId}/development/settings`);
  await page.getByTestId('development-quotas').getByText(admin.orgName).first().waitFor();
  await page.getByRole('tab', { name: '工作日历' }).click();
  await page.getByTestId('development-calendar').waitFor();
  expect(errors).toEqual([]);
});
