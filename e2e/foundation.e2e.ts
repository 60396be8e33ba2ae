// The foundation flow in a real browser: sign in, tree navigator, organisation page,
// scope enforcement (403 page), sign out; plus the phone layout and a wrong password.
import { request, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser } from './browser.ts';
import {
  apiJson,
  expandTreeNode,
  findOrgBelow,
  parseCount,
  submitLogin,
  treeRow,
  type ApiOrgDetail,
} from './helpers.ts';
import { startServer, type E2eServer, type SeedUser } from './server.ts';

const BRANCH_KINDS = ['党支部', '联合党支部', '临时党支部'];

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

async function newPage(
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({
    baseURL: server.baseUrl,
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

function firstTownshipAdmin(): SeedUser {
  const admin = server.seed.users.find((u) => u.role === 'org_admin');
  if (!admin) throw new Error('seed has no org_admin');
  return admin;
}

function countyAdmin(): SeedUser {
  const byName = server.seed.users.find((u) => u.username === 'county_admin');
  if (byName) return byName;
  const admins = server.seed.users.filter((u) => u.role === 'org_admin');
  const top = admins.sort((a, b) => a.orgCode.length - b.orgCode.length)[0];
  if (!top) throw new Error('seed has no county org_admin');
  return top;
}

async function login(page: Page, user: SeedUser): Promise<void> {
  await page.goto('/login');
  await submitLogin(page, user.username, server.password);
  // Organisation staff land on their workbench (工作台); these tests start from the organisation page.
  await page.waitForURL(`**/orgs/${user.orgId}/workbench`);
  await page.goto(`/orgs/${user.orgId}`);
  await page.getByTestId('org-name').waitFor();
}

describe('foundation', () => {
  test('township admin: tree → branch member count; another township is 无权访问; sign out', async () => {
    const admin = firstTownshipAdmin();
    const { page, errors } = await newPage({ viewport: { width: 1366, height: 900 } });

    await login(page, admin);
    expect(await page.getByTestId('org-name').textContent()).toBe(admin.orgName);
    expect(await page.getByTestId('current-user-name').isVisible()).toBe(true);

    // The navigator's root is the township.
    const township = await apiJson<ApiOrgDetail>(page.request, `/api/orgs/${admin.orgId}`);
    const rootNode = page.getByTestId(`org-tree-node-${admin.orgId}`);
    await rootNode.waitFor();
    expect(await rootNode.textContent()).toBe(township.shortName || township.name);

    // The page leads with the subtree (a township has no members of its own), in no alarming red;
    // the direct figures follow as secondary text.
    const lead = page.locator('.stat-card').first();
    expect(parseCount(await lead.getByTestId('org-subtree-member-count').textContent())).toBe(
      township.counts.subtreeMembers,
    );
    expect(township.counts.subtreeMembers).toBeGreaterThan(0);
    expect(parseCount(await page.getByTestId('org-subtree-org-count').textContent())).toBe(
      township.counts.subtreeOrgs,
    );
    const leadColour = (await page.evaluate(
      "getComputedStyle(document.querySelector('.stat-card .ant-statistic-content')).color",
    )) as string;
    expect(leadColour).toMatch(/^rgba?\(/);
    expect(leadColour).not.toBe('rgb(200, 16, 46)');
    expect(parseCount(await page.getByTestId('org-member-count').textContent())).toBe(
      township.counts.members,
    );

    // A branch with members, found through the API with this session's cookies.
    const { org: branch, chain } = await findOrgBelow(
      page.request,
      admin.orgId,
      (c) => BRANCH_KINDS.includes(c.kind) && c.subtreeMembers > 0,
    );

    await page.screenshot({ path: '/tmp/org-page.png', fullPage: true });

    // Expand the township (and any intermediate level), then open the branch from the tree.
    await expandTreeNode(page, admin.orgId);
    for (const id of chain.slice(0, -1)) await expandTreeNode(page, id);
    await treeRow(page, branch.id).waitFor();
    await page.getByTestId(`org-tree-node-${branch.id}`).click();
    await page.waitForURL(`**/orgs/${branch.id}`);
    await expect.poll(() => page.getByTestId('org-name').textContent()).toBe(branch.name);

    const detail = await apiJson<ApiOrgDetail>(page.request, `/api/orgs/${branch.id}`);
    expect(detail.counts.members).toBeGreaterThan(0);
    const shown = page.getByTestId('org-member-count');
    await shown.waitFor();
    expect(parseCount(await shown.textContent())).toBe(detail.counts.members);
    expect(await page.getByTestId(`org-tree-node-${branch.id}`).isVisible()).toBe(true);

    // A branch of another township, found by the county administrator in a separate API session.
    const county = countyAdmin();
    const other = server.seed.users.find(
      (u) => u.role === 'org_admin' && u.orgId !== admin.orgId && u.orgId !== county.orgId,
    );
    const countyApi = await request.newContext({ baseURL: server.baseUrl });
    let foreignBranchId: number;
    try {
      const res = await countyApi.post('/api/auth/login', {
        data: { username: county.username, password: server.password },
      });
      expect(res.status()).toBe(200);
      const otherRoot = other?.orgId ?? county.orgId;
      const found = await findOrgBelow(
        countyApi,
        otherRoot,
        (c) => BRANCH_KINDS.includes(c.kind) && !c.code.startsWith(township.code) && c.id !== branch.id,
      );
      foreignBranchId = found.org.id;
    } finally {
      await countyApi.dispose();
    }
    const refused = await page.request.get(`/api/orgs/${foreignBranchId}`);
    expect(refused.status()).toBe(403);

    await page.goto(`/orgs/${foreignBranchId}`);
    const noPermission = page.getByTestId('no-permission');
    await noPermission.waitFor();
    expect(await noPermission.textContent()).toContain('无权访问');

    // Sign out through the account menu.
    await page.getByTestId('account-menu').click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.waitForURL('**/login');
    await page.getByLabel('用户名', { exact: true }).waitFor();
    const me = await page.request.get('/api/me');
    expect(me.status()).toBe(401);

    expect(errors).toEqual([]);
  });

  test('phone (390×844): sign in, member count visible, navigator in a drawer', async () => {
    const admin = firstTownshipAdmin();
    const { page, errors } = await newPage({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });

    await login(page, admin);
    const count = page.getByTestId('org-subtree-member-count');
    await count.waitFor();
    expect(await count.isVisible()).toBe(true);
    const box = await count.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    // No page-wide horizontal scrolling.
    const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
    expect(width).toBeLessThanOrEqual(390);

    // The tree navigator is not a side column on a phone; it opens in a drawer.
    expect(await page.getByTestId('org-tree-sider').count()).toBe(0);
    await page.screenshot({ path: '/tmp/org-page-phone.png', fullPage: false });
    await page.getByTestId('nav-toggle').click();
    const rootNode = page.getByTestId(`org-tree-node-${admin.orgId}`);
    await rootNode.waitFor();
    await page.screenshot({ path: '/tmp/org-drawer-phone.png', fullPage: false });
    const first = (
      await apiJson<{ id: number; name: string }[]>(page.request, `/api/orgs/${admin.orgId}/children`)
    )[0];
    if (first) {
      await page.getByTestId(`org-tree-node-${first.id}`).click();
      await page.waitForURL(`**/orgs/${first.id}`);
      await expect.poll(() => page.getByTestId('org-name').textContent()).toBe(first.name);
      await expect.poll(() => rootNode.isVisible()).toBe(false); // the drawer closed
    }

    expect(errors).toEqual([]);
  });

  test('wrong password shows the server’s Chinese message', async () => {
    const user = server.seed.users.find((u) => u.role === 'worker') ?? firstTownshipAdmin();
    const { page, errors } = await newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto('/login');
    expect(await page.title()).toBe('党建工作平台');
    await submitLogin(page, user.username, `${server.password}-wrong`);
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('用户名或口令错误');
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(errors).toEqual([]);
  });

  test('三员 and members land on their own pages: the auditor checks the chain, a member opens 我的 on a phone', async () => {
    const auditor = server.seed.users.find((u) => u.role === 'audit_admin');
    const member = server.seed.users.find((u) => u.role === 'member');
    if (!auditor || !member) throw new Error('seed has no audit_admin or member');

    const desk = await newPage({ viewport: { width: 1280, height: 800 } });
    await desk.page.goto('/login');
    await submitLogin(desk.page, auditor.username, server.password);
    await desk.page.waitForURL('**/admin/audit');
    await desk.page.getByTestId('audit-table').locator('tbody tr.ant-table-row').first().waitFor();
    // Chinese labels and names, never codes; the action filter is a choice of labels.
    const auditRows = desk.page.getByTestId('audit-table').locator('tbody tr.ant-table-row');
    expect(await desk.page.getByTestId('audit-table').locator('tbody').textContent()).not.toMatch(
      /auth\.login|authz_denied|user #\d|\{\}/,
    );
    await desk.page.getByLabel('动作', { exact: true }).fill('登录');
    await desk.page.locator('.ant-select-dropdown:visible').getByTitle('登录', { exact: true }).click();
    await desk.page.getByRole('button', { name: /查\s*询/ }).click();
    await expect
      .poll(async () => {
        // Columns: expand, 序号, 时间, 操作人, 动作.
        const actions = await auditRows.locator('td:nth-child(5)').allTextContents();
        return actions.length > 0 && actions.every((a) => a === '登录');
      })
      .toBe(true);
    await desk.page.getByTestId('audit-verify').click();
    const verdict = desk.page.getByTestId('audit-verify-result');
    await verdict.waitFor();
    expect(await verdict.textContent()).toContain('哈希链完整');
    // No organisation modules for the audit administrator (三员分立).
    expect(await desk.page.getByTestId('module-menu').count()).toBe(0);
    expect(desk.errors).toEqual([]);

    const phone = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await phone.page.goto('/login');
    await submitLogin(phone.page, member.username, server.password);
    await phone.page.waitForURL('**/me');
    await phone.page.getByTestId('member-entry-/roster/me').click();
    await phone.page.getByTestId('roster-me').waitFor();
    const width = (await phone.page.evaluate('document.documentElement.scrollWidth')) as number;
    expect(width).toBeLessThanOrEqual(390);

    // 公开承诺 opens the member's own branch board, not a page asking for an organisation.
    const record = await apiJson<{ org: { code: string; name: string } }>(
      phone.page.request,
      '/api/roster/me',
    );
    await phone.page.goto('/me');
    await phone.page.getByTestId('member-entry-/commitments/public').click();
    await phone.page.getByTestId('public-board').waitFor();
    expect(new URL(phone.page.url()).searchParams.get('org')).toBe(record.org.code);
    await expect
      .poll(() => phone.page.getByTestId('public-board').locator('h4').first().textContent())
      .toBe(`${record.org.name} · 承诺公开栏`);
    expect(phone.errors).toEqual([]);
  });
});
