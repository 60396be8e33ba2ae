// A small 述职评议 campaign end to end in a real browser: a township committee opens it for
// three village secretaries; on the organiser's page the report order is set, the reports go in,
// 民主测评 opens and its single-use links are handed out, five participants vote on phone-sized
// screens and a teller enters one paper ballot, the leader comments, the results are published,
// the secretary graded 一般 gets a rectification item and the 约谈 is recorded.
// Then 党员目标管理: a member confirms the 目标责任书 and self-assesses on a phone, and the
// branch worker enters 互评 and 组织评价 on the desk.
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser } from './browser.ts';
import { apiJson, submitLogin, type ApiOrgChild } from './helpers.ts';
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

async function context(options: Parameters<Browser['newContext']>[0]): Promise<Page> {
  const ctx = await browser.newContext({
    baseURL: server.baseUrl,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...options,
  });
  contexts.push(ctx);
  return ctx.newPage();
}

/** JSON call with the page's session (cookie) and its CSRF token. */
async function call<T>(
  api: APIRequestContext,
  csrf: string,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = {
    'x-csrf-token': csrf,
    ...(body === undefined ? {} : { 'content-type': 'application/json' }),
  };
  const res = await api.fetch(path, {
    method,
    headers,
    ...(body === undefined ? {} : { data: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok()) throw new Error(`${method} ${path} → ${res.status()} ${text}`);
  return (JSON.parse(text) as { data: T }).data;
}

describe('述职评议 end to end', () => {
  test('three secretaries report, five participants vote on phones, the leader comments, results publish, 一般 → rectification', async () => {
    const leader = server.seed.users.find((u) => u.role === 'org_admin')!;
    const desk = await context({ viewport: { width: 1366, height: 900 } });
    await desk.goto('/login');
    await submitLogin(desk, leader.username, server.password);
    await desk.waitForURL(`**/orgs/${leader.orgId}/workbench`);
    const csrf = (await call<{ csrfToken: string }>(desk.request, '', 'GET', '/api/me')).csrfToken;
    const api = <T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown) =>
      call<T>(desk.request, csrf, method, path, body);

    // Three villages below the township that have a secretary today.
    const children = await api<ApiOrgChild[]>('GET', `/api/orgs/${leader.orgId}/children`);
    const withSecretary: number[] = [];
    for (const c of children) {
      const d = await api<{ secretary: { name: string } | null }>('GET', `/api/orgs/${c.id}`);
      if (d.secretary && c.kind !== '党小组') withSecretary.push(c.id);
      if (withSecretary.length === 3) break;
    }
    expect(withSecretary).toHaveLength(3);
    const year = new Date().getFullYear();
    const campaign = await api<{ id: number; subjects: number }>('POST', '/api/evaluation/campaigns', {
      orgId: leader.orgId,
      year,
      title: `${year}年度村党组织书记述职评议（端到端）`,
      orgIds: withSecretary,
    });
    expect(campaign.subjects).toBe(3);
    type Detail = {
      subjects: Array<{
        id: number;
        name: string;
        grade: string | null;
        score: number | null;
        reportOrder: number;
      }>;
      status: string;
      voting: { cast: number; turnoutPercent: number } | null;
      rectifications: { total: number };
    };
    const detail = await api<Detail>('GET', `/api/evaluation/campaigns/${campaign.id}`);
    const [first, second, weak] = detail.subjects;

    // The organiser's page from here on: order, reports, voting, paper ballot, 点评, publication, 约谈.
    await desk.goto(`/evaluation/campaigns/${campaign.id}`);
    const dialog = desk.getByRole('dialog');
    await desk.getByTestId('set-order').click();
    await desk.getByRole('button', { name: `上移${weak!.name}` }).click();
    await desk.getByRole('button', { name: `上移${weak!.name}` }).click();
    await desk.getByRole('button', { name: /保存顺序/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    const ordered = await api<Detail & { subjects: Array<{ id: number; reportOrder: number }> }>(
      'GET',
      `/api/evaluation/campaigns/${campaign.id}`,
    );
    expect(ordered.subjects.find((s) => s.id === weak!.id)!.reportOrder).toBe(1);

    // The three 述职报告 entered on the secretaries' behalf, the third with its self-listed problem.
    for (const s of [first!, second!, weak!]) {
      await desk.getByTestId(`subject-${s.id}`).getByRole('button', { name: '述职报告' }).click();
      await dialog.getByLabel('述职报告', { exact: true }).fill(`${s.name}同志本年度抓基层党建工作情况。`);
      if (s.id === weak!.id) await dialog.getByLabel('问题清单（每行一条）').fill('党员活动阵地使用率不高');
      if (s.id === first!.id) {
        await dialog.getByTestId('report-file').setInputFiles({
          name: '党建工作台账.pdf',
          mimeType: 'application/pdf',
          buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
        });
        await dialog.getByRole('link', { name: /党建工作台账\.pdf/ }).waitFor();
      }
      await dialog.getByRole('button', { name: /提\s?交/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      await desk.getByTestId(`subject-${s.id}`).getByText('已提交').waitFor();
    }

    // Six expected: five vote on phones through the links shown once, one on paper.
    await desk
      .locator('[data-testid="expected-voters"] input, input[data-testid="expected-voters"]')
      .first()
      .fill('6');
    await desk.getByRole('button', { name: '开始民主测评并生成选票' }).click();
    await desk.getByTestId('ballot-link').nth(5).waitFor();
    const links = await desk
      .getByTestId('ballot-link')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    const tokens = links.map((h) => decodeURIComponent(h.slice(h.indexOf('#') + 1)));
    expect(tokens).toHaveLength(6);

    // Five participants vote on phones: the first two secretaries 好, the third 一般.
    for (const token of tokens.slice(0, 5)) {
      const phone = await context({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      await phone.goto(`/vote#${encodeURIComponent(token)}`);
      const cards = phone.getByTestId('ballot-subject');
      await cards.first().waitFor();
      expect(await cards.count()).toBe(3);
      for (const s of [first!, second!, weak!]) {
        const card = phone.getByTestId('ballot-subject').filter({ hasText: s.name });
        await card.locator('label', { hasText: new RegExp(`^${s.id === weak!.id ? '一般' : '好'}$`) }).tap();
      }
      expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      await phone.locator('#submit').tap();
      await phone.getByText('投票成功，感谢您的参与！').waitFor();
      // The same link cannot vote twice.
      await phone.reload();
      await phone.getByText('这张选票已经投过，每张选票只能使用一次').waitFor();
    }

    // The teller enters the sixth participant's paper ballot.
    await desk.reload();
    await desk.getByTestId('paper-ballot').click();
    for (const s of [first!, second!, weak!]) {
      await dialog
        .getByTestId('paper-subject')
        .filter({ hasText: s.name })
        .locator('label', { hasText: new RegExp(`^${s.id === weak!.id ? '一般' : '好'}$`) })
        .click();
    }
    await desk.getByTestId('paper-save').click();
    await dialog.getByText('本次已录入1张').waitFor();
    await dialog.getByRole('button', { name: /完\s?成/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    const voted = await api<Detail>('GET', `/api/evaluation/campaigns/${campaign.id}`);
    expect(voted.voting).toMatchObject({ cast: 6, turnoutPercent: 100 });
    await desk.reload();
    await desk.getByRole('button', { name: '结束投票' }).click();
    await desk.getByText('投票已结束').waitFor();

    // The leader's 点评 on the page, then publication.
    for (const s of [first!, second!, weak!]) {
      await desk
        .getByTestId(`subject-${s.id}`)
        .getByRole('button', { name: /^点\s?评$/ })
        .click();
      await dialog.getByLabel('点评意见').fill(`${s.name}述职点评`);
      await dialog
        .locator('label', { hasText: new RegExp(`^${s.id === weak!.id ? '一般' : '好'}$`) })
        .click();
      await dialog.getByRole('button', { name: /保存点评/ }).click();
      await dialog.waitFor({ state: 'hidden' });
    }
    await desk.getByRole('button', { name: '综合评价并公布结果' }).click();
    await desk.getByText(/结果已公布，生成整改事项1项/).waitFor();

    // The 约谈 of the 一般 secretary, recorded on the page.
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    await desk.getByTestId('record-interview').click();
    await dialog.getByLabel('约谈日期').fill(today);
    await dialog.getByLabel('约谈日期').press('Enter');
    await dialog.getByLabel('约谈记录').fill('指出党员活动阵地使用率不高的问题，本人表示限期整改。');
    await dialog.getByRole('button', { name: /保存约谈记录/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await desk.getByText('已约谈').waitFor();
    const interviews = (
      await api<{ interviews: Array<{ subjectId: number; status: string; heldOn: string }> }>(
        'GET',
        `/api/evaluation/campaigns/${campaign.id}`,
      )
    ).interviews;
    expect(interviews).toEqual([
      expect.objectContaining({ subjectId: weak!.id, status: 'held', heldOn: today }),
    ]);

    const result = await api<Detail>('GET', `/api/evaluation/campaigns/${campaign.id}`);
    expect(result.status).toBe('published');
    expect(result.subjects.find((s) => s.id === weak!.id)!.grade).toBe('一般');
    expect(
      result.subjects.filter((s) => s.id !== weak!.id).map((s) => ['好', '较好'].includes(s.grade ?? '')),
    ).toEqual([true, true]);
    // The engine also holds other sources' items (督查, 软弱涣散 …), some with no named owner.
    const rect = await api<{ items: Array<{ title: string; owner: { name: string } | null }> }>(
      'GET',
      `/api/rectifications?orgId=${leader.orgId}`,
    );
    expect(rect.items.map((r) => [r.title, r.owner?.name])).toContainEqual([
      '党员活动阵地使用率不高',
      weak!.name,
    ]);

    // A ballot link after closing says so on the phone.
    const late = await context({ viewport: { width: 390, height: 844 }, isMobile: true });
    await late.goto(`/vote#${encodeURIComponent(tokens[0]!)}`);
    await late.getByTestId('ballot-message').waitFor();
  }, 240_000);
});

describe('党员目标管理 on a phone and the desk', () => {
  test('the member confirms the letter and self-assesses; the branch assesses; the overview shows it', async () => {
    const member = server.seed.users.find((u) => u.role === 'member')!;
    const worker = server.seed.users.find((u) => u.role === 'worker' && u.orgId === member.orgId)!;
    const phone = await context({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await phone.goto('/login');
    await submitLogin(phone, member.username, server.password);
    await phone.waitForURL((u) => !u.pathname.startsWith('/login'));
    await phone.goto('/evaluation/my');
    const my = await apiJson<{ targets: Array<{ id: number; name: string; status: string }> }>(
      phone.request,
      '/api/evaluation/my',
    );
    expect(my.targets[0]).toMatchObject({ status: 'issued' });
    await phone.getByRole('button', { name: '我已阅读并确认目标责任书' }).tap();
    await phone.getByText('已确认', { exact: true }).waitFor();
    await phone.getByRole('button', { name: '上半年', exact: true }).tap();
    await phone.getByLabel('上半年自评分（0–100）').fill('92');
    await phone.getByLabel('完成情况').fill('上半年参加主题党日6次，为群众办实事2件。');
    await phone.getByRole('button', { name: '提交上半年自评' }).tap();
    await phone.getByText('上半年自评已提交').waitFor();
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);

    const desk = await context({ viewport: { width: 1366, height: 900 } });
    await desk.goto('/login');
    await submitLogin(desk, worker.username, server.password);
    await desk.waitForURL((u) => !u.pathname.startsWith('/login'));
    await desk.goto(`/orgs/${worker.orgId}/evaluation?tab=targets`);
    const row = desk.locator('tr', { hasText: my.targets[0]!.name });
    await row.getByText(/已确认/).waitFor();
    await row.getByRole('button', { name: '上半年考评' }).click();
    const dialog = desk.getByRole('dialog');
    await dialog.getByText('92分').waitFor();
    await dialog.getByLabel(/党员互评分/).fill('90');
    await dialog.getByLabel(/组织评价分/).fill('88');
    await dialog.getByRole('button', { name: /保存考评/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    // 92×20% + 90×30% + 88×50% = 89.4 → 合格 (优秀 from 90)
    await row.getByText('合格', { exact: true }).waitFor();
    await row.getByText('89.4').waitFor();
  }, 120_000);
});
