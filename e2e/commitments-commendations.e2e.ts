// 两优一先 in a real browser: the seeded round (公示 just ended) is decided by the township —
// one approval, one rejection with a reason; the township opens a new round and a branch
// nominates a member through the nomination page; the public board shows the 公示 names only.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser } from './browser.ts';
import { submitLogin } from './helpers.ts';
import { startServer, type E2eServer } from './server.ts';

let server: E2eServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

async function signedIn(username: string): Promise<{ page: Page; csrf: string }> {
  const ctx = await browser.newContext({
    baseURL: server.baseUrl,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1366, height: 900 },
  });
  contexts.push(ctx);
  const page = await ctx.newPage();
  await page.goto('/login');
  await submitLogin(page, username, server.password);
  await page.waitForURL('**/orgs/**');
  const me = (await (await page.request.get('/api/me')).json()) as { data: { csrfToken: string } };
  return { page, csrf: me.data.csrfToken };
}

const chinaDay = (offsetDays = 0) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(Date.now() + offsetDays * 86_400_000));

type Round = { id: number; orgId: number; status: string; title: string };

describe('两优一先 end to end', () => {
  test('decide the seeded round after its 公示; open a round; a branch nominates; the public sees names only', async () => {
    const county = await signedIn('county_admin');
    const rounds = (await (await county.page.request.get('/api/commendations/rounds')).json()) as {
      data: Round[];
    };
    const seeded = rounds.data.find((r) => r.status === 'publicity')!;
    expect(seeded).toBeTruthy();
    const townAdmin = server.seed.users.find((u) => u.role === 'org_admin' && u.orgId === seeded.orgId)!;
    expect(townAdmin).toBeTruthy();

    // 1. The township decides: approve one nomination, reject another with a reason.
    const town = await signedIn(townAdmin.username);
    await town.page.goto(`/orgs/${seeded.orgId}/commitments`);
    await town.page.getByRole('tab', { name: '两优一先' }).click();
    await town.page.getByRole('link', { name: seeded.title }).click();
    await town.page.getByTestId('round-page').waitFor();
    const table = town.page.getByTestId('nominations');
    await table
      .getByRole('button', { name: /^批\s?准$/ })
      .first()
      .waitFor();
    const approvedBefore = await table.getByText('已批准').count();
    await table
      .getByRole('button', { name: /^批\s?准$/ })
      .first()
      .click();
    await expect.poll(() => table.getByText('已批准').count()).toBe(approvedBefore + 1);
    await table.getByRole('button', { name: '不批准', exact: true }).first().click();
    await town.page.locator('.ant-popconfirm textarea').fill('公示期间收到反映，暂缓表彰');
    await town.page.locator('.ant-popconfirm').getByRole('button', { name: '不批准' }).click();
    await table.getByText('公示期间收到反映，暂缓表彰').waitFor();

    // 2. The township opens a new round (window from today); the branch nominates a member.
    const open = await town.page.request.post('/api/commendations/rounds', {
      headers: { 'x-csrf-token': town.csrf, origin: server.baseUrl },
      data: {
        orgId: seeded.orgId,
        year: Number(chinaDay().slice(0, 4)),
        title: '浏览器测试评选',
        nominateFrom: chinaDay(),
        nominateTo: chinaDay(7),
      },
    });
    expect(open.status()).toBe(201);
    const roundId = ((await open.json()) as { data: { id: number } }).data.id;
    const worker = server.seed.users.find(
      (u) => u.role === 'worker' && server.seed.users.some((m) => m.role === 'member' && m.orgId === u.orgId),
    )!;
    const desk = await signedIn(worker.username);
    await desk.page.goto(`/commendations/${roundId}`);
    await desk.page.getByTestId('nominate-form').waitFor();
    await desk.page.getByLabel('被提名党员').click();
    await desk.page.keyboard.press('ArrowDown');
    await desk.page.keyboard.press('Enter');
    await desk.page.getByLabel('推荐理由（主要事迹）').fill('带头兑现公开承诺，结对帮扶困难群众');
    await desk.page.getByTestId('nominate-submit').click();
    await desk.page.getByTestId('nominations').getByText('带头兑现公开承诺，结对帮扶困难群众').waitFor();

    // 3. The public board of the township shows the 公示 with names, never ID numbers or phones.
    const anon = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN' });
    contexts.push(anon);
    const townOrg = (await (await county.page.request.get(`/api/orgs/${seeded.orgId}`)).json()) as {
      data: { code: string };
    };
    const pub = await anon.newPage();
    await pub.goto(`/p/commitments?org=${encodeURIComponent(townOrg.data.code)}`);
    await pub.getByTestId('public-commendations').waitFor();
    const text = (await pub.getByTestId('public-commendations').textContent()) ?? '';
    expect(text).toContain(seeded.title);
    expect(text).not.toMatch(/\d{17}[\dXx]|1[3-9]\d{9}/);
  }, 180_000);
});
