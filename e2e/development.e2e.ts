// Member development in a real browser: a township administrator registers an applicant in
// one of its branches, the audit lists the overdue talk, every step up to 上级党委审批 is
// recorded through the candidate page (one refusal shown with its rule), and the audit clears.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkCharacter } from '../src/core/person/id-number.ts';
import { launchBrowser } from './browser.ts';
import { apiJson, findOrgBelow, submitLogin } from './helpers.ts';
import { startServer, type E2eServer } from './server.ts';

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

function chinaToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(date + 'T00:00:00Z') + days * 86_400_000).toISOString().slice(0, 10);
}

interface Detail {
  candidate: { id: number; status: string };
  branchMembers: { personId: number; name: string; category: string }[];
  violations: { code: string }[];
}

interface AuditData {
  violations: { candidateId: number; code: string }[];
}

async function recordStep(page: Page, no: number, name: string, date: string, fill: (form: ReturnType<Page['getByTestId']>) => Promise<void> = async () => undefined) {
  const form = page.getByTestId('record-step');
  await form.locator('label.ant-radio-button-wrapper', { hasText: `第${no}步 ${name}` }).click();
  await form.getByRole('button', { name: `保存第${no}步` }).waitFor();
  await form.getByLabel('日期', { exact: true }).fill(date);
  await fill(form);
  await form.getByRole('button', { name: `保存第${no}步` }).click();
}

async function expectRecorded(page: Page, no: number, name: string, count = 1) {
  const err = page.getByTestId('step-error');
  await page.waitForTimeout(300);
  if (await err.count()) throw new Error(`第${no}步被拒绝：${await err.textContent()}`);
  await expect.poll(() => page.getByTestId('step-timeline').getByText(`第${no}步 ${name}`, { exact: true }).count(), { timeout: 15_000 }).toBe(count);
}

