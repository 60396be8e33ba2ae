// Each demo role walks its whole menu (issue 17, navigation): every entry opens without a 403 or
// 5xx API answer, with no English month or weekday name and no raw code in the page, and with a
// way back. A page the role cannot use is the full-page 无权限 with the way home.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser } from './browser.ts';
import { submitLogin } from './helpers.ts';
import { startServer, type E2eServer, type SeedUser } from './server.ts';

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

const MONTHS =
  'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec';
const DAYS = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Wed|Thu|Fri|Sat|Sun';
const ENGLISH_DATE = new RegExp(`\\b(?:${MONTHS}|${DAYS})\\b`);
/** Codes a user must never see: dotted action codes, snake_case codes, role codes, broken values. */
const RAW_CODE =
  /\b[a-z]+(?:\.[a-z_]+)+\b|\b[a-z]+_[a-z_]+\b|\b(?:worker|member)\b|undefined|NaN|\[object Object\]|Invalid Date/;

interface Walker {
  page: Page;
  phone: boolean;
  problems: string[];
  /** Requests in flight (to wait until a page has settled). */
  inflight: () => number;
}

async function signIn(user: SeedUser, phone = false): Promise<Walker> {
  const context = await browser.newContext({
    baseURL: server.baseUrl,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...(phone
      ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }
      : { viewport: { width: 1366, height: 900 } }),
  });
  contexts.push(context);
  const page = await context.newPage();
  const problems: string[] = [];
  let inflight = 0;
  const at = () => new URL(page.url()).pathname;
  page.on('pageerror', (e) => problems.push(`${at()}: script error ${String(e)}`));
  // Every request counts: a lazily loaded page's script keeps the previous page (and location) on
  // screen until it arrives.
  page.on('request', () => (inflight += 1));
  const done = () => (inflight = Math.max(0, inflight - 1));
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  page.on('response', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/api/') && (r.status() === 403 || r.status() >= 500))
      problems.push(`${at()}: ${r.request().method()} ${path} → ${r.status()}`);
  });
  await page.goto('/login');
  await submitLogin(page, user.username, server.password);
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return { page, phone, problems, inflight: () => inflight };
}

/** Waits until no request is in flight and no spinner turns, twice in a row. */
async function settle(w: Walker): Promise<void> {
  let quiet = 0;
  await expect
    .poll(
      async () => {
        const spinning = await w.page.locator('.ant-spin-spinning, [data-testid="page-loading"]').count();
        quiet = w.inflight() === 0 && spinning === 0 ? quiet + 1 : 0;
        return quiet >= 2;
      },
      { timeout: 60_000, interval: 150 },
    )
    .toBe(true);
}

/** Checks the page in view: text, a way back. */
async function inspect(w: Walker, usernames: readonly string[]): Promise<void> {
  const path = new URL(w.page.url()).pathname;
  // The menu (the sider, or the phone's drawer button) or a link back; the shell may still be rendering.
  const wayBack = w.page
    .getByTestId('app-menu')
    .or(w.page.getByTestId('nav-toggle'))
    .or(w.page.locator('a', { hasText: '返回' }))
    .first();
  const found = await wayBack.waitFor({ state: 'attached', timeout: 10_000 }).then(
    () => true,
    () => false,
  );
  if (!found) w.problems.push(`${path}: no menu and no way back`);
  let text = await w.page.locator('body').innerText();
  // Usernames are data (账号管理 lists them), not codes.
  for (const u of usernames) text = text.split(u).join('');
  const english = ENGLISH_DATE.exec(text);
  if (english) w.problems.push(`${path}: English date word "${english[0]}"`);
  const raw = RAW_CODE.exec(text);
  if (raw)
    w.problems.push(
      `${path}: raw code "${raw[0]}" in "${text.slice(Math.max(0, raw.index - 30), raw.index + 30)}"`,
    );
  if ((await w.page.getByTestId('not-found').count()) > 0) w.problems.push(`${path}: 页面不存在`);
  if ((await w.page.getByTestId('no-permission').count()) > 0) w.problems.push(`${path}: 无权访问`);
  if (w.phone) {
    const width = (await w.page.evaluate('document.documentElement.scrollWidth')) as number;
    if (width > 390) w.problems.push(`${path}: page ${width} px wide on a 390 px phone`);
  }
}

interface MenuItem {
  key: string;
  label: string;
  path: string;
  group: string;
}

/** The entries of the menu in view (the phone drawer must be open). */
async function menuItems(page: Page): Promise<MenuItem[]> {
  const menu = page.getByTestId('app-menu');
  await menu.waitFor();
  const out: MenuItem[] = [];
  const groups = menu.locator('.ant-menu-item-group');
  for (let g = 0; g < (await groups.count()); g++) {
    const group = groups.nth(g);
    const title = (await group.locator('.ant-menu-item-group-title').textContent()) ?? '';
    const lis = group.locator('li.ant-menu-item');
    for (let i = 0; i < (await lis.count()); i++) {
      const li = lis.nth(i);
      out.push({
        key: ((await li.getAttribute('data-testid')) ?? '').replace(/^menu-/, ''),
        label: (await li.textContent()) ?? '',
        path: (await li.getAttribute('data-path')) ?? '',
        group: title,
      });
    }
  }
  return out;
}

