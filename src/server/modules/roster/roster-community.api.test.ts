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

  it('the community side corrects and deletes a service record (checked like a new one, audited)', async () => {
    const reg = await t.ctx.db
      .selectFrom('roster_community_registrations')
      .select('id')
      .where('person_id', '=', personId)
      .executeTakeFirstOrThrow();
    const a = await t.login('admin_a');
    const b = await t.login('admin_b');
    const records = (await b.request('GET', `/api/roster/community-service/${reg.id}?year=2026`)).json().data
      .records as Array<{ id: number; servedOn: string; hours: number }>;
    const june = records.find((x) => x.servedOn === '2026-06-20')!;
    const march = records.find((x) => x.servedOn === '2026-03-15')!;
    const url = (sid: number) => `/api/roster/community-service/${reg.id}/services/${sid}`;
    // The home side sees the records but does not correct them.
    expect((await a.request('PATCH', url(june.id), { hours: 3 })).statusCode).toBe(403);
    expect((await a.request('DELETE', url(june.id))).statusCode).toBe(403);
    expect((await b.request('PATCH', url(june.id), {})).statusCode).toBe(400);
    for (const [body, field] of [
      [{ hours: 0.25 }, 'hours'],
      [{ hours: 1.2 }, 'hours'],
      [{ servedOn: '2026-01-09' }, 'servedOn'],
      [{ servedOn: '2026-11-24' }, 'servedOn'],
      [{ servedOn: '2026-6-1' }, 'servedOn'],
      [{ activity: '扫' }, 'activity'],
    ] as const) {
      const bad = await b.request('PATCH', url(june.id), body);
      expect(bad.statusCode, JSON.stringify(body)).toBe(400);
      expect(bad.json().error.fields).toHaveProperty(field);
    }
    expect((await b.request('PATCH', url(999999), { hours: 3 })).statusCode).toBe(404);
    const fixed = await b.request('PATCH', url(june.id), { hours: 3, activity: '关爱独居老人' });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json().data).toEqual({
      id: june.id,
      servedOn: '2026-06-20',
      activity: '关爱独居老人',
      hours: 3,
    });
    expect((await b.request('DELETE', url(march.id))).statusCode).toBe(200);
    expect((await b.request('DELETE', url(march.id))).statusCode).toBe(404);
    const detail = (await a.request('GET', `/api/roster/community-service/${reg.id}?year=2026`)).json().data;
    expect(detail.records).toHaveLength(2);
    expect(detail.hours).toBe(5);
    expect(detail.records[0]).toMatchObject({ activity: '关爱独居老人', correctedBy: 'admin_b' });
    const audits = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('action', 'in', ['roster.community.service.update', 'roster.community.service.delete'])
      .execute();
    expect(audits.map((x) => x.action).sort()).toEqual([
      'roster.community.service.delete',
      'roster.community.service.update',
    ]);
    const update = JSON.parse(String(audits.find((x) => x.action.endsWith('update'))!.detail));
    expect(update).toMatchObject({ serviceId: june.id, before: { hours: 4 }, after: { hours: 3 } });
  });

  it('the home side ends a registration: flag cleared, kept in the list as 已结束, no new service', async () => {
    const reg = await t.ctx.db
      .selectFrom('roster_community_registrations')
      .select('id')
      .where('person_id', '=', personId)
      .executeTakeFirstOrThrow();
    const a = await t.login('admin_a');
    const b = await t.login('admin_b');
    const end = (session: typeof a, body: unknown) =>
      session.request('POST', `/api/roster/community-service/${reg.id}/end`, body);
    // The community side records service; ending is for the member's own branch.
    expect((await end(b, { endedOn: '2026-10-31', reason: '迁居' })).statusCode).toBe(403);
    for (const [body, field] of [
      [{ endedOn: '2026-11-24', reason: '迁居' }, 'endedOn'],
      [{ endedOn: '2026-01-09', reason: '迁居' }, 'endedOn'],
      [{ endedOn: '2026-06-19', reason: '迁居' }, 'endedOn'], // before the last service (2026-06-20)
      [{ endedOn: '2026/10/31', reason: '迁居' }, 'endedOn'],
      [{ endedOn: '2026-10-31' }, 'reason'],
      [{ endedOn: '2026-10-31', reason: '  ' }, 'reason'],
      [{ endedOn: '2026-10-31', reason: '迁'.repeat(201) }, 'reason'],
    ] as const) {
      const bad = await end(a, body);
      expect(bad.statusCode, JSON.stringify(body)).toBe(400);
      expect(bad.json().error.fields).toHaveProperty(field);
    }
    const ended = await end(a, { endedOn: '2026-10-31', reason: '搬家到城区居住' });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json().data).toMatchObject({
      endedOn: '2026-10-31',
      endReason: '搬家到城区居住',
      status: 'ended',
      statusLabel: '已结束',
      mayEnd: false,
      mayRecord: false,
    });
    const twice = await end(a, { endedOn: '2026-10-31', reason: '搬家到城区居住' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('REGISTRATION_ENDED');
    const profile = (await a.request('GET', `/api/roster/members/${personId}`)).json().data;
    expect(profile.flags.communityReport).toBe(false);
    expect(profile.community).toBeNull();
    expect(
      (await (await t.login('member_a')).request('GET', '/api/roster/me')).json().data.community,
    ).toBeNull();
    // No new service after the end, whatever its date; the recorded hours stay.
    const late = await b.request('POST', `/api/roster/community-service/${reg.id}/services`, {
      servedOn: '2026-07-01',
      activity: '社区清扫',
      hours: 2,
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toMatchObject({ code: 'REGISTRATION_ENDED' });
    expect(late.json().error.message).toContain('已于2026-10-31结束');
    const june = (await t.ctx.db
      .selectFrom('roster_volunteer_services')
      .select('id')
      .where('registration_id', '=', reg.id)
      .where('served_on', '=', '2026-06-20')
      .executeTakeFirstOrThrow())!;
    const afterEnd = await b.request('PATCH', `/api/roster/community-service/${reg.id}/services/${june.id}`, {
      servedOn: '2026-11-01',
    });
    expect(afterEnd.statusCode).toBe(400);
    expect(afterEnd.json().error.fields).toHaveProperty('servedOn');
    const list = (status: string) =>
      a.request(
        'GET',
        `/api/roster/community-service?orgId=${t.fixture.branchA.id}&year=2026&status=${status}`,
      );
    expect((await list('all')).json().data.items).toEqual([
      expect.objectContaining({ id: reg.id, status: 'ended', statusLabel: '已结束', hours: 5 }),
    ]);
    expect((await list('ended')).json().data.items).toHaveLength(1);
    expect((await list('active')).json().data.items).toHaveLength(0);
    expect((await list('gone')).statusCode).toBe(400);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'roster.community.end')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(String(audit.detail))).toMatchObject({
      personId,
      after: { endedOn: '2026-10-31' },
      reason: '搬家到城区居住',
    });
    // Ended, the member may register with a community again.
    const again = await a.request('POST', '/api/roster/community-service', {
      personId,
      communityOrgCode: 'TB-SQ',
      registeredOn: '2026-11-01',
    });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().data).toMatchObject({ status: 'active', statusLabel: '在册', mayEnd: true });
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
