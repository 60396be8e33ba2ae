import { expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';

interface Floating {
  id: number;
  personId: number | null;
  personName: string;
  direction: 'out' | 'in';
  kind: 'domestic' | 'abroad_study';
  contactDueOn: string | null;
  contactOverdue: boolean;
  transferDue: boolean;
  lastContactOn: string | null;
  endedOn: string | null;
}

describeEachEngine('roster floating members API', (use) => {
  let t: TestApp;

  it('registers out-flow and in-flow, flags an overdue contact abroad, records contacts and ends, audited', async () => {
    t = await openTestApp(use()); // today: 2026-11-23
    const a = await t.login('admin_a');
    const member = await t.ctx.db
      .selectFrom('memberships')
      .select('person_id')
      .where('org_id', '=', t.fixture.branchA.id)
      .where('valid_to', 'is', null)
      .executeTakeFirstOrThrow();
    const abroad = await a.request('POST', '/api/roster/floating', {
      direction: 'out',
      kind: 'abroad_study',
      personId: member.person_id,
      destination: '英国伦敦',
      since: '2026-05-22',
    });
    expect(abroad.statusCode, abroad.body).toBe(201);
    const f = abroad.json().data as Floating;
    // due 2026-11-22, today 2026-11-23: overdue by one day
    expect(f).toMatchObject({
      direction: 'out',
      contactDueOn: '2026-11-22',
      contactOverdue: true,
      transferDue: false,
    });
    const profile = await t.ctx.db
      .selectFrom('roster_profiles')
      .select(['floating', 'floating_destination'])
      .where('person_id', '=', member.person_id)
      .executeTakeFirstOrThrow();
    expect(profile).toEqual({ floating: 1, floating_destination: '英国伦敦' });

    const again = await a.request('POST', '/api/roster/floating', {
      direction: 'out',
      kind: 'domestic',
      personId: member.person_id,
      destination: '杭州',
      since: '2026-06-01',
    });
    expect(again.statusCode).toBe(409);

    const future = await a.request('POST', `/api/roster/floating/${f.id}/contacts`, {
      contactedOn: '2026-11-24',
      method: '微信',
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields).toHaveProperty('contactedOn');
    const contact = await a.request('POST', `/api/roster/floating/${f.id}/contacts`, {
      contactedOn: '2026-11-20',
      method: '视频',
      note: '学习情况良好',
      joinedLocalLife: true,
    });
    expect(contact.statusCode, contact.body).toBe(201);
    expect(contact.json().data).toMatchObject({
      lastContactOn: '2026-11-20',
      contactDueOn: '2027-05-20',
      contactOverdue: false,
    });

    const inflow = await a.request('POST', '/api/roster/floating', {
      direction: 'in',
      kind: 'domestic',
      orgId: t.fixture.branchA.id,
      personName: '外来党员',
      origin: '江西省上饶市某村党支部',
      destination: '甲镇',
      since: '2026-03-01',
    });
    expect(inflow.statusCode, inflow.body).toBe(201);
    const noOrigin = await a.request('POST', '/api/roster/floating', {
      direction: 'in',
      kind: 'domestic',
      orgId: t.fixture.branchA.id,
      personName: '外来党员',
      destination: '甲镇',
      since: '2026-03-01',
    });
    expect(noOrigin.statusCode).toBe(400);
    expect(noOrigin.json().error.fields).toHaveProperty('origin');

    const list = (await a.request('GET', `/api/roster/floating?orgId=${t.fixture.townA.id}`)).json().data;
    expect(list.summary).toMatchObject({ out: 1, in: 1, abroadStudy: 1, contactOverdue: 0 });
    const detail = (await a.request('GET', `/api/roster/floating/${f.id}`)).json().data;
    expect(detail.contactRecords).toEqual([
      expect.objectContaining({ contactedOn: '2026-11-20', method: '视频', joinedLocalLife: true }),
    ]);

    const end = await a.request('POST', `/api/roster/floating/${f.id}/end`, { endedOn: '2026-11-23' });
    expect(end.statusCode, end.body).toBe(200);
    expect(
      (await a.request('GET', `/api/roster/floating?orgId=${t.fixture.townA.id}`)).json().data.summary.out,
    ).toBe(0);
    const after = await t.ctx.db
      .selectFrom('roster_profiles')
      .select('floating')
      .where('person_id', '=', member.person_id)
      .executeTakeFirstOrThrow();
    expect(after.floating).toBe(0);
    const actions = (
      await t.ctx.db
        .selectFrom('audit_log')
        .select('action')
        .where('object_type', '=', 'roster_floating')
        .execute()
    ).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining(['roster.floating.create', 'roster.floating.contact', 'roster.floating.end']),
    );
  });

  it('township B cannot see or act on township A registrations; members cannot use the routes', async () => {
    const b = await t.login('admin_b');
    const row = await t.ctx.db.selectFrom('roster_floating').select('id').executeTakeFirstOrThrow();
    expect((await b.request('GET', `/api/roster/floating/${row.id}`)).statusCode).toBe(403);
    expect((await b.request('GET', `/api/roster/floating?orgId=${t.fixture.townA.id}`)).statusCode).toBe(403);
    const m = await t.login('member_a');
    expect((await m.request('GET', `/api/roster/floating?orgId=${t.fixture.branchA.id}`)).statusCode).toBe(
      403,
    );
  });
});
