import { afterAll, beforeAll, expect, it } from 'vitest';
import { openTestApp, type TestApp } from './api-harness.ts';
import { describeEachEngine } from './db-harness.ts';

interface AuditRow {
  seq: number;
  at: string;
  actorUsername: string | null;
  action: string;
  result: string;
}

// The audit administrator's log browser: filters by action, actor, result and day range, keyset pages.
describeEachEngine('audit log API filters', (use) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp(use());
    await t.login('admin_a');
    await t.login('worker_a');
    // One refused request → an authz_denied row for worker_a.
    const worker = await t.login('worker_a');
    await worker.request('GET', `/api/orgs/${t.fixture.townB.id}`);
  });
  afterAll(async () => {
    await t.app.close();
  });

  async function list(query: string): Promise<AuditRow[]> {
    const auditor = await t.login('auditor');
    const res = await auditor.request('GET', `/api/audit?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().data as AuditRow[];
  }

  it('filters by actor and action together', async () => {
    const rows = await list('actor=worker_a&action=auth.login');
    expect(rows.length).toBe(2);
    expect(rows.every((r) => r.actorUsername === 'worker_a' && r.action === 'auth.login')).toBe(true);
  });

  it('filters by result', async () => {
    const denied = await list('result=denied');
    expect(denied.length).toBeGreaterThan(0);
    expect(denied.every((r) => r.result === 'denied')).toBe(true);
    expect(denied.some((r) => r.actorUsername === 'worker_a')).toBe(true);
  });

  it('filters by an inclusive day range and pages backwards by seq', async () => {
    // The harness clock: the Beijing-time day of the newest row.
    const [newest] = await list('limit=1');
    const today = new Date(Date.parse(newest!.at) + 8 * 3600_000).toISOString().slice(0, 10);
    const all = await list(`from=${today}&to=${today}&limit=200`);
    expect(all.length).toBeGreaterThan(3);
    expect(await list('from=2000-01-01&to=2000-01-02')).toEqual([]);
    const first = await list('limit=2');
    const next = await list(`limit=2&before=${first[1]!.seq}`);
    expect(next[0]!.seq).toBeLessThan(first[1]!.seq);
  });

  it('labels actions, results, objects and details in Chinese and names the accounts', async () => {
    type Labelled = AuditRow & {
      actionLabel: string;
      resultLabel: string;
      actorName: string | null;
      objectLabel: string | null;
      detailItems: { label: string; value: string }[];
    };
    const [denial] = (await list('actor=worker_a&action=authz_denied')) as Labelled[];
    expect(denial).toMatchObject({
      actionLabel: '越权访问被拒绝',
      resultLabel: '拒绝',
      actorName: 'worker_a',
      objectLabel: '组织 乙镇党委',
    });
    expect(denial!.detailItems).toContainEqual({ label: '原因', value: '超出管理范围' });
    const [login] = (await list('actor=worker_a&action=auth.login')) as Labelled[];
    expect(login).toMatchObject({ actionLabel: '登录', resultLabel: '成功', objectLabel: '账号 worker_a' });
    for (const r of (await list('limit=200')) as Labelled[]) {
      expect(r.actionLabel, r.action).not.toMatch(/[a-z]{3,}/);
      expect(r.detailItems.map((i) => i.label).join(''), r.action).not.toMatch(/[a-z]/);
    }
  });

  it('refuses a malformed date with the field named', async () => {
    const auditor = await t.login('auditor');
    const res = await auditor.request('GET', '/api/audit?from=2026-13-40');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields['查询参数 from']).toMatch(/YYYY-MM-DD/);
  });
});
