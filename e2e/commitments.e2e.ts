// 创先争优 公开承诺 in a real browser: a branch drafts an annual commitment and opens the opinion
// period, the public page collects an opinion, early publication is refused; the branch
// records how an opinion was handled, publishes a commitment whose period has ended and records 践诺 progress; a township leader
// reviews an overdue commitment with one rectification item, and the overdue list clears.
// (The server's clock is real, so the "period ended" commitment comes from the demo seed.)
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
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

async function context(options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
  const ctx = await browser.newContext({
    baseURL: server.baseUrl,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...options,
  });
  contexts.push(ctx);
  return ctx.newPage();
}

async function signIn(page: Page, username: string): Promise<string> {
  await page.goto('/login');
  await submitLogin(page, username, server.password);
  // Staff land on their organisation; members on their self-service page.
  await page.waitForURL(/\/(orgs\/|me$)/);
  const res = await page.request.get('/api/me');
  return ((await res.json()) as { data: { csrfToken: string } }).data.csrfToken;
}

async function get<T>(api: APIRequestContext, path: string): Promise<T> {
  const res = await api.get(path);
  if (!res.ok()) throw new Error(`GET ${path} → ${res.status()} ${await res.text()}`);
  return ((await res.json()) as { data: T }).data;
}

const chinaDay = (offsetDays = 0) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(Date.now() + offsetDays * 86_400_000));

describe('公开承诺 end to end', () => {
  test('draft → opinion → publish → progress → leader review with a rectification → overdue list clears', async () => {
    // The county admin finds the demo branch with the seeded commitments.
    const county = await context({ viewport: { width: 1366, height: 900 } });
    await signIn(county, 'county_admin');
    type Item = { id: number; orgId: number; title: string; status: string };
    const year = Number(chinaDay().slice(0, 4));
    const pending = (await get<Item[]>(county.request, `/api/commitments?year=${year}&status=opinion`)).find(
      (c) => c.title === '开展党员结对帮扶困难户',
    )!;
    expect(pending).toBeTruthy();
    const worker = server.seed.users.find((u) => u.role === 'worker' && u.orgId === pending.orgId)!;
    expect(worker).toBeTruthy();

    // 1. The branch drafts an annual commitment and opens the opinion period (ending today).
    const desk = await context({ viewport: { width: 1366, height: 900 } });
    await signIn(desk, worker.username);
    await desk.goto(`/orgs/${worker.orgId}/commitments`);
    await desk.getByTestId('commitment-board').waitFor();
    await desk.getByLabel('承诺标题').fill('年内建成村级党群服务站');
    await desk.getByLabel('承诺内容').fill('改造闲置村部用房，年底前建成并投入使用。');
    await desk.getByRole('button', { name: '保存草稿' }).click();
    await desk.getByRole('link', { name: '年内建成村级党群服务站' }).click();
    await desk.getByTestId('commitment-page').waitFor();
    const draftId = Number(new URL(desk.url()).pathname.split('/').pop());
    await desk.getByLabel('截止日期').fill(chinaDay());
    await desk.getByRole('button', { name: '开始征求意见' }).click();
    await expect.poll(() => desk.getByTestId('commitment-status').textContent()).toBe('征求意见');

    // 2. The public page collects an opinion (a member on a phone), and the public API takes one without login.
    const phone = await context({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const member = server.seed.users.find((u) => u.role === 'member' && u.orgId === worker.orgId);
    if (member) {
      await signIn(phone, member.username);
      await phone.goto(`/commitments/public/${draftId}`);
      await phone.getByTestId('public-commitment').waitFor();
      await phone.getByLabel('您的意见或建议').fill('建议服务站周末也开放');
      await phone.getByRole('button', { name: '提交意见' }).tap();
      await phone.getByText('感谢您的意见').waitFor();
    }
    const anon = await context();
    const res = await anon.request.post(`/api/public/commitments/${draftId}/opinions`, {
      data: { content: '希望增加老年人活动室' },
    });
    expect(res.status()).toBe(201);

    // 3. Publishing before the period ends is refused.
    await desk.reload();
    await desk.getByRole('button', { name: '公开承诺' }).click();
    await desk.getByText(/期满后才能公开承诺/).waitFor();
    await expect.poll(() => desk.getByTestId('commitment-status').textContent()).toBe('征求意见');
    // The branch records how an opinion was handled.
    await desk.getByPlaceholder('处理情况').first().fill('采纳，周末安排党员值班');
    await desk.getByRole('button', { name: '登记处理' }).first().click();
    await desk.getByText('处理情况：采纳，周末安排党员值班').waitFor();

    // 4. The seeded commitment whose period has ended: handle its opinion, publish, record progress.
    await desk.goto(`/commitments/${pending.id}`);
    await desk.getByTestId('commitment-page').waitFor();
    await desk.getByRole('button', { name: '公开承诺' }).click();
    await expect.poll(() => desk.getByTestId('commitment-status').textContent()).toBe('已公开');
    await desk.getByLabel('践诺情况').fill('已完成结对名单，首轮走访12户');
    await desk.getByRole('button', { name: '保存践诺记录' }).click();
    await expect.poll(() => desk.getByTestId('commitment-status').textContent()).toBe('践诺中');
    const board = await get<{ items: Array<{ id: number }> }>(
      anon.request,
      `/api/public/commitments?org=${encodeURIComponent(worker.orgCode)}`,
    );
    expect(board.items.map((i) => i.id)).toContain(pending.id);
    expect(board.items.map((i) => i.id)).not.toContain(draftId);

    // 5. The overdue list shows the seeded ad-hoc commitment nobody reviewed for over six months.
    await desk.goto(`/orgs/${worker.orgId}/commitments`);
    await desk.getByRole('tab', { name: '到期未点评' }).click();
    const overdueRow = desk.getByTestId('overdue-list').getByRole('link', { name: '解决群众反映的路灯问题' });
    await overdueRow.waitFor();
    const overdueId = Number((await overdueRow.getAttribute('href'))!.split('/').pop());

    // 6. A township leader reviews it with one rectification (recorded by the county admin on the leader's behalf).
    const branch = await get<{ ancestors: Array<{ id: number }> }>(
      county.request,
      `/api/orgs/${worker.orgId}`,
    );
    const township = await get<{ secretary: { personId: number } | null }>(
      county.request,
      `/api/orgs/${branch.ancestors.at(-1)!.id}`,
    );
    expect(township.secretary).toBeTruthy();
    await county.goto(`/commitments/${overdueId}`);
    await county.getByTestId('commitment-page').waitFor();
    await county.getByLabel('点评人党员ID（不填则为本人）').fill(String(township.secretary!.personId));
    await county.getByLabel('点评意见').fill('问题解决较快，巡查制度要落实到人');
    await county.getByLabel('整改事项（可选）').fill('建立路灯巡查台账');
    await county.getByLabel('整改期限').fill(chinaDay(30));
    await county.getByRole('button', { name: '提交点评' }).click();
    await county.getByText('整改事项 1 项').waitFor();

    // 7. The overdue list clears of it.
    await desk.reload();
    await desk.getByRole('tab', { name: '到期未点评' }).click();
    await desk.getByRole('tabpanel').last().waitFor();
    await expect
      .poll(async () =>
        desk.getByTestId('overdue-list').getByRole('link', { name: '解决群众反映的路灯问题' }).count(),
      )
      .toBe(0);
  }, 180_000);
});