describe('development', () => {
  test('township admin moves an applicant to 预备党员 and the audit clears', async () => {
    const townshipAdmins = server.seed.users.filter((u) => u.role === 'org_admin' && /党委|党工委/.test(u.orgName) && !u.orgName.includes('县委'));
    const context = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));

    // A township whose annual development plan (发展名额) still has room, or has none set.
    const year = Number(chinaToday().slice(0, 4));
    let admin: (typeof townshipAdmins)[number] | undefined;
    for (const candidate of townshipAdmins) {
      await page.goto('/login');
      await submitLogin(page, candidate.username, server.password);
      await page.waitForURL(`**/orgs/${candidate.orgId}/workbench`);
      const quotas = await apiJson<{ orgId: number; remaining: number }[]>(page.request, `/api/orgs/${candidate.orgId}/development/quotas?year=${year}`);
      if (quotas.filter((q) => q.orgId === candidate.orgId).every((q) => q.remaining > 0)) {
        admin = candidate;
        break;
      }
      await page.request.post('/api/auth/logout', { headers: { 'x-csrf-token': '' } }).catch(() => undefined);
      await context.clearCookies();
    }
    if (!admin) throw new Error('no township with room in its development plan');

    const { org: branch } = await findOrgBelow(page.request, admin.orgId, (c) => BRANCH_KINDS.includes(c.kind) && c.subtreeMembers >= 6);

    // 1: register the applicant (700 days ago) on the branch's pipeline board.
    const T = chinaToday();
    const d = (offset: number) => addDays(T, offset - 700);
    const first17 = `3399001998041290${'7'}`;
    const idNumber = first17 + checkCharacter(first17);
    const name = '测试申请人甲';
    await page.goto(`/orgs/${branch.id}/development`);
    await page.getByTestId('development-board').waitFor();
    await page.getByRole('button', { name: '登记入党申请人' }).click();
    const modal = page.locator('.ant-modal');
    await modal.getByLabel('姓名').fill(name);
    await modal.getByLabel('公民身份号码').fill(idNumber);
    await modal.getByLabel('递交申请书日期').fill(d(0));
    await modal.getByRole('button', { name: '登 记' }).or(modal.getByRole('button', { name: '登记' })).click();
    await page.waitForURL('**/development/candidates/*');
    const candidateId = Number(new URL(page.url()).pathname.split('/').pop());

    // The audit of the township lists the talk that is long overdue.
    await page.goto(`/orgs/${admin.orgId}/development/audit`);
    await page.getByTestId('audit-violations').getByText(name).first().waitFor();
    const before = await apiJson<AuditData>(page.request, `/api/orgs/${admin.orgId}/development/audit`);
    expect(before.violations.filter((v) => v.candidateId === candidateId).map((v) => v.code)).toEqual(['TALK_OVERDUE']);

    await page.goto(`/development/candidates/${candidateId}`);
    await page.getByTestId('record-step').waitFor();
    const detail = await apiJson<Detail>(page.request, `/api/development/candidates/${candidateId}`);
    const full = detail.branchMembers.filter((m) => m.category === '正式党员');
    expect(full.length).toBeGreaterThanOrEqual(3);
    const tick = (form: ReturnType<Page['getByTestId']>, who: string) => form.locator('label.ant-checkbox-wrapper', { hasText: who }).first().click();
    const publicity = (decision: number) => async (form: ReturnType<Page['getByTestId']>) => {
      await form.getByLabel('公示开始日期').fill(d(decision - 14));
      await form.getByLabel('公示结束日期').fill(d(decision - 1));
    };

    await recordStep(page, 2, '党组织派人谈话', d(15), (f) => f.getByLabel('谈话人').fill('支部书记'));
    await expectRecorded(page, 2, '党组织派人谈话');
    await recordStep(page, 3, '推荐和确定入党积极分子', d(120), (f) => f.getByText('党员推荐', { exact: true }).click());
    await expectRecorded(page, 3, '推荐和确定入党积极分子');
    await recordStep(page, 4, '上级党委备案', d(125));
    await expectRecorded(page, 4, '上级党委备案');
    await recordStep(page, 5, '指定培养联系人', d(126), (f) => tick(f, full[0]!.name));
    await expectRecorded(page, 5, '指定培养联系人');
    await recordStep(page, 6, '培养教育考察', d(300), (f) => f.getByLabel('考察意见').fill('学习认真，表现良好'));
    await expectRecorded(page, 6, '培养教育考察');
    await recordStep(page, 6, '培养教育考察', d(480), (f) => f.getByLabel('考察意见').fill('工作积极，群众评价好'));
    await expectRecorded(page, 6, '培养教育考察', 2);

    // A date that breaks the one-year rule is refused, and the page says which rule.
    await recordStep(page, 7, '确定发展对象', d(480), publicity(480));
    const refusal = page.getByTestId('step-error');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('不满1年');

    await recordStep(page, 7, '确定发展对象', d(500), publicity(500));
    await expectRecorded(page, 7, '确定发展对象');
    await recordStep(page, 8, '上级党委备案', d(510));
    await expectRecorded(page, 8, '上级党委备案');
    await recordStep(page, 9, '确定入党介绍人', d(520), async (f) => { await tick(f, full[0]!.name); await tick(f, full[1]!.name); });
    await expectRecorded(page, 9, '确定入党介绍人');
    await recordStep(page, 10, '进行政治审查', d(540), (f) => f.getByLabel('政审结论').fill('政治审查合格'));
    await expectRecorded(page, 10, '进行政治审查');
    await recordStep(page, 11, '开展集中培训', d(560), (f) => f.getByLabel('培训天数').fill('3'));
    await expectRecorded(page, 11, '开展集中培训');
    await recordStep(page, 12, '支部委员会审查', d(580));
    await expectRecorded(page, 12, '支部委员会审查');
    await recordStep(page, 13, '上级党委预审', d(600), publicity(600));
    await expectRecorded(page, 13, '上级党委预审');
    await recordStep(page, 14, '填写入党志愿书', d(610));
    await expectRecorded(page, 14, '填写入党志愿书');
    const present = String(Math.floor(full.length / 2) + 1);
    await recordStep(page, 15, '支部大会讨论', d(620), async (f) => {
      await f.getByLabel('实到人数').fill(present);
      await f.getByLabel('赞成票').fill(present);
      await f.getByLabel('反对票').fill('0');
      await f.getByLabel('弃权票').fill('0');
    });
    await expectRecorded(page, 15, '支部大会讨论');
    await recordStep(page, 16, '上级党委派人谈话', d(640), (f) => f.getByLabel('谈话人').fill('党委组织员'));
    await expectRecorded(page, 16, '上级党委派人谈话');
    await recordStep(page, 17, '上级党委审批', d(680));
    await expectRecorded(page, 17, '上级党委审批');

    await expect.poll(() => page.getByTestId('candidate-status').textContent()).toBe('预备党员');
    await page.getByTestId('audit-clear').waitFor();

    // The township audit no longer lists the candidate.
    await page.goto(`/orgs/${admin.orgId}/development/audit`);
    await page.getByText('发展党员自查自纠').first().waitFor();
    const after = await apiJson<AuditData>(page.request, `/api/orgs/${admin.orgId}/development/audit`);
    expect(after.violations.filter((v) => v.candidateId === candidateId)).toEqual([]);
    expect(await page.getByText(name).count()).toBe(0);
    const final = await apiJson<Detail>(page.request, `/api/development/candidates/${candidateId}`);
    expect(final.candidate.status).toBe('预备党员');

    // Phone width: the candidate page still works.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/development/candidates/${candidateId}`);
    await page.getByTestId('audit-clear').waitFor();
    expect(errors).toEqual([]);
  });
});
