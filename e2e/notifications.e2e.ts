// The notification bell on a member's phone: the demo's scheduled meetings left an unread count;
// opening a notification marks it read and goes to the meeting; 全部已读 clears the badge.
import type { Browser, BrowserContext } from 'playwright-core';
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

test('a member opens a notification from the bell on the phone, then marks all read', async () => {
  const member = server.seed.users.find((u) => u.role === 'member')!;
  const context = await browser.newContext({
    baseURL: server.baseUrl,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('/login');
  await page.getByLabel('用户名', { exact: true }).waitFor({ timeout: 90_000 });
  await submitLogin(page, member.username, server.password);
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 90_000 });

  const unread = async () => {
    const res = await page.request.get('/api/notifications');
    return ((await res.json()) as { unread: number }).unread;
  };
  const before = await unread();
  expect(before).toBeGreaterThan(0);
  const bell = page.getByTestId('notification-bell');
  await expect.poll(() => bell.getAttribute('aria-label'), { timeout: 30_000 }).toBe(`通知，${before}条未读`);
  await expect.poll(() => page.getByTestId('notification-count').textContent()).toContain(String(before));

  await bell.click();
  const drawer = page.getByTestId('notification-drawer');
  const from = new URL(page.url()).pathname;
  // A meeting notice: opening it marks it read; it carries the date and place, so it leads nowhere.
  const meeting = drawer
    .locator('[data-testid="notification-item"][data-unread="true"]', { hasText: '会议通知' })
    .first();
  await meeting.waitFor({ timeout: 30_000 });
  await meeting.click();
  await expect.poll(unread, { timeout: 30_000 }).toBe(before - 1);
  await expect
    .poll(() => bell.getAttribute('aria-label'), { timeout: 30_000 })
    .toBe(before - 1 > 0 ? `通知，${before - 1}条未读` : '通知');
  expect(new URL(page.url()).pathname).toBe(from);
  // The daily digest leads to the member's home.
  await drawer.getByTestId('notification-item').filter({ hasText: '每日汇总' }).first().click();
  await page.waitForURL('**/me', { timeout: 30_000 });

  await bell.click();
  if ((await unread()) > 0) await page.getByTestId('notification-read-all').click();
  await expect.poll(() => bell.getAttribute('aria-label'), { timeout: 30_000 }).toBe('通知');
  expect(await unread()).toBe(0);
  await expect.poll(() => drawer.locator('[data-unread="true"]').count()).toBe(0);
  expect(await page.getByTestId('notification-read-all').isDisabled()).toBe(true);
  // Nothing in the drawer or the badge shows a raw code.
  const text = (await drawer.textContent()) ?? '';
  expect(text).not.toMatch(/meeting\.scheduled|transfer\.decided|digest|term\.due/);
  expect(errors).toEqual([]);
});
