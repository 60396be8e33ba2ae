// A small 述职评议 campaign end to end in a real browser: a township committee opens it for
// three village secretaries, their reports go in, five participants vote on phone-sized
// screens through single-use ballot links, the leader comments, the results are published
// and the secretary graded 一般 gets a rectification item.
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser } from './browser.ts';
import { submitLogin, type ApiOrgChild } from './helpers.ts';
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
    await desk.waitForURL(`**/orgs/${leader.orgId}`);
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
      subjects: Array<{ id: number; name: string; grade: string | null; score: number | null }>;
      status: string;
      voting: { cast: number; turnoutPercent: number } | null;
      rectifications: { total: number };
    };
    const detail = await api<Detail>('GET', `/api/evaluation/campaigns/${campaign.id}`);
    const [first, second, weak] = detail.subjects;

    // The three 述职报告, the third with its self-listed problem.
    for (const s of detail.subjects) {
      await api('PUT', `/api/evaluation/subjects/${s.id}/report`, {
        reportText: `${s.name}同志本年度抓基层党建工作情况。`,
        problems: s.id === weak!.id ? ['党员活动阵地使用率不高'] : [],
      });
    }
    const { tokens } = await api<{ tokens: string[] }>(
      'POST',
      `/api/evaluation/campaigns/${campaign.id}/voting`,
      { expectedVoters: 5 },
    );
    expect(tokens).toHaveLength(5);

    // Five participants vote on phones: the first two secretaries 好, the third 一般.
    for (const token of tokens) {
      const phone = await context({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      await phone.goto(`/vote#${encodeURIComponent(token)}`);
      const cards = phone.getByTestId('ballot-subject');
      await cards.first().waitFor();
      expect(await cards.count()).toBe(3);
      for (const [i, s] of [first!, second!, weak!].entries()) {
        const card = phone.getByTestId('ballot-subject').filter({ hasText: s.name });
        await card.locator('label', { hasText: new RegExp(`^${i === 2 ? '一般' : '好'}$`) }).tap();
      }
      expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      await phone.locator('#submit').tap();
      await phone.getByText('投票成功，感谢您的参与！').waitFor();
      // The same link cannot vote twice.
      await phone.reload();
      await phone.getByText('这张选票已经投过，每张选票只能使用一次').waitFor();
    }

    const voted = await api<Detail>('GET', `/api/evaluation/campaigns/${campaign.id}`);
    expect(voted.voting).toMatchObject({ cast: 5, turnoutPercent: 100 });
    await api('POST', `/api/voting/boxes/${(voted.voting as unknown as { boxId: number }).boxId}/close`);

    // The leader's 点评, then publication.
    for (const s of [first!, second!, weak!]) {
      await api('PUT', `/api/evaluation/subjects/${s.id}/comment`, {
        text: `${s.name}述职点评`,
        grade: s.id === weak!.id ? '一般' : '好',
      });
    }
    const published = await api<{ rectifications: number }>(
      'POST',
      `/api/evaluation/campaigns/${campaign.id}/publish`,
      { scopeOrgId: leader.orgId },
    );
    expect(published.rectifications).toBe(1);
    const result = await api<Detail>('GET', `/api/evaluation/campaigns/${campaign.id}`);
    expect(result.status).toBe('published');
    expect(result.subjects.find((s) => s.id === weak!.id)!.grade).toBe('一般');
    expect(
      result.subjects.filter((s) => s.id !== weak!.id).map((s) => ['好', '较好'].includes(s.grade ?? '')),
    ).toEqual([true, true]);
    const rect = await api<{ items: Array<{ title: string; owner: { name: string } }> }>(
      'GET',
      `/api/rectifications?orgId=${leader.orgId}`,
    );
    expect(rect.items.map((r) => [r.title, r.owner.name])).toContainEqual([
      '党员活动阵地使用率不高',
      weak!.name,
    ]);

    // A ballot link after closing says so on the phone.
    const late = await context({ viewport: { width: 390, height: 844 }, isMobile: true });
    await late.goto(`/vote#${encodeURIComponent(tokens[0]!)}`);
    await late.getByTestId('ballot-message').waitFor();
  }, 240_000);
});