/** Opens every menu entry by clicking it; returns the entries. */
async function walkMenu(w: Walker, phone = false): Promise<MenuItem[]> {
  const usernames = server.seed.users.map((u) => u.username);
  await settle(w);
  await inspect(w, usernames);
  if (phone) await w.page.getByTestId('nav-toggle').click();
  const items = await menuItems(w.page);
  if (phone) await w.page.keyboard.press('Escape');
  expect(items.length).toBeGreaterThan(0);
  for (const item of items) {
    if (phone) await w.page.getByTestId('nav-toggle').click();
    await w.page.getByTestId(`menu-${item.key}`).click();
    await w.page.waitForURL((u) => u.pathname === item.path);
    await settle(w);
    // Exactly one entry highlighted: this one.
    const highlighted = () =>
      w.page
        .locator('[data-testid="app-menu"] li.ant-menu-item-selected')
        .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-testid')).join(' '));
    await expect.poll(highlighted, { timeout: 10_000 }).toBe(`menu-${item.key}`);
    await inspect(w, usernames);
  }
  return items;
}

function user(pick: (u: SeedUser) => boolean, what: string): SeedUser {
  const u = server.seed.users.find(pick);
  if (!u) throw new Error(`seed has no ${what}`);
  return u;
}

const landsOnOrg = (w: Walker, orgId: number) => {
  // The 工作台 when its page is mounted, else the organisation page.
  expect(new URL(w.page.url()).pathname).toMatch(new RegExp(`^/orgs/${orgId}(/workbench)?$`));
};

describe('role walk', () => {
  test('county admin: every entry of the county menu', async () => {
    const admin = user((u) => u.username === 'county_admin', 'county_admin');
    const w = await signIn(admin);
    landsOnOrg(w, admin.orgId);
    const items = await walkMenu(w);
    const groups = [...new Set(items.map((i) => i.group))];
    expect(groups.slice(0, 2)).toEqual(expect.arrayContaining(['组织']));
    expect(groups).not.toContain('系统');
    expect(items.map((i) => i.label)).toEqual(expect.arrayContaining(['组织体系体检', '下发会议']));

    // The header search finds a branch of the county and opens it.
    const branch = user((u) => u.role === 'worker', 'worker');
    await w.page.getByTestId('global-search').fill(branch.orgName);
    await w.page.getByTestId(`search-result-org-${branch.orgId}`).click();
    await w.page.waitForURL((u) => u.pathname === `/orgs/${branch.orgId}`);
    await settle(w);
    await inspect(
      w,
      server.seed.users.map((u) => u.username),
    );
    expect(w.problems).toEqual([]);
  });

  test('township admin: every entry of the township menu', async () => {
    const admin = user((u) => u.username.startsWith('admin_t'), 'township admin');
    const w = await signIn(admin);
    landsOnOrg(w, admin.orgId);
    await walkMenu(w);
    expect(w.problems).toEqual([]);
  });

  test('branch worker: a branch menu without county-level pages', async () => {
    const worker = user((u) => u.role === 'worker', 'worker');
    const w = await signIn(worker);
    landsOnOrg(w, worker.orgId);
    const items = await walkMenu(w);
    const labels = items.map((i) => i.label);
    for (const county of ['组织体系体检', '下发会议', '发展名额与工作日历'])
      expect(labels).not.toContain(county);
    expect(labels).toContain('谈心谈话');
    expect(w.problems).toEqual([]);
  });

  test('member on a phone (390 px): home entries, and an admin URL is the full-page 无权限', async () => {
    const member = user((u) => u.role === 'member', 'member');
    const w = await signIn(member, true);
    await w.page.waitForURL('**/me');
    const items = await walkMenu(w, true);
    expect(items.map((i) => i.label)).toEqual(['我的']);
    // The phone home's entries are the member's menu.
    const usernames = server.seed.users.map((u) => u.username);
    const entries = await w.page
      .locator('[data-testid^="member-entry-"]')
      .evaluateAll((as) => as.map((a) => a.getAttribute('data-testid')!));
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      await w.page.goto('/me');
      await settle(w);
      await w.page.getByTestId(entry).click();
      await w.page.waitForURL((u) => u.pathname !== '/me');
      await settle(w);
      await inspect(w, usernames);
    }
    expect(w.problems).toEqual([]);

    // An organisation page: 无权限 on the whole page (no frame, no API call answered 403), back to 我的.
    await w.page.goto(`/orgs/${member.orgId}/roster`);
    await w.page.getByTestId('no-permission').waitFor();
    expect(await w.page.getByTestId('nav-toggle').count()).toBe(0);
    expect(w.problems).toEqual([]);
    await w.page.getByTestId('no-permission-home').click();
    await w.page.waitForURL('**/me');
    await w.page.getByTestId('member-home').waitFor();
  });

  test('三员: each lands on their own page and sees only 系统 entries', async () => {
    const expected: Record<string, { landing: string; labels: string[] }> = {
      system_admin: { landing: '/admin/users', labels: ['账号管理', '工作日历'] },
      security_admin: { landing: '/admin/users', labels: ['账号管理'] },
      audit_admin: { landing: '/admin/audit', labels: ['审计日志', '问责记录'] },
    };
    const failures: string[] = [];
    for (const [role, want] of Object.entries(expected)) {
      const admin = user((u) => u.role === role, role);
      const w = await signIn(admin);
      await w.page.waitForURL((u) => u.pathname === want.landing);
      const items = await walkMenu(w);
      expect(
        items.map((i) => i.label),
        role,
      ).toEqual(want.labels);
      expect([...new Set(items.map((i) => i.group))], role).toEqual(['系统']);
      // No organisation tree for the 三员.
      expect(await w.page.locator('[data-testid^="org-tree-node-"]').count(), role).toBe(0);
      // A module page of org staff is the full-page 无权限.
      await w.page.goto(`/orgs/${admin.orgId}/roster`);
      await w.page.getByTestId('no-permission').waitFor();
      expect(await w.page.getByTestId('app-menu').count(), role).toBe(0);
      failures.push(...w.problems.map((p) => `${role} ${p}`));
    }
    expect(failures).toEqual([]);
  });
});
