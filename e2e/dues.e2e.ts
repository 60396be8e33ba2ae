// 党费 on a phone (issue 19): a member pays two months through the sandbox gateway and sees the
// receipt; the branch's 党费台账 shows both months paid; the gateway's replayed notifications
// (same event ids, signed) change nothing.
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser } from './browser.ts';
import { apiJson, submitLogin } from './helpers.ts';
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
  const me = await apiJson<{ csrfToken: string }>(page.request, '/api/me');
  return { page, errors, csrf: me.csrfToken };
}

interface MyMonth {
  month: string;
  outstandingFen: number;
  paidFen: number;
  status: string;
}
interface MyDues {
  name: string;
  months: MyMonth[];
  receipts: { id: number; months: string[]; amountFen: number; method: string; kind: string }[];
}
interface PaymentRow {
  id: number;
  personId: number;
  months: string[];
  kind: string;
  refPaymentId: number | null;
}

const myDues = (api: APIRequestContext) => apiJson<MyDues>(api, '/api/dues/me');
const dueMonths = (d: MyDues) => d.months.filter((m) => m.status === 'due' && m.outstandingFen > 0);

/**
 * The seed decides who owes what; the test needs two months due. When the member's months are all
 * paid, the branch 冲正s their latest payments (a new negative row each: the months are due again).
 */
async function ensureTwoDue(
  member: Page,
  staff: { page: Page; csrf: string },
  branchId: number,
  personId: number,
) {
  for (let i = 0; i < 4 && dueMonths(await myDues(member.request)).length < 2; i++) {
    const payments = await apiJson<PaymentRow[]>(staff.page.request, `/api/dues/payments?orgId=${branchId}`);
    const reversed = new Set(payments.map((p) => p.refPaymentId).filter((id) => id !== null));
    const latest = payments.find(
      (p) => p.personId === personId && p.kind === 'payment' && !reversed.has(p.id),
    );
    if (!latest) break;
    const res = await staff.page.request.post(`/api/dues/payments/${latest.id}/correction`, {
      headers: { 'x-csrf-token': staff.csrf, origin: server.baseUrl },
      data: { reason: '端到端测试：恢复待缴' },
    });
    if (!res.ok()) throw new Error(`冲正失败 ${res.status()} ${await res.text()}`);
  }
  const due = dueMonths(await myDues(member.request));
  expect(due.length).toBeGreaterThanOrEqual(2);
  return due;
}

function staffFor(member: SeedUser): SeedUser {
  return (
    server.seed.users.find((u) => u.role === 'worker' && u.orgId === member.orgId) ??
    server.seed.users.find((u) => u.role === 'org_admin' && member.orgCode.startsWith(`${u.orgCode}-`))!
  );
}

