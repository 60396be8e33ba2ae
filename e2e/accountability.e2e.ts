// 责任考核闭环 in a real browser (issue 18): the county issues a task; two townships report, one
// late; the county inspects a branch and records a finding; the finding becomes a rectification
// with a deadline; the branch closes it with evidence and the county accepts it; the ranking
// places the late township lower. The world holds only two identical townships (see
// world-twin-townships.ts), so the late report is the one thing that sets them apart — the
// inspected branch is 东岭村, under the punctual township, so its closed-on-time rectification
// cannot lift the late one.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser } from './browser.ts';
import { submitLogin } from './helpers.ts';
import { startServer, type E2eServer, type SeedUser } from './server.ts';
import { twinTownships } from './world-twin-townships.ts';

let server: E2eServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

/** China date `days` after today (the server and the browser count days in Beijing time). */
function chinaDay(days = 0): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}
/** As the pages print dates (formatDate in web/src/components/dates.ts). */
function zhDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

const TODAY = chinaDay();
const LATE_DAY = chinaDay(2);
const RECT_DEADLINE = chinaDay(32);
const TASK_TITLE = '报送第四季度“三会一课”开展情况';
const FINDING = '第三季度支部委员会会议记录缺少议题和参会人员签到';

beforeAll(async () => {
  server = await startServer({ world: twinTownships });
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

function user(username: string): SeedUser {
  const u = server.seed.users.find((x) => x.username === username);
  if (!u) throw new Error(`world has no account ${username}`);
  return u;
}

interface Session {
  page: Page;
  errors: string[];
  failed: string[];
}

/** A fresh browser context signed in as `username` (fresh after each server clock move). */
async function signIn(username: string): Promise<Session> {
  const context = await browser.newContext({
    baseURL: server.baseUrl,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1366, height: 900 },
  });
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  const failed: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('response', (r) => {
    if (r.url().includes('/api/') && r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  const u = user(username);
  await page.goto('/login');
  await submitLogin(page, u.username, server.password);
  await page.waitForURL(`**/orgs/${u.orgId}/workbench`);
  // The session probe before signing in answers 401: not a failure.
  failed.length = 0;
  return { page, errors, failed };
}

function clean(s: Session): void {
  expect(s.errors).toEqual([]);
  expect(s.failed).toEqual([]);
}

/** antd puts a space between the two characters of a two-character button label. */
function button(scope: Page | Locator, label: string): Locator {
  const name = label.length === 2 ? new RegExp(`^${label[0]}\\s?${label[1]}$`) : label;
  return scope.getByRole('button', { name, exact: typeof name === 'string' });
}

function row(scope: Page | Locator, text: string): Locator {
  return scope.locator('.ant-table-row', { hasText: text });
}

async function pickOption(page: Page, select: Locator, option: string): Promise<void> {
  await select.click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
}

/** A township reports from its inbox: 报送 → the task page → 提交报送. */
async function report(username: string, text: string, statusLabel: string): Promise<void> {
  const s = await signIn(username);
  const { page } = s;
  await page.goto(`/orgs/${user(username).orgId}/tasks`);
  const inbox = row(page, TASK_TITLE);
  await button(inbox, '报送').click();
  await page.waitForURL(/\/tasks\/\d+$/);
  await page.getByLabel('报送内容').fill(text);
  await button(page, '提交报送').click();
  await page.getByText(`已报送（${statusLabel}）`).waitFor();
  await expect.poll(() => row(page, user(username).orgName).textContent()).toContain(statusLabel);
  clean(s);
}

describe('accountability loop', () => {
  test('task → late report → inspection finding → rectification closed → ranking', async () => {
    const county = user('county_admin');
    const east = user('admin_ea');
    const west = user('admin_eb');
    const eastBranch = user('worker_ea');

    // 1. The county issues a task to its two townships, due today.
    const c1 = await signIn('county_admin');
    await c1.page.goto(`/orgs/${county.orgId}/tasks?tab=outbox`);
    await button(c1.page, '下达新任务').click();
    await c1.page.getByLabel('截止日期').fill(TODAY);
    await c1.page.getByLabel('任务标题').fill(TASK_TITLE);
    await c1.page
      .getByLabel('任务内容')
      .fill('请各乡镇党委汇总本季度所属党支部“三会一课”召开次数、参会率及存在问题，按时报送。');
    await expect.poll(() => c1.page.getByText('全部直属下级组织（2个）').count()).toBe(1);
    await button(c1.page, '下达').click();
    await c1.page.getByText(`已下达任务“${TASK_TITLE}”`).waitFor();
    await c1.page.getByRole('link', { name: TASK_TITLE }).click();
    await c1.page.waitForURL(/\/tasks\/\d+$/);
    const taskPath = new URL(c1.page.url()).pathname;
    clean(c1);

    // 2. 东岭镇 reports on the deadline day; two days later 西岭镇 reports late.
    await report(
      'admin_ea',
      '本季度东岭村党支部召开党员大会1次、支委会3次、党小组会6次，上党课1次。',
      '已报送',
    );
    server.setNow(new Date(`${LATE_DAY}T10:00:00+08:00`));
    await report(
      'admin_eb',
      '本季度西岭村党支部召开党员大会1次、支委会3次、党小组会6次，上党课1次。',
      '逾期报送',
    );

    // The county sees 东岭镇 on time and 西岭镇 late.
    const c2 = await signIn('county_admin');
    const { page } = c2;
    await page.goto(taskPath);
    await expect.poll(() => row(page, east.orgName).textContent()).toContain('已报送');
    expect(await row(page, east.orgName).textContent()).not.toContain('逾期');
    await expect.poll(() => row(page, west.orgName).textContent()).toContain('逾期报送');

    // 3. The county inspects 东岭村党支部 and records a finding.
    await page.goto(`/orgs/${county.orgId}/inspections`);
    await button(page, '新建督查计划').click();
    await page.getByLabel('计划名称').fill('第四季度基层党建工作专项督查');
    await page.getByLabel('结束日期').fill(chinaDay(30));
    await page.getByLabel(/督查人员/).fill('刘振华、陈晓燕');
    // The target picker loads the tree level by level: open 东岭镇党委, then pick its branch.
    await page.locator('.ant-select', { hasText: '督查对象1' }).click();
    const tree = page.locator('.ant-select-dropdown:visible');
    await tree
      .locator('.ant-select-tree-treenode', { hasText: east.orgName })
      .locator('.ant-select-tree-switcher')
      .click();
    await tree.getByTitle(eastBranch.orgName, { exact: true }).click();
    await page.getByLabel('计划督查日期').fill(TODAY);
    await button(page, '保存督查计划').click();
    await page.waitForURL(/\/inspections\/plans\/\d+$/);
    await button(row(page, eastBranch.orgName), '登记督查').click();
    const checklist = page.getByRole('radiogroup', { name: '三会一课按期召开' });
    await checklist.getByText('不符合', { exact: true }).click();
    await row(page, '三会一课按期召开').getByPlaceholder('具体情况').fill('支委会记录不全');
    await button(page, '添加发现问题').click();
    await pickOption(page, page.locator('.ant-select', { hasText: '所属检查项' }), '三会一课按期召开');
    await page.getByPlaceholder('问题描述').fill(FINDING);
    await page.getByLabel('督查结论').fill('东岭村党支部组织生活总体正常，会议记录不够规范，限期整改。');
    await button(page, '保存督查记录').click();
    await page.waitForURL(/\/inspections\/visits\/\d+$/);

    // 4. The finding becomes a rectification with a deadline.
    const finding = row(page, FINDING);
    await finding.getByLabel('整改期限').fill(RECT_DEADLINE);
    await button(finding, '转为整改').click();
    await expect.poll(() => finding.textContent()).toContain(`期限 ${zhDate(RECT_DEADLINE)}`);
    expect(await finding.textContent()).toContain('整改中');
    clean(c2);

    // 5. The branch finds it in its 问题清单 and applies to close it with evidence.
    const b = await signIn('worker_ea');
    await b.page.goto(`/orgs/${eastBranch.orgId}/problems`);
    const item = row(b.page, FINDING);
    await expect.poll(() => item.textContent()).toContain(zhDate(RECT_DEADLINE));
    expect(await item.textContent()).toContain('整改中');
    await button(item, '办理').click();
    const drawer = b.page.getByRole('dialog');
    await drawer
      .getByPlaceholder('进展情况 / 整改成效 / 审核意见')
      .fill('已补齐第三季度支委会会议记录，建立会前议题审定和签到制度。');
    await drawer
      .getByPlaceholder('佐证材料（申请销号时必填）')
      .fill('第三季度支委会会议记录（补正）、签到表扫描件');
    await button(drawer, '申请销号').click();
    await expect.poll(() => drawer.textContent()).toContain('申请销号');
    await expect.poll(() => drawer.textContent()).toContain('签到表扫描件');
    clean(b);

    // 6. The county accepts: 已销号 in the branch's list.
    await page.goto(`/orgs/${eastBranch.orgId}/problems`);
    await button(row(page, FINDING), '办理').click();
    const review = page.getByRole('dialog');
    await review.getByPlaceholder('进展情况 / 整改成效 / 审核意见').fill('整改到位，同意销号。');
    await button(review, '同意销号').click();
    await expect.poll(() => review.textContent()).toContain('已销号');
    await page.locator('.ant-drawer-close').click();
    await expect.poll(() => row(page, FINDING).textContent()).toContain('已销号');

    // 7. 考核: after 重新计算, 东岭镇 ranks first and 西岭镇 second, lower on 任务按时报送.
    await page.goto(`/orgs/${county.orgId}/assessment`);
    await button(page, '重新计算').click();
    await page.getByText('已重新计算并保存考核得分').waitFor();
    const ranking = page.getByRole('tabpanel', { name: '得分排名' });
    await ranking.getByText(/^得分保存于/).waitFor();
    await expect.poll(() => ranking.locator('canvas').count()).toBeGreaterThanOrEqual(1);
    const headers = (await ranking.locator('.ant-table-thead th').allTextContents()).map((h) => h.trim());
    const rankCol = headers.indexOf('名次');
    const totalCol = headers.indexOf('总分');
    const taskCol = headers.findIndex((h) => h.startsWith('任务按时报送'));
    expect(rankCol).toBeGreaterThanOrEqual(0);
    expect(totalCol).toBeGreaterThan(rankCol);
    expect(taskCol).toBeGreaterThan(totalCol);
    const cell = async (org: string, col: number) =>
      ((await row(ranking, org).locator('td').nth(col).textContent()) ?? '').trim();
    expect(await cell(east.orgName, rankCol)).toBe('1');
    expect(await cell(west.orgName, rankCol)).toBe('2');
    // Strictly lower, not a tie broken by order.
    expect(Number(await cell(west.orgName, totalCol))).toBeLessThan(
      Number(await cell(east.orgName, totalCol)),
    );
    expect(Number(await cell(west.orgName, taskCol))).toBeLessThan(Number(await cell(east.orgName, taskCol)));
    clean(c2);
  });
});
