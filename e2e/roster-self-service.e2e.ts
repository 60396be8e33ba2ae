// A member asks to transfer their 组织关系 on /roster/me (phone-sized), the township admin sees the
// request on the transfers page and declines it with a reason, the member sees the reason;
// the 社区报到 page shows registrations, hours and the month chart.
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

async function signIn(username: string, mobile: boolean) {
  const context = await browser.newContext({
    baseURL: server.baseUrl,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...(mobile ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } : {}),
  });
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('/login');
  await page.getByLabel('用户名', { exact: true }).waitFor({ timeout: 90_000 });
  await submitLogin(page, username, server.password);
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 90_000 });
  return { page, errors };
}

test('member requests a transfer on the phone; the branch declines it; the member sees why', async () => {
  const member = server.seed.users.find((u) => u.role === 'member')!;
  const admin = server.seed.users.find(
    (u) => u.role === 'org_admin' && member.orgCode.startsWith(`${u.orgCode}-`),
  )!;
  const m = await signIn(member.username, true);
  await m.page.goto('/roster/me');
  await m.page.getByTestId('my-transfer-request-open').click();
  await m.page.getByText('系统外单位').click();
  await m.page.getByLabel('转入单位（党组织）名称').fill('浙江省杭州市某公司党支部');
  await m.page.getByLabel('申请理由').fill('到杭州工作');
  await m.page.getByRole('button', { name: '提交申请' }).click();
  await expect
    .poll(() => m.page.getByTestId('my-transfer-request-status').textContent(), { timeout: 30_000 })
    .toContain('待党支部办理');

  const a = await signIn(admin.username, false);
  await a.page.goto(`/orgs/${admin.orgId}/roster/transfers`);
  const requests = a.page.getByTestId('roster-transfer-requests');
  await requests.getByText('浙江省杭州市某公司党支部').first().waitFor({ timeout: 60_000 });
  const row = requests.locator('tr', { hasText: '浙江省杭州市某公司党支部' });
  await row.getByRole('button', { name: '不予办理' }).click();
  await a.page.getByLabel('理由（党员本人可见）').fill('请先联系接收单位');
  await a.page.getByTestId('request-decline-submit').click();
  await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(0);

  await m.page.reload();
  await expect
    .poll(() => m.page.getByTestId('my-transfer-request').textContent(), { timeout: 30_000 })
    .toContain('请先联系接收单位');
  expect(m.errors).toEqual([]);
  expect(a.errors).toEqual([]);
});

test('社区报到 page: registrations with hours and the month chart', async () => {
  const root =
    server.seed.users.find((u) => u.role === 'org_admin' && !u.orgCode.includes('-')) ??
    server.seed.users.find((u) => u.role === 'org_admin')!;
  const a = await signIn(root.username, false);
  await a.page.goto(`/orgs/${root.orgId}/roster/community`);
  const page = a.page.getByTestId('roster-community');
  await page.locator('tbody tr.ant-table-row').first().waitFor({ timeout: 60_000 });
  expect(await page.locator('canvas').count()).toBeGreaterThan(0);
  expect(await page.textContent()).toMatch(/小时/);
  expect(a.errors).toEqual([]);
});

test('member files a new transfer request on the phone and withdraws it before the branch acts', async () => {
  // Runs after the first test: the same member's last request was declined, so they may file again.
  const member = server.seed.users.find((u) => u.role === 'member')!;
  const m = await signIn(member.username, true);
  await m.page.goto('/roster/me');
  await m.page.getByTestId('my-transfer-request-open').click();
  // The receiving branch is in another township: found by name in the picker, no code typed.
  const township = (code: string) => code.split('-').slice(0, 2).join('-');
  const target =
    server.seed.users.find((u) => u.role === 'worker' && township(u.orgCode) !== township(member.orgCode)) ??
    server.seed.users.find((u) => u.role === 'worker' && u.orgId !== member.orgId)!;
  await m.page.getByLabel('转入党支部').fill(target.orgName);
  const option = m.page.locator('.ant-select-dropdown:visible').getByTitle(target.orgName, { exact: true });
  await option.waitFor({ timeout: 30_000 });
  await option.click();
  await m.page.getByLabel('申请理由').fill('考取研究生');
  await m.page.getByRole('button', { name: '提交申请' }).click();
  const status = m.page.getByTestId('my-transfer-request-status');
  await expect.poll(() => status.textContent(), { timeout: 30_000 }).toContain('待党支部办理');
  expect(await m.page.getByTestId('my-transfer-request').textContent()).toContain(target.orgName);
  await m.page.getByTestId('my-transfer-request-withdraw').click();
  // Ant Design spaces a two-character button label ("撤 回").
  await m.page.locator('.ant-popconfirm').getByRole('button', { name: /^撤\s?回$/ }).click();
  await expect.poll(() => status.textContent(), { timeout: 30_000 }).toContain('本人已撤回');
  // Withdrawn: the member may file again.
  await m.page.getByTestId('my-transfer-request-open').waitFor({ timeout: 30_000 });
  expect(m.errors).toEqual([]);
});