test('member pays two months on the phone through the sandbox gateway; the branch sees them paid; a replay changes nothing', async () => {
  const memberUser = server.seed.users.find((u) => u.role === 'member')!;
  const staffUser = staffFor(memberUser);
  const m = await signIn(memberUser.username, true);
  const s = await signIn(staffUser.username, false);
  // The member's person id, as the branch's roster knows it (by name within the branch).
  const name = (await myDues(m.page.request)).name;
  const found = await apiJson<{ items: { personId: number; name: string }[] }>(
    s.page.request,
    `/api/roster/members?orgId=${memberUser.orgId}&limit=50&q=${encodeURIComponent(name)}`,
  );
  const personId = found.items.find((i) => i.name === name)!.personId;
  const due = await ensureTwoDue(m.page, s, memberUser.orgId, personId);
  // The two latest months due: older ones may be past the 补交 window (the level above records those).
  const pick = [...due].sort((a, b) => b.month.localeCompare(a.month)).slice(0, 2);
  const totalFen = pick[0]!.outstandingFen + pick[1]!.outstandingFen;
  const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

  // 我的 → 我的党费.
  await m.page.goto('/me');
  await m.page.getByTestId('member-entry-/dues/me').click();
  await m.page.getByTestId('my-dues').waitFor({ timeout: 60_000 });
  for (const p of pick) await m.page.getByTestId(`my-dues-month-${p.month}`).click();
  const pay = m.page.getByTestId('my-dues-pay');
  await expect.poll(() => pay.textContent()).toContain(yuan(totalFen));
  await pay.click();

  // The sandbox's hosted pay page (a third party's site).
  await m.page.waitForURL('**/sandbox-gateway/pay/**', { timeout: 60_000 });
  const payUrl = m.page.url();
  expect(await m.page.getByTestId('sandbox-amount').textContent()).toContain(yuan(totalFen));
  await m.page.getByTestId('sandbox-confirm').click();
  await expect.poll(() => m.page.locator('#msg').textContent(), { timeout: 30_000 }).toContain('支付成功');
  await m.page.getByTestId('sandbox-back').click();

  // Back at 我的党费: the order's receipt.
  await m.page.waitForURL('**/dues/me?order=**', { timeout: 30_000 });
  const paid = m.page.getByTestId('dues-order-paid');
  await paid.waitFor({ timeout: 60_000 });
  expect(await paid.textContent()).toContain(yuan(totalFen));
  await paid.getByRole('link', { name: '查看电子收据' }).click();
  const receipt = m.page.getByTestId('dues-receipt');
  await receipt.waitFor({ timeout: 30_000 });
  await m.page.getByTestId('dues-receipt-amount').waitFor({ timeout: 30_000 });
  expect(await m.page.getByTestId('dues-receipt-amount').textContent()).toContain(yuan(totalFen));
  expect(await receipt.textContent()).toContain('在线支付');
  const before = await myDues(m.page.request);
  for (const p of pick) expect(before.months.find((x) => x.month === p.month)?.status).toBe('paid');

  // The branch's ledger: both months 已缴 for the member.
  for (const p of pick) {
    await s.page.goto(`/orgs/${memberUser.orgId}/dues?month=${p.month}`);
    await s.page.getByTestId('dues-ledger').waitFor({ timeout: 60_000 });
    const row = s.page.getByTestId(`dues-ledger-row-${personId}`);
    await row.waitFor({ timeout: 30_000 });
    await expect.poll(() => row.textContent(), { timeout: 30_000 }).toContain('已缴');
  }
  const paymentsBefore = await apiJson<PaymentRow[]>(
    s.page.request,
    `/api/dues/payments?orgId=${memberUser.orgId}`,
  );

  // The gateway sends every notification of the order again (same event ids): nothing changes.
  await m.page.goto(payUrl);
  await m.page.getByTestId('sandbox-replay').click();
  await expect.poll(() => m.page.locator('#msg').textContent(), { timeout: 30_000 }).toContain('已重发通知');
  const after = await myDues(m.page.request);
  expect(after.receipts).toEqual(before.receipts);
  expect(after.months).toEqual(before.months);
  const paymentsAfter = await apiJson<PaymentRow[]>(
    s.page.request,
    `/api/dues/payments?orgId=${memberUser.orgId}`,
  );
  expect(paymentsAfter).toEqual(paymentsBefore);

  expect(m.errors).toEqual([]);
  expect(s.errors).toEqual([]);
});

test('the county sees 收缴率 per township, 上缴与对账 and 减免; a branch sees its ledger and bases', async () => {
  const county = server.seed.users.find((u) => u.role === 'org_admin' && !u.orgCode.includes('-'))!;
  const c = await signIn(county.username, false);
  await c.page.goto(`/orgs/${county.orgId}/dues/overview`);
  const overview = c.page.getByTestId('dues-overview');
  await overview.waitFor({ timeout: 60_000 });
  await c.page
    .getByTestId('dues-remittance')
    .locator('tbody tr.ant-table-row')
    .first()
    .waitFor({ timeout: 60_000 });
  await expect.poll(() => overview.locator('canvas').count(), { timeout: 30_000 }).toBeGreaterThan(1);
  expect(await overview.textContent()).toMatch(/收缴率/);
  // The first test's online payment is on today's gateway statement and in our books alike.
  const reconcile = c.page.getByTestId('dues-reconcile');
  await expect.poll(() => reconcile.textContent(), { timeout: 30_000 }).toContain('一致');

  const worker = server.seed.users.find((u) => u.role === 'worker')!;
  const w = await signIn(worker.username, false);
  await w.page.goto(`/orgs/${worker.orgId}/dues`);
  await w.page
    .getByTestId('dues-ledger')
    .locator('tbody tr.ant-table-row')
    .first()
    .waitFor({ timeout: 60_000 });
  await w.page.goto(`/orgs/${worker.orgId}/dues/bases`);
  await w.page
    .getByTestId('dues-bases')
    .locator('tbody tr.ant-table-row')
    .first()
    .waitFor({ timeout: 60_000 });
  expect(c.errors).toEqual([]);
  expect(w.errors).toEqual([]);
});
