// 工作台 in a real browser (issue 17): the county admin lands on charts and alert counts, follows a
// red alert (逾期未换届) to the branch page that resolves it, walks the 换届 there, and the alert is
// gone; a branch worker's landing page lists a member's pending transfer request.
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser } from './browser.ts';
import { apiJson, submitLogin } from './helpers.ts';
import { startServer, type E2eServer, type SeedUser } from './server.ts';

interface AlertRow {
  id: number;
  code: string;
  orgId: number;
  orgName: string;
  link: string;
}
interface Team {
  fullMembers: number;
  openRenewal: unknown;
}

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

async function newPage(): Promise<{ page: Page; errors: string[]; failed: string[] }> {
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
  return { page, errors, failed };
}

async function login(page: Page, user: SeedUser): Promise<void> {
  await page.goto('/login');
  await submitLogin(page, user.username, server.password);
  await page.waitForURL(`**/orgs/${user.orgId}/workbench`);
}

/** Answers before signing in (the app's session probe answers 401) are not failures. */
function afterLogin(failed: string[]): void {
  failed.length = 0;
}

async function openTermAlerts(api: APIRequestContext, orgId: number): Promise<AlertRow[]> {
  const res = await api.get(`/api/alerts?orgId=${orgId}&code=TERM_OVERDUE&limit=200`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { data: AlertRow[] }).data;
}

async function submitModal(page: Page, testId: string): Promise<void> {
  await page.getByTestId(`${testId}-submit`).click();
  await page.getByTestId(testId).waitFor({ state: 'detached' });
}

describe('workbench', () => {
  test('county admin: charts and alert counts; a red alert leads to the page that clears it', async () => {
    const admin = server.seed.users
      .filter((u) => u.role === 'org_admin')
      .sort((a, b) => a.orgCode.length - b.orgCode.length)[0]!;
    const { page, errors, failed } = await newPage();
    await login(page, admin);
    afterLogin(failed);

    // Figures of the whole subtree, charts, and alert counts by severity.
    await page.getByTestId('kpi-members').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('kpi-members').textContent()).toContain('党员人数');
    await expect.poll(() => page.locator('canvas').count()).toBeGreaterThanOrEqual(2);
    const red = Number((await page.getByTestId('severity-red').textContent())?.replace(/\D/g, ''));
    expect(red).toBeGreaterThan(0);

    // A branch overdue for 换届 with enough full members to elect, and no 换届 under way.
    const alerts = await openTermAlerts(page.request, admin.orgId);
    let target: AlertRow | undefined;
    let fullMembers = 0;
    for (const a of alerts) {
      const team = await apiJson<Team>(page.request, `/api/org-system/orgs/${a.orgId}/team`);
      if (team.fullMembers >= 2 && !team.openRenewal && /党支部$/.test(a.orgName)) {
        target = a;
        fullMembers = team.fullMembers;
        break;
      }
    }
    expect(target, 'the demo county has a branch overdue for 换届').toBeDefined();

    // From the workbench: the red code → the county's list → drill down to the branch → 去处理.
    await page.getByTestId('alert-code-TERM_OVERDUE').click();
    await page.waitForURL('**/alerts?code=TERM_OVERDUE');
    await page.goto(`/orgs/${target!.orgId}/alerts?code=TERM_OVERDUE`);
    const row = page.locator('tr', { hasText: target!.orgName });
    await row.first().waitFor();
    await row.first().getByRole('link', { name: '去处理' }).click();
    await page.waitForURL(`**/orgs/${target!.orgId}/org-system?tab=renewal`);

    // 请示 → 批复 → 选举 → 报告 on the page the alert named.
    await page.getByTestId('renewal-request').click();
    await page.getByTestId('renewal-request-form').waitFor();
    await page.getByLabel('应选人数').fill('1');
    await page.getByLabel('请示内容').fill('任期已满，拟召开党员大会换届选举');
    await submitModal(page, 'renewal-request-form');
    await expect.poll(() => page.getByTestId('renewal-stage').textContent()).toContain('已请示');
    await page.getByTestId('renewal-approve').click();
    await page.getByTestId('renewal-approve-form').waitFor();
    await page.getByLabel('批复文号').fill('县委组〔2026〕21号');
    await submitModal(page, 'renewal-approve-form');
    await expect.poll(() => page.getByTestId('renewal-stage').textContent()).toContain('已批复');
    await page.getByTestId('renewal-election').click();
    await page.getByTestId('election-form').waitFor();
    await page.getByLabel('应到会人数').fill(String(fullMembers));
    await page.getByLabel('实到会人数').fill(String(fullMembers));
    await page.getByTestId('candidate-person-0').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await page.getByTestId('candidate-row-0').getByPlaceholder('得票').fill(String(fullMembers));
    await submitModal(page, 'election-form');
    await expect.poll(() => page.getByTestId('renewal-stage').textContent()).toContain('已选举');
    await page.getByTestId('renewal-report').click();
    await page.getByTestId('renewal-report-form').waitFor();
    await submitModal(page, 'renewal-report-form');
    await expect.poll(async () => (await page.getByTestId('term-status').textContent())?.trim()).toBe('正常');

    // The alert closed with the write: gone from the branch's list and from the county's count.
    expect((await openTermAlerts(page.request, admin.orgId)).some((a) => a.id === target!.id)).toBe(false);
    await page.goto(`/orgs/${target!.orgId}/alerts?code=TERM_OVERDUE`);
    await page.locator('.ant-table .ant-empty-description').waitFor();
    expect(await page.getByRole('link', { name: '去处理' }).count()).toBe(0);
    await page.goto(`/orgs/${admin.orgId}/workbench`);
    await expect
      .poll(async () => Number((await page.getByTestId('severity-red').textContent())?.replace(/\D/g, '')))
      .toBe(red - 1);
    expect(errors).toEqual([]);
    expect(failed).toEqual([]);
  });

  test("branch worker: the landing page lists a member's pending transfer request", async () => {
    const worker = server.seed.users.find(
      (u) => u.role === 'worker' && server.seed.users.some((m) => m.role === 'member' && m.orgId === u.orgId),
    )!;
    const member = server.seed.users.find((m) => m.role === 'member' && m.orgId === worker.orgId)!;
    // The member files the request from the phone.
    const phone = await newPage();
    await phone.page.goto('/login');
    await submitLogin(phone.page, member.username, server.password);
    await phone.page.waitForURL('**/me');
    const me = (await (await phone.page.request.get('/api/me')).json()) as {
      data: { csrfToken: string; user: { displayName: string } };
    };
    const filed = await phone.page.request.post('/api/roster/me/transfer-request', {
      data: { destination: 'outside', otherOrgName: '上海市某科技公司党支部', reason: '到上海工作' },
      headers: { 'x-csrf-token': me.data.csrfToken, origin: server.baseUrl },
    });
    expect(filed.status(), await filed.text()).toBe(201);
    const name = ((await filed.json()) as { data: { personName: string } }).data.personName;

    const { page, errors, failed } = await newPage();
    await login(page, worker);
    afterLogin(failed);
    const todo = page.getByText(`${name}申请转出组织关系`);
    await todo.first().waitFor();
    await page
      .locator('.ant-list-item', { hasText: `${name}申请转出组织关系` })
      .first()
      .getByRole('link', { name: /去办理/ })
      .click();
    await page.waitForURL(`**/orgs/${worker.orgId}/roster/transfers`);
    expect(errors).toEqual([]);
    expect(failed).toEqual([]);
  });
});
