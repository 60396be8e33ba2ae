import { expect, it } from 'vitest';
import { openTestApp, type Session, type TestApp } from '../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';

interface Graduate {
  personId: number;
  name: string;
  org: { id: number; name: string; code: string };
  graduatedOn: string;
  deadline: string;
  daysLeft: number;
  status: '正常' | '即将到期' | '已超期';
  transferOpen: boolean;
}

describeEachEngine('roster graduates API', (use) => {
  let t: TestApp;
  let a: Session;
  const ids: Record<string, number> = {};

  const list = async (s: Session, query: string) => {
    const res = await s.request('GET', `/api/roster/graduates?${query}`);
    return { res, data: res.statusCode === 200 ? res.json().data : null };
  };
  const names = (items: Graduate[]) => items.map((i) => i.name);

  it('marks members as retained graduates on the profile (audited) and shows deadline and status', async () => {
    t = await openTestApp(use()); // today: 2026-11-23; fixture members born 1980-01-01
    a = await t.login('admin_a');
    const people = await t.ctx.db.selectFrom('persons').select(['id', 'name']).execute();
    for (const p of people) ids[p.name] = Number(p.id);

    const overdue = await a.request('PATCH', `/api/roster/members/${ids['张明']}/profile`, {
      graduatedOn: '2024-11-22',
      graduateRetained: true,
    });
    expect(overdue.statusCode, overdue.body).toBe(200);
    expect(overdue.json().data).toMatchObject({
      graduatedOn: '2024-11-22',
      graduateRetained: true,
      graduate: { deadline: '2026-11-22', daysLeft: -1, status: '已超期' },
    });
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'roster.member.update')
      .where('object_id', '=', String(ids['张明']))
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail)).toMatchObject({
      after: { graduated_on: '2024-11-22', graduate_retained: 1 },
    });

    // 90 days left (roster.graduate.warnDays): 即将到期; well inside: 正常.
    for (const [name, graduatedOn] of [
      ['李华', '2025-02-21'],
      ['王强', '2025-07-01'],
    ] as const) {
      const res = await a.request('PATCH', `/api/roster/members/${ids[name]}/profile`, {
        graduatedOn,
        graduateRetained: true,
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const member = (await a.request('GET', `/api/roster/members/${ids['李华']}`)).json().data;
    expect(member.graduate).toEqual({ deadline: '2027-02-21', daysLeft: 90, status: '即将到期' });
    // Township B marks its own member: township A must never list them.
    const b = await t.login('admin_b');
    const own = await b.request('PATCH', `/api/roster/members/${ids['赵敏']}/profile`, {
      graduatedOn: '2020-07-01',
      graduateRetained: true,
    });
    expect(own.statusCode, own.body).toBe(200);
  });

  it('lists the subtree most urgent first, with counts by status, filters by status, pages', async () => {
    const { res, data } = await list(a, `orgId=${t.fixture.townA.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().policies).toMatchObject({ transfer: true });
    expect(data.rules).toEqual({ maxYears: 2, warnDays: 90 });
    expect(data.summary).toEqual({ total: 3, normal: 1, dueSoon: 1, overdue: 1 });
    const items = data.items as Graduate[];
    expect(items.map((i) => [i.name, i.status, i.daysLeft])).toEqual([
      ['张明', '已超期', -1],
      ['李华', '即将到期', 90],
      ['王强', '正常', 220],
    ]);
    expect(items[0]).toMatchObject({
      org: { id: t.fixture.branchA.id, code: 'TA-1' },
      graduatedOn: '2024-11-22',
      deadline: '2026-11-22',
      transferOpen: false,
    });
    expect(data.nextCursor).toBeNull();

    for (const [status, expected] of [
      ['已超期', ['张明']],
      ['即将到期', ['李华']],
      ['正常', ['王强']],
    ] as const) {
      const r = await list(a, `orgId=${t.fixture.townA.id}&status=${encodeURIComponent(status)}`);
      expect([status, names(r.data.items)]).toEqual([status, expected]);
      expect(r.data.summary.total).toBe(3);
    }
    const bad = await list(a, `orgId=${t.fixture.townA.id}&status=overdue`);
    expect(bad.res.statusCode).toBe(400);
    expect(bad.res.json().error.fields).toHaveProperty(['查询参数 status']);

    const first = await list(a, `orgId=${t.fixture.townA.id}&limit=2`);
    expect(names(first.data.items)).toEqual(['张明', '李华']);
    expect(first.data.nextCursor).toBe(`2025-02-21|${ids['李华']}`);
    const second = await list(
      a,
      `orgId=${t.fixture.townA.id}&limit=2&after=${encodeURIComponent(first.data.nextCursor)}`,
    );
    expect([names(second.data.items), second.data.nextCursor]).toEqual([['王强'], null]);

    // Township B lists only its own retained graduate.
    const branchB = await list(await t.login('admin_b'), `orgId=${t.fixture.townB.id}`);
    expect(names(branchB.data.items)).toEqual(['赵敏']);
  });

  it('refuses impossible graduation dates naming the field, and a retained flag without a date', async () => {
    const patch = (body: unknown) => a.request('PATCH', `/api/roster/members/${ids['王强']}/profile`, body);
    for (const [body, code] of [
      [{ graduatedOn: '2026-11-24' }, 'GRADUATED_IN_FUTURE'],
      // born 1980-01-01: not before 1995-01-01
      [{ graduatedOn: '1994-12-31' }, 'GRADUATED_TOO_EARLY'],
      [{ graduatedOn: null }, 'GRADUATED_ON_REQUIRED'],
      [{ graduatedOn: '2025/07/01' }, 'VALIDATION_FAILED'],
    ] as const) {
      const res = await patch(body);
      expect([JSON.stringify(body), res.statusCode, res.json().error.code]).toEqual([
        JSON.stringify(body),
        400,
        code,
      ]);
      expect(res.json().error.fields).toHaveProperty('graduatedOn');
      expect(res.json().error.message).toMatch(/毕业日期/);
    }
    const flag = await patch({ graduateRetained: '是' });
    expect(flag.statusCode).toBe(400);
    expect(flag.json().error.fields).toHaveProperty('graduateRetained');
    // The edge: exactly 15 years after birth is accepted; so is clearing the date with the flag.
    expect((await patch({ graduatedOn: '1995-01-01' })).statusCode).toBe(200);
    const cleared = await patch({ graduatedOn: null, graduateRetained: false });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json().data).toMatchObject({ graduatedOn: null, graduateRetained: false, graduate: null });
    const { data } = await list(a, `orgId=${t.fixture.townA.id}`);
    expect(data.summary).toEqual({ total: 2, normal: 0, dueSoon: 1, overdue: 1 });
  });

  it('a transfer under way is flagged; once accepted the relationship is no longer retained', async () => {
    const start = await a.request('POST', '/api/roster/transfers', {
      personId: ids['张明'],
      toOrgCode: 'TA-2',
      reason: '毕业生组织关系转接',
    });
    expect(start.statusCode, start.body).toBe(201);
    const open = (await list(a, `orgId=${t.fixture.townA.id}&status=${encodeURIComponent('已超期')}`)).data;
    expect(open.items[0]).toMatchObject({ name: '张明', transferOpen: true });
    const accept = await a.request('POST', `/api/roster/transfers/${start.json().data.id}/actions`, {
      action: 'accept',
    });
    expect(accept.statusCode, accept.body).toBe(200);
    const { data } = await list(a, `orgId=${t.fixture.townA.id}`);
    expect(names(data.items)).toEqual(['李华']);
  });

  it('township B cannot list township A graduates or edit their profile; members cannot use the route', async () => {
    const b = await t.login('admin_b');
    expect((await list(b, `orgId=${t.fixture.townA.id}`)).res.statusCode).toBe(403);
    expect((await list(b, `orgId=${t.fixture.branchA.id}`)).res.statusCode).toBe(403);
    const edit = await b.request('PATCH', `/api/roster/members/${ids['李华']}/profile`, {
      graduateRetained: false,
    });
    expect(edit.statusCode).toBe(403);
    expect(edit.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    const m = await t.login('member_a');
    expect((await list(m, `orgId=${t.fixture.branchA.id}`)).res.statusCode).toBe(403);
    const denied = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'authz_denied')
      .execute();
    expect(denied.length).toBeGreaterThan(0);
  });
});
