// The security administrator on the users page (issue 17 item 5): 重置密码 shows a one-time
// initial password that logs the account in; 停用 then 启用 lets a disabled account back in.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser } from './browser.ts';
import { submitLogin } from './helpers.ts';
import { startServer, type E2eServer } from './server.ts';

let server: E2eServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

async function signedIn(username: string, password = server.password): Promise<Page> {
  const context = await browser.newContext({
    baseURL: server.baseUrl,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto('/login');
  await submitLogin(page, username, password);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

async function userRow(page: Page, username: string) {
  await page.goto('/admin/users');
  await page.getByPlaceholder('用户名或姓名').fill(username);
  const row = page.locator('[data-testid="users-page"] tr', { hasText: username }).first();
  await row.waitFor();
  return row;
}

test('the security admin resets a password on the users page; the one-time password logs the account in', async () => {
  const sec = await signedIn('secadmin');
  const row = await userRow(sec, 'worker_1');
  await row.getByRole('button', { name: '重置密码' }).click();
  // antd spaces out two-character button labels ('重 置').
  await sec.getByRole('button', { name: /^重\s?置$/ }).click();
  const shown = sec.getByTestId('initial-password');
  await shown.waitFor();
  const initial = (await shown.innerText()).trim();
  expect(initial.length).toBeGreaterThanOrEqual(16);
  await sec.getByRole('button', { name: '我已记下' }).click();

  const worker = await signedIn('worker_1', initial);
  expect(new URL(worker.url()).pathname).not.toMatch(/^\/login/);
});

test('the security admin disables and re-enables an account with 停用 and 启用', async () => {
  const sec = await signedIn('secadmin');
  let row = await userRow(sec, 'worker_2');
  await row.getByRole('button', { name: /停\s?用/ }).click();
  await sec
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /^(确\s?定|OK)$/ })
    .click();
  await row.getByText('已停用').waitFor();
  row = await userRow(sec, 'worker_2');
  await row.getByRole('button', { name: /启\s?用/ }).click();
  await sec
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /^启\s?用$/ })
    .click();
  await row.getByText('正常').waitFor();
  await signedIn('worker_2');
});
