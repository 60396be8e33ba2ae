// Annual plans (年度计划) in a real browser: a branch worker drafts next year's plan from the
// required frequencies, saves and submits it; the county's organisation department sees the
// subtree overview with the copied plans of the demo data and acknowledges the new plan.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chinaDate } from '../src/core/shared/dates.ts';
import { buildApp } from '../src/server/app.ts';
import { openContext } from '../src/server/bootstrap.ts';
import { loadConfig } from '../src/server/config.ts';
import { seedDemo } from '../src/server/seed/demo.seed.ts';
import { launchBrowser } from './browser.ts';
import { submitLogin } from './helpers.ts';
import { E2E_PASSWORD, WEB_DIST } from './server.ts';

let baseUrl = '';
let closeServer: () => Promise<void> = async () => undefined;
let browser: Browser;
let worker: { username: string; orgId: number };
let countyAdmin: { username: string; orgId: number };
let townAdmin: { username: string; orgId: number };
let year = 0;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  if (!existsSync(join(WEB_DIST, 'index.html'))) throw new Error('e2e: web bundle missing; build it first');
  const tmp = mkdtempSync(join(tmpdir(), 'dangjian-e2e-plans-'));
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: join(tmp, 'e2e.db'),
    DANGJIAN_KEY_FILE: join(tmp, 'keys.json'),
    DANGJIAN_KDF_LOG_N: '10',
    DANGJIAN_WEB_DIST: WEB_DIST,
    DANGJIAN_LOGIN_PER_IP_PER_MINUTE: '1000',
  });
  const opened = await openContext(config);
  const seed = await seedDemo(opened.ctx, { password: E2E_PASSWORD, scale: 'county' });
  const w = seed.users.find((u) => u.role === 'worker');
  const c = seed.users.find((u) => u.username === 'county_admin');
  if (!w || !c) throw new Error('seed has no worker or county admin');
  worker = { username: w.username, orgId: w.orgId };
  countyAdmin = { username: c.username, orgId: c.orgId };
  const t = seed.users.find((u) => u.username === 'admin_t01');
  if (!t) throw new Error('seed has no township admin');
  townAdmin = { username: t.username, orgId: t.orgId };
  year = Number(chinaDate(opened.ctx.now()).slice(0, 4));
  const app = await buildApp(opened.ctx, { serveWeb: true });
  await app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  closeServer = async () => {
    await app.close();
    await opened.close();
    rmSync(tmp, { recursive: true, force: true });
  };
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await closeServer();
});

async function signedIn(username: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1366, height: 900 },
  });
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('/login');
  await submitLogin(page, username, E2E_PASSWORD);
  await page.waitForURL(/\/orgs\/\d+/);
  return { page, errors };
}

describe('org-life annual plans', () => {
  test('draft from the required frequencies → save → submit → the county acknowledges; copied plans listed', async () => {
    const next = year + 1;
    const { page, errors } = await signedIn(worker.username);
    await page.goto(`/orgs/${worker.orgId}/org-life/plans?year=${next}`);
    await expect.poll(() => page.getByText('未制定').first().isVisible(), { timeout: 30_000 }).toBe(true);
    await page.getByRole('button', { name: '按规定频次生成事项' }).click();
    const themes = page.getByLabel(/^第\d+项主题$/);
    const n = await themes.count();
    expect(n).toBeGreaterThanOrEqual(12 + 4 + 4 + 1);
    for (let i = 0; i < n; i++) await themes.nth(i).fill(`第${i + 1}项：结合本村实际的学习安排`);
    await page.getByRole('button', { name: '保存草稿' }).click();
    await expect
      .poll(() => page.getByText('草稿', { exact: true }).first().isVisible(), { timeout: 30_000 })
      .toBe(true);
    await page.getByRole('button', { name: '提交上级' }).click();
    await expect
      .poll(() => page.getByText('已提交', { exact: true }).first().isVisible(), { timeout: 30_000 })
      .toBe(true);
    await expect.poll(() => page.getByText('计划覆盖全部规定频次').isVisible()).toBe(true);
    // Next year's items are not yet due.
    expect(await page.getByText('未到期').count()).toBe(n);
    expect(errors).toEqual([]);

    const admin = await signedIn(countyAdmin.username);
    await admin.page.goto(`/orgs/${countyAdmin.orgId}/org-life/plans?year=${year}`);
    const copies = admin.page.getByRole('list', { name: '疑似照抄的年度计划' });
    await expect.poll(() => copies.isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await copies.getByRole('link').count()).toBe(2);
    expect(await admin.page.getByText(/未制定\s*\d+/).count()).toBeGreaterThan(0);

    await admin.page.goto(`/orgs/${worker.orgId}/org-life/plans?year=${next}`);
    await admin.page.getByRole('button', { name: '上级确认' }).click();
    await expect
      .poll(() => admin.page.getByText('上级已确认', { exact: true }).first().isVisible(), {
        timeout: 30_000,
      })
      .toBe(true);
    expect(admin.errors).toEqual([]);
  });

  test('上级下发: the township sees this month’s series with per-branch progress and issues a new one', async () => {
    const { page, errors } = await signedIn(townAdmin.username);
    await page.goto(`/orgs/${townAdmin.orgId}/org-life/series?year=${year}`);
    const table = page.getByRole('table').first();
    await expect
      .poll(() => table.getByText('月主题党日').first().isVisible(), { timeout: 30_000 })
      .toBe(true);
    await page.locator('button.ant-table-row-expand-icon').first().click();
    // Per-branch progress: early in a month no branch may have held it yet, so either status counts.
    await expect
      .poll(
        () =>
          page
            .getByText(/^(已召开|未召开)$/)
            .first()
            .isVisible(),
        { timeout: 30_000 },
      )
      .toBe(true);

    const form = page.getByRole('form', { name: '下发会议通知' });
    await form.getByLabel('主题').fill('学习贯彻条例专题主题党日');
    const next = `${year + 1}-01`;
    await form.getByLabel('建议召开日期').fill(`${next}-10`);
    await form.getByLabel('建议召开日期').press('Enter');
    await form.getByLabel('完成期限').fill(`${next}-25`);
    await form.getByLabel('完成期限').press('Enter');
    await form.getByRole('button', { name: /选择全部\d+个党支部/ }).click();
    await form
      .getByRole('button', { name: '下 发' })
      .or(form.getByRole('button', { name: '下发' }))
      .click();
    await expect
      .poll(() => page.getByText(/已下发到\d+个党支部/).isVisible(), { timeout: 30_000 })
      .toBe(true);
    await page.goto(`/orgs/${townAdmin.orgId}/org-life/series?year=${year + 1}`);
    await expect
      .poll(() => page.getByText('学习贯彻条例专题主题党日').isVisible(), { timeout: 30_000 })
      .toBe(true);
    expect(errors).toEqual([]);
  });
});
