// Organisational life in a real browser: a branch worker schedules a meeting (主题党日 unless the demo data already held it), two members
// sign in from phone-sized screens through the QR link, the worker records the minutes, and
// the branch turns 达标 for this month in the compliance heatmap (table view of the same data).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { devices, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chinaDate } from '../src/core/shared/dates.ts';
import { buildApp } from '../src/server/app.ts';
import { openContext } from '../src/server/bootstrap.ts';
import { loadConfig } from '../src/server/config.ts';
import { hashPassword } from '../src/server/modules/auth/password-hash.ts';
import { insertUser } from '../src/server/modules/users/users.repository.ts';
import { seedDemo } from '../src/server/seed/demo.seed.ts';
import { launchBrowser } from './browser.ts';
import { submitLogin } from './helpers.ts';
import { E2E_PASSWORD, WEB_DIST } from './server.ts';

let baseUrl = '';
let closeServer: () => Promise<void> = async () => undefined;
let browser: Browser;
let worker: { username: string; orgId: number; orgCode: string };
const members: string[] = [];
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  if (!existsSync(join(WEB_DIST, 'index.html'))) throw new Error('e2e: web bundle missing; build it first');
  const tmp = mkdtempSync(join(tmpdir(), 'dangjian-e2e-life-'));
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
  if (!w) throw new Error('seed has no worker');
  worker = { username: w.username, orgId: w.orgId, orgCode: w.orgCode };
  // Two plain members of the worker's branch get their own accounts (role member).
  const ctx = opened.ctx;
  const today = chinaDate(ctx.now());
  const people = await ctx.db
    .selectFrom('memberships as m')
    .leftJoin('users as u', 'u.person_id', 'm.person_id')
    .select('m.person_id')
    .where('m.org_id', '=', worker.orgId)
    .where('m.valid_from', '<=', today)
    .where('m.valid_to', 'is', null)
    .where('u.id', 'is', null)
    .orderBy('m.person_id')
    .limit(2)
    .execute();
  if (people.length < 2) throw new Error('worker branch has fewer than two members without accounts');
  const hash = await hashPassword(E2E_PASSWORD, ctx.config.kdfLogN);
  await ctx.db.transaction().execute(async (trx) => {
    for (const [i, p] of people.entries()) {
      const username = `life_member_${i + 1}`;
      await insertUser(trx, {
        username,
        displayName: username,
        scopeOrgId: worker.orgId,
        hash,
        roles: ['member'],
        now: ctx.now().toISOString(),
        personId: p.person_id,
      });
      members.push(username);
    }
  });
  const app = await buildApp(ctx, { serveWeb: true });
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

async function newPage(
  options: Parameters<Browser['newContext']>[0],
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...options,
  });
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return { page, errors };
}

function cell(page: Page, month: string) {
  return page.getByTestId(`cell-${worker.orgCode}-${month}`);
}

