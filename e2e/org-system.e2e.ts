// The 换届 in a real browser: a township org_admin walks 请示 → 批复 → 选举 → 报告 on one of its
// branches whose term is due (or overdue), and sees the term status become 正常. Also the 体检 report.
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser } from './browser.ts';
import { apiJson, submitLogin, type ApiOrgChild } from './helpers.ts';
import { startServer, type E2eServer, type SeedUser } from './server.ts';

const BRANCH_KINDS = ['党支部', '联合党支部', '临时党支部'];

interface Team {
  fullMembers: number;
  currentTerm: { status: string; termEnd: string } | null;
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

async function newPage(viewport = { width: 1366, height: 900 }): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({
    baseURL: server.baseUrl,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport,
  });
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return { page, errors };
}

async function login(page: Page, user: SeedUser): Promise<void> {
  await page.goto('/login');
  await submitLogin(page, user.username, server.password);
  await page.waitForURL(`**/orgs/${user.orgId}/workbench`);
}

/** A branch of the township with ≥2 full members and no 换届 under way; its term made due if none is recorded. */
async function dueBranch(
  api: APIRequestContext,
  townshipId: number,
): Promise<{ id: number; fullMembers: number }> {
  const children = await apiJson<ApiOrgChild[]>(api, `/api/orgs/${townshipId}/children`);
  for (const c of children.filter((x) => BRANCH_KINDS.includes(x.kind))) {
    const team = await apiJson<Team>(api, `/api/org-system/orgs/${c.id}/team`);
    if (team.fullMembers < 2 || team.openRenewal) continue;
    if (team.currentTerm && team.currentTerm.status !== '正常')
      return { id: c.id, fullMembers: team.fullMembers };
    if (!team.currentTerm) {
      // No term on record (module seed not run): record the last election, six years ago.
      const electedOn = `${new Date().getFullYear() - 6}-03-15`;
      const res = await api.post(`/api/org-system/orgs/${c.id}/terms`, { data: { number: 1, electedOn } });
      if (res.status() !== 201)
        throw new Error(`recording a term failed: ${res.status()} ${await res.text()}`);
      return { id: c.id, fullMembers: team.fullMembers };
    }
  }
  throw new Error('no branch with a due term and enough full members in the township');
}

async function submitModal(page: Page, testId: string): Promise<void> {
  await page.getByTestId(`${testId}-submit`).click();
  await page.getByTestId(testId).waitFor({ state: 'detached' });
}

describe('org-system', () => {
  test('township admin walks a 换届 from 请示 to the new term; the status becomes 正常', async () => {
    const admin =
      server.seed.users.find((u) => u.role === 'org_admin' && /-\d{2}$/.test(u.orgCode)) ??
      server.seed.users.find((u) => u.role === 'org_admin')!;
    const { page, errors } = await newPage();
    await login(page, admin);
    const csrf = ((await (await page.request.get('/api/me')).json()) as { data: { csrfToken?: string } }).data
      .csrfToken;
    const branch = await dueBranchWithCsrf(page, admin.orgId, csrf);

    await page.goto(`/orgs/${branch.id}/org-system?tab=renewal`);
    const status = page.getByTestId('term-status');
    await status.waitFor();
    expect(['临近换届', '逾期未换届']).toContain((await status.textContent())?.trim());

    // 请示
    await page.getByTestId('renewal-request').click();
    await page.getByTestId('renewal-request-form').waitFor();
    await page.getByLabel('应选人数').fill('1');
    await page.getByLabel('请示内容').fill('本届任期已满，拟召开党员大会进行换届选举');
    await submitModal(page, 'renewal-request-form');
    await expect.poll(() => page.getByTestId('renewal-stage').textContent()).toContain('已请示');

    // 批复 (the township is the level above the branch)
    await page.getByTestId('renewal-approve').click();
    await page.getByTestId('renewal-approve-form').waitFor();
    await page.getByLabel('批复文号').fill('镇委〔2026〕8号');
    await submitModal(page, 'renewal-approve-form');
    await expect.poll(() => page.getByTestId('renewal-stage').textContent()).toContain('已批复');

    // 选举: every full member attends and votes for one candidate, who becomes 书记.
    await page.getByTestId('renewal-election').click();
    await page.getByTestId('election-form').waitFor();
    await page.getByLabel('应到会人数').fill(String(branch.fullMembers));
    await page.getByLabel('实到会人数').fill(String(branch.fullMembers));
    await page.getByTestId('candidate-person-0').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await page.getByTestId('candidate-row-0').getByPlaceholder('得票').fill(String(branch.fullMembers));
    await submitModal(page, 'election-form');
    await expect.poll(() => page.getByTestId('renewal-stage').textContent()).toContain('已选举');

    // 报告 → the new term.
    await page.getByTestId('renewal-report').click();
    await page.getByTestId('renewal-report-form').waitFor();
    await submitModal(page, 'renewal-report-form');
    await expect.poll(async () => (await page.getByTestId('term-status').textContent())?.trim()).toBe('正常');
    await page.screenshot({ path: '/tmp/org-system-renewal.png', fullPage: true });

    // The new team shows the secretary waiting for approval above.
    await page.getByRole('tab', { name: '班子' }).click();
    await expect.poll(() => page.getByTestId('team-table').textContent()).toContain('待批复');
    expect(errors).toEqual([]);
  });

  test('the 组织体系体检 report shows counts per finding and drills down', async () => {
    // The county's 组织部 (org_admin at the root); the system administrator only has 系统 pages (三员分立).
    const county = server.seed.users
      .filter((u) => u.role === 'org_admin')
      .sort((a, b) => a.orgCode.length - b.orgCode.length)[0]!;
    const { page, errors } = await newPage({ width: 390, height: 844 });
    await login(page, county);
    await page.goto(`/orgs/${county.orgId}/org-system/health`);
    await page.getByTestId('health-report').waitFor();
    const first = page.locator('.ant-tag-checkable').first();
    await first.waitFor();
    await first.click();
    await expect.poll(() => page.locator('.ant-table-row').count()).toBeGreaterThan(0);
    const xlsx = await page.request.get(`/api/org-system/orgs/${county.orgId}/structure.xlsx`);
    expect(xlsx.status()).toBe(200);
    expect(errors).toEqual([]);
  });
});

async function dueBranchWithCsrf(page: Page, townshipId: number, csrf: string | undefined) {
  const api = page.request;
  const origPost = api.post.bind(api);
  const wrapped = Object.create(api) as APIRequestContext;
  wrapped.post = (url, options) =>
    origPost(url, {
      ...options,
      headers: {
        ...(options?.headers ?? {}),
        ...(csrf ? { 'x-csrf-token': csrf } : {}),
        origin: server.baseUrl,
      },
    });
  return dueBranch(wrapped, townshipId);
}
