import { expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';
import { insertOrg } from '../orgs/orgs.repository.ts';

describeEachEngine('在职党员到社区报到 API', (use) => {
  let t: TestApp;
  let personId: number;

  it('the home branch registers its member with a community in another township; only the community records service', async () => {
    t = await openTestApp(use()); // today: 2026-11-23
    const now = t.ctx.now().toISOString();
    await t.ctx.db.transaction().execute((trx) =>
      insertOrg(
        trx,
        {
          code: 'TB-SQ',
          name: '乙镇幸福社区党支部',
          short_name: null,
          kind: '党支部',
          sector: '社区',
          parent_id: t.fixture.townB.id,
          unit_names: '[]',
          established_on: '2000-01-01',
          status: 'active',
          created_at: now,
          updated_at: now,
        },
        t.fixture.townB.path,
      ),
    );
    personId = (
      await t.ctx.db.selectFrom('persons').select('id').where('name', '=', '张明').executeTakeFirstOrThrow()
    ).id;
    const a = await t.login('admin_a');
    const notCommunity = await a.request('POST', '/api/roster/community-service', {
      personId,
      communityOrgCode: 'TA-2',
      registeredOn: '2026-01-10',
    });
    expect(notCommunity.statusCode).toBe(400);
    expect(notCommunity.json().error.fields).toHaveProperty('communityOrgCode');
    const reg = await a.request('POST', '/api/roster/community-service', {
      personId,
      communityOrgCode: 'TB-SQ',
      registeredOn: '2026-01-10',
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const r = reg.json().data;
    expect(r).toMatchObject({
      personName: '张明',
      communityOrg: { code: 'TB-SQ' },
      side: 'home',
      mayRecord: false,
    });
    const profile = (await a.request('GET', `/api/roster/members/${personId}`)).json().data;
    expect(profile.flags.communityReport).toBe(true);
    expect(profile.community).toMatchObject({ code: 'TB-SQ' });
    const twice = await a.request('POST', '/api/roster/community-service', {
      personId,
      communityOrgCode: 'TB-SQ',
      registeredOn: '2026-01-10',
    });
    expect(twice.statusCode).toBe(409);
    // The home side does not record service.
    const homeRecords = await a.request('POST', `/api/roster/community-service/${r.id}/services`, {
      servedOn: '2026-03-01',
      activity: '社区清扫',
      hours: 2,
    });
    expect(homeRecords.statusCode).toBe(403);

    const b = await t.login('admin_b');
    // The community side sees the member registered with it, without ID number or phone.
    const seen = await b.request(
      'GET',
      `/api/roster/community-service?orgId=${t.fixture.townB.id}&year=2026`,
    );
    expect(seen.statusCode).toBe(200);
    expect(seen.json().data.items).toEqual([
      expect.objectContaining({ id: r.id, side: 'community', mayRecord: true }),
    ]);
    expect(JSON.stringify(seen.json().data)).not.toMatch(/idNumber|phone/);
    for (const [hours, field] of [
      [0.25, 'hours'],
      [24.5, 'hours'],
      [1.2, 'hours'],
    ] as const) {
      const bad = await b.request('POST', `/api/roster/community-service/${r.id}/services`, {
        servedOn: '2026-03-01',
        activity: '社区清扫',
        hours,
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.fields).toHaveProperty(field);
    }
    const early = await b.request('POST', `/api/roster/community-service/${r.id}/services`, {
      servedOn: '2026-01-09',
      activity: '社区清扫',
      hours: 2,
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.fields).toHaveProperty('servedOn');
    for (const [servedOn, hours] of [
      ['2026-03-01', 2],
      ['2026-03-15', 1.5],
      ['2026-06-20', 4],
      ['2025-12-20', 3],
    ] as const) {
      const res = await b.request('POST', `/api/roster/community-service/${r.id}/services`, {
        servedOn,
        activity: '垃圾分类宣传',
        hours,
      });
      // 2025-12-20 is before the registration
      expect(res.statusCode, res.body).toBe(servedOn < '2026-01-10' ? 400 : 201);
    }
    // The member's own branch sees the hours the community recorded.
    const home = (
      await a.request('GET', `/api/roster/community-service?orgId=${t.fixture.branchA.id}&year=2026`)
    ).json().data;
    expect(home).toMatchObject({ year: 2026, totalHours: 7.5, withoutService: 0 });
    expect(home.items[0]).toMatchObject({ hours: 7.5 });
    expect(home.months[2]).toBe(3.5);
    expect(home.months[5]).toBe(4);
    const detail = (await a.request('GET', `/api/roster/community-service/${r.id}?year=2026`)).json().data;
    expect(detail.records).toHaveLength(3);
    expect(detail.hours).toBe(7.5);
    expect(
      (await a.request('GET', `/api/roster/community-service?orgId=${t.fixture.branchA.id}&year=2025`)).json()
        .data,
    ).toMatchObject({ totalHours: 0, withoutService: 1 });
    const me = (await (await t.login('member_a')).request('GET', '/api/roster/me')).json().data;
    expect(me.community).toMatchObject({ name: '乙镇幸福社区党支部', hours: 7.5 });
    const actions = (
      await t.ctx.db
        .selectFrom('audit_log')
        .select('action')
        .where('object_type', '=', 'roster_community_registration')
        .execute()
    ).map((x) => x.action);
    expect(actions).toEqual(
      expect.arrayContaining(['roster.community.register', 'roster.community.service']),
    );
  });

  it('a branch that is neither side sees nothing; township B cannot register a member of township A', async () => {
    const b = await t.login('admin_b');
    expect(
      (
        await b.request('POST', '/api/roster/community-service', {
          personId,
          communityOrgCode: 'TB-SQ',
          registeredOn: '2026-01-10',
        })
      ).statusCode,
    ).toBe(403);
    const a = await t.login('admin_a');
    expect(
      (await a.request('GET', `/api/roster/community-service?orgId=${t.fixture.branchA2.id}`)).json().data
        .items,
    ).toEqual([]);
    const m = await t.login('member_a');
    expect(
      (await m.request('GET', `/api/roster/community-service?orgId=${t.fixture.branchA.id}`)).statusCode,
    ).toBe(403);
    await t.app.close();
  });
});