describe('org-life', () => {
  test('schedule → two members sign in on phones → minutes → the branch turns 达标', async () => {
    const month = chinaDate(new Date()).slice(0, 7);
    const { page, errors } = await newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto('/login');
    await submitLogin(page, worker.username, E2E_PASSWORD);
    await page.waitForURL(`**/orgs/${worker.orgId}/workbench`);

    // Pick a type every member attends that the demo data has not yet held this month
    // (quarterly and yearly types show their quarter's or year's status in the month cell).
    // The current month is still under way, so a type not yet held shows 进行中 (issue 16), not 未达标.
    let type = '';
    let before = '';
    for (const candidate of ['主题党日', '支部党员大会', '党课', '组织生活会']) {
      const res = await page.request.get(
        `/api/org-life/orgs/${worker.orgId}/heatmap?year=${month.slice(0, 4)}&type=${encodeURIComponent(candidate)}`,
      );
      const heat = (await res.json()) as {
        data: { rows: { orgId: number; cells: { month: string; status: string }[] }[] };
      };
      const row = heat.data.rows.find((r) => r.orgId === worker.orgId);
      const status = row?.cells.find((c) => c.month === month)?.status ?? '';
      if (status === '未达标' || status === '进行中') {
        type = candidate;
        before = status;
        break;
      }
    }
    expect(type).not.toBe('');

    // Before: the branch has not met it this month.
    await page.goto(`/orgs/${worker.orgId}/org-life/compliance?type=${encodeURIComponent(type)}&view=table`);
    await expect.poll(() => cell(page, month).textContent(), { timeout: 30_000 }).toBe(before);

    // Schedule it for today from the branch calendar.
    await page.goto(`/orgs/${worker.orgId}/org-life`);
    // Month and weekday names are Chinese (dayjs locale zh-cn), on the calendar and in the date picker.
    const calendar = page.locator('.ant-picker-calendar');
    await calendar.waitFor();
    expect(await calendar.locator('thead').textContent()).toBe('一二三四五六日');
    expect(await calendar.locator('.ant-picker-calendar-month-select').textContent()).toMatch(/^\d{1,2}月$/);
    await page.getByRole('button', { name: '安排会议' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('会议日期').click();
    const picker = page.locator('.ant-picker-dropdown:visible');
    await picker.waitFor();
    expect(await picker.locator('thead').first().textContent()).toBe('一二三四五六日');
    expect(await picker.locator('.ant-picker-header-view').first().textContent()).toMatch(
      /^\d{4}年\d{1,2}月$/,
    );
    await dialog.locator('.ant-modal-title').click();
    await picker.waitFor({ state: 'hidden' });
    if (type !== '主题党日') {
      await dialog.getByLabel('会议类型').click();
      await page.locator('.ant-select-dropdown').getByTitle(type).click();
    }
    await dialog.getByLabel('会议名称').fill(`本月${type}（浏览器测试）`);
    await dialog.getByLabel('会议地点').fill('党员活动室');
    await dialog.getByRole('button', { name: /^保\s*存$/ }).click();
    await page.waitForURL('**/org-life/meetings/*');
    // Not yet held: nobody is absent yet, the unsigned are 待签到.
    await page.getByTestId('meeting-count-pending').waitFor();
    expect(await page.getByTestId('meeting-count-absent').count()).toBe(0);
    await page.getByRole('button', { name: '生成签到二维码' }).click();
    const link = page.getByTestId('sign-in-link');
    await link.waitFor();
    const signInUrl = (await link.getAttribute('href'))!;
    expect(signInUrl).toContain('/org-life/sign-in/');

    // Two members open the QR link on phones, sign in when asked, and tap 签到.
    for (const username of members) {
      const { page: phone, errors: phoneErrors } = await newPage({
        ...devices['Pixel 5'],
        viewport: { width: 393, height: 727 },
      });
      await phone.goto(signInUrl);
      await phone.waitForURL('**/login');
      await submitLogin(phone, username, E2E_PASSWORD);
      await phone.waitForURL('**/org-life/sign-in/**');
      await phone.getByRole('button', { name: /^签\s*到$/ }).click();
      await phone.getByText('签到成功').first().waitFor();
      expect(phoneErrors).toEqual([]);
    }

    // The organiser sees both present, records the minutes.
    await page.reload();
    await expect
      .poll(async () => page.getByRole('row').filter({ hasText: '出席' }).count(), { timeout: 30_000 })
      .toBe(2);
    await page
      .getByLabel('会议记录（纯文本）')
      .fill(
        '会议由支部书记主持。首先集体学习了党支部工作条例中关于组织生活的规定，随后围绕本村冬季安全生产开展讨论，' +
          '确定由三名党员分别负责村东、村西和村委会周边的巡查，每周汇总一次情况。与会党员就困难户帮扶提出两条建议，' +
          '会议决定下月主题党日前由组织委员汇报落实情况。',
      );
    await page.getByRole('button', { name: '保存会议记录' }).click();
    await page.getByText('会议记录已保存').waitFor();

    // A photo of the sign-in sheet goes on the meeting as an attachment and downloads again.
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from('sign-in-sheet'),
    ]);
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: '签到表.png', mimeType: 'image/png', buffer: png });
    const attachment = page.getByRole('link', { name: /签到表\.png/ });
    await attachment.waitFor();
    const fetched = await page.request.get((await attachment.getAttribute('href'))!);
    expect(fetched.status()).toBe(200);
    expect(Buffer.from(await fetched.body()).equals(png)).toBe(true);

    // After: the branch is 达标 for this month.
    await page.goto(`/orgs/${worker.orgId}/org-life/compliance?type=${encodeURIComponent(type)}&view=table`);
    await expect.poll(() => cell(page, month).textContent(), { timeout: 30_000 }).toBe('达标');
    await page.screenshot({ path: '/tmp/org-life-compliance.png', fullPage: true });

    // The Excel export holds the same statuses: the branch's row says 达标 under this month.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出Excel' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`${type}达标情况\\.xlsx$`));
    const file = join(mkdtempSync(join(tmpdir(), 'dangjian-e2e-xlsx-')), 'heatmap.xlsx');
    await download.saveAs(file);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.getWorksheet(`${type}达标`)!;
    expect(sheet.getRow(1).getCell(1).value).toBe('组织编码');
    let statusCell: unknown = null;
    sheet.eachRow((row) => {
      if (row.getCell(1).value === worker.orgCode)
        statusCell = row.getCell(2 + Number(month.slice(5, 7))).value;
    });
    expect(statusCell).toBe('达标');
    expect(wb.getWorksheet('质量问题')!.getRow(1).getCell(3).value).toBe('问题');
    rmSync(dirname(file), { recursive: true, force: true });
    expect(errors).toEqual([]);
  });

  test('谈心谈话: the branch sees its missing pairs, records a talk, and one pair fewer is missing', async () => {
    const year = chinaDate(new Date()).slice(0, 4);
    const { page, errors } = await newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto('/login');
    await submitLogin(page, worker.username, E2E_PASSWORD);
    await page.waitForURL(`**/orgs/${worker.orgId}/workbench`);
    const before = (await (
      await page.request.get(`/api/org-life/orgs/${worker.orgId}/talks?year=${year}`)
    ).json()) as {
      data: { pairs: { covered: number; missing: { a: { name: string }; b: { name: string } }[] } };
    };
    expect(before.data.pairs.missing.length).toBeGreaterThan(0);
    const pair = before.data.pairs.missing[0]!;
    await page.goto(`/orgs/${worker.orgId}/org-life/talks`);
    const missing = page.getByLabel('未谈话的人员组合');
    await missing.getByText(`${pair.a.name}—${pair.b.name}`).first().waitFor();
    const form = page.getByRole('form', { name: '登记谈心谈话' });
    const choose = async (label: string, name: string) => {
      await form.getByLabel(label).fill(name);
      await page.locator('.ant-select-dropdown:visible').getByTitle(name).first().click();
    };
    await choose('谈话人', pair.a.name);
    await choose('谈话对象', pair.b.name);
    await form.getByLabel('谈话日期').fill(chinaDate(new Date()));
    await form.getByLabel('谈话日期').press('Enter');
    await form.getByLabel('谈话主题').fill('谈思想和工作（浏览器测试）');
    await form.getByRole('button', { name: /^登\s*记$/ }).click();
    await page.getByText('已登记谈心谈话').waitFor();
    await expect
      .poll(async () => {
        const after = (await (
          await page.request.get(`/api/org-life/orgs/${worker.orgId}/talks?year=${year}`)
        ).json()) as { data: { pairs: { covered: number } } };
        return after.data.pairs.covered;
      })
      .toBe(before.data.pairs.covered + 1);
    await page.getByRole('cell', { name: '谈思想和工作（浏览器测试）' }).waitFor();
    await page.screenshot({ path: '/tmp/org-life-talks.png', fullPage: true });
    expect(errors).toEqual([]);
  });
});
