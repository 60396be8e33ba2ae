import { expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';

describeEachEngine('development admin: quotas per 党委 and the working-day calendar', (use) => {
  let t: TestApp;

  it('lists every 党委 of the subtree with its plan (or none), its use, and who may set it', async () => {
    t = await openTestApp(use());
    const sys = await t.login('sysadmin');
    const created = await sys.request('POST', '/api/users', {
      username: 'county_org',
      displayName: '县委组织部',
      scopeOrgId: t.fixture.county.id,
      initialPassword: 'County-Org-Pass-1',
    });
    expect(created.statusCode).toBe(201);
    // 三员分立: the account is created without roles; the security administrator grants them.
    const grant = await (await t.login('secadmin')).request('PUT', `/api/users/${created.json().data.id}/roles`, {
      roles: ['org_admin'],
    });
    expect(grant.statusCode).toBe(200);
    const county = await t.login('county_org', 'County-Org-Pass-1');
    expect(
      (
        await county.request('PUT', `/api/orgs/${t.fixture.townB.id}/development/quotas`, {
          year: 2026,
          quota: 4,
        })
      ).statusCode,
    ).toBe(200);
    const all = (
      await county.request('GET', `/api/orgs/${t.fixture.county.id}/development/quotas?year=2026&all=1`)
    ).json().data;
    expect(
      all.map(
        (r: {
          orgName: string;
          quota: number | null;
          used: number;
          remaining: number | null;
          canSet: boolean;
        }) => [r.orgName, r.quota, r.used, r.remaining, r.canSet],
      ),
    ).toEqual([
      ['测试县委', null, 0, null, false],
      ['甲镇党委', null, 0, null, true],
      ['乙镇党委', 4, 0, 4, true],
    ]);
    // A township sees only its own subtree and may not set its own plan.
    const admin = await t.login('admin_a');
    const own = (
      await admin.request('GET', `/api/orgs/${t.fixture.townA.id}/development/quotas?year=2026&all=1`)
    ).json().data;
    expect(own).toEqual([expect.objectContaining({ orgName: '甲镇党委', quota: null, canSet: false })]);
    const bad = await admin.request(
      'GET',
      `/api/orgs/${t.fixture.townA.id}/development/quotas?year=2026&all=2`,
    );
    expect(bad.statusCode).toBe(400);
    expect(Object.values(bad.json().error.fields)).toEqual(['all应为0或1']);
    expect(
      (await admin.request('GET', `/api/orgs/${t.fixture.townB.id}/development/quotas?year=2026&all=1`))
        .statusCode,
    ).toBe(403);
  });

  it('the calendar is extended by the system administrator and read by everyone who reads development', async () => {
    const sys = await t.login('sysadmin');
    const admin = await t.login('admin_a');
    const body = {
      days: [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-01-04', kind: 'holiday', name: '元旦' },
      ],
      source: '测试：国务院办公厅关于2027年部分节假日安排的通知',
    };
    expect((await admin.request('PUT', '/api/development/calendar', body)).statusCode).toBe(403);
    const res = await sys.request('PUT', '/api/development/calendar', body);
    expect(res.json().data).toEqual({ updated: 2 });
    const days = (await admin.request('GET', '/api/development/calendar?year=2027')).json().data;
    expect(days.filter((d: { source: string }) => d.source === body.source)).toEqual([
      { date: '2027-01-01', kind: 'holiday', name: '元旦', source: body.source },
      { date: '2027-01-04', kind: 'holiday', name: '元旦', source: body.source },
    ]);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'development.calendar.update')
      .execute();
    expect(audit).toHaveLength(1);
    const badKind = await sys.request('PUT', '/api/development/calendar', {
      days: [{ date: '2027-01-05', kind: 'weekend', name: 'x' }],
      source: 's',
    });
    expect(badKind.statusCode).toBe(400);
  });
});