test('毕业生党员 page lists retained graduates most urgent first and filters the overdue ones', async () => {
  const root =
    server.seed.users.find((u) => u.role === 'org_admin' && !u.orgCode.includes('-')) ??
    server.seed.users.find((u) => u.role === 'org_admin')!;
  const a = await signIn(root.username, false);
  await a.page.goto(`/orgs/${root.orgId}/roster/graduates`);
  const page = a.page.getByTestId('roster-graduates');
  await page.locator('tbody tr.ant-table-row').first().waitFor({ timeout: 60_000 });
  const overdue = Number((await page.getByTestId('graduates-overdue-count').textContent())?.replace(/\D/g, ''));
  expect(overdue).toBeGreaterThan(0);
  // Most urgent first: the first row is overdue.
  expect(await page.locator('tbody tr.ant-table-row').first().textContent()).toContain('已超期');
  await page.locator('.ant-segmented').getByText('已超期', { exact: true }).click();
  await expect.poll(() => page.locator('tbody tr.ant-table-row').count(), { timeout: 30_000 }).toBe(overdue);
  for (const text of await page.locator('tbody tr.ant-table-row').allTextContents()) expect(text).toContain('已超期');
  expect(decodeURIComponent(a.page.url())).toContain('status=已超期');
  expect(await page.getByRole('button', { name: /发起转接/ }).count()).toBeGreaterThan(0);
  expect(a.errors).toEqual([]);
});

test('留党察看: the township admin records it on a full member, the tag shows, and ends it early', async () => {
  const member = server.seed.users.find((u) => u.role === 'member')!;
  const admin = server.seed.users.find(
    (u) => u.role === 'org_admin' && member.orgCode.startsWith(`${u.orgCode}-`),
  )!;
  const a = await signIn(admin.username, false);
  // A full member of that branch, without any 留党察看 yet, found through the API.
  const res = await a.page.request.get(
    `/api/roster/members?orgId=${member.orgId}&limit=50&category=${encodeURIComponent('正式党员')}`,
  );
  const items = ((await res.json()) as { data: { items: { personId: number; name: string }[] } }).data.items;
  let target: { personId: number; name: string } | undefined;
  for (const m of items) {
    const detail = (await (await a.page.request.get(`/api/roster/members/${m.personId}`)).json()) as {
      data: { discipline?: unknown[] };
    };
    if ((detail.data.discipline ?? []).length === 0) {
      target = m;
      break;
    }
  }
  expect(target).toBeDefined();
  await a.page.goto(`/orgs/${member.orgId}/roster`);
  const members = a.page.getByTestId('roster-members');
  await a.page.getByPlaceholder('按姓名搜索').fill(target!.name);
  await a.page.getByPlaceholder('按姓名搜索').press('Enter');
  const cell = members.getByRole('cell', { name: target!.name, exact: true }).first();
  await cell.waitFor({ timeout: 30_000 });
  await cell.click();
  const card = a.page.getByTestId('member-discipline');
  await card.waitFor({ timeout: 30_000 });
  expect(await a.page.getByTestId('member-discipline-tag').count()).toBe(0);
  await a.page.getByTestId('discipline-record-open').click();
  const dialog = a.page.getByRole('dialog', { name: '登记留党察看' });
  await dialog.getByLabel('处分决定文号').fill('某纪发〔2026〕1号');
  await dialog.getByRole('button', { name: /^保\s*存$/ }).click();
  await a.page.getByTestId('member-discipline-tag').waitFor({ timeout: 30_000 });
  expect(await card.textContent()).toContain('执行中');
  // Ending before expiry: only 撤销处分.
  await a.page.getByTestId('discipline-end-open').click();
  const end = a.page.getByRole('dialog', { name: '提前结束留党察看' });
  await end.getByRole('button', { name: /^保\s*存$/ }).click();
  await expect.poll(() => card.textContent(), { timeout: 30_000 }).toContain('已撤销');
  expect(await a.page.getByTestId('member-discipline-tag').count()).toBe(0);
  expect(a.errors).toEqual([]);
});
