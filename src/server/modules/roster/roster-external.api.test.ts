import { expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';

describeEachEngine('roster transfers across the system boundary API', (use) => {
  let t: TestApp;

  it('issues a letter out of the system, flags the unreturned slip, registers the slip and ends the membership; registers an incoming letter', async () => {
    t = await openTestApp(use()); // today: 2026-11-23
    let a = await t.login('admin_a');
    const member = await t.ctx.db
      .selectFrom('memberships')
      .select('person_id')
      .where('org_id', '=', t.fixture.branchA.id)
      .where('valid_to', 'is', null)
      .executeTakeFirstOrThrow();
    const out = await a.request('POST', '/api/roster/external-transfers', {
      direction: 'out',
      personId: member.person_id,
      otherOrgName: '上海市某街道党工委',
      reason: '工作调动',
    });
    expect(out.statusCode, out.body).toBe(201);
    const x = out.json().data;
    expect(x).toMatchObject({
      status: 'letter_issued',
      issuedOn: '2026-11-23',
      validUntil: '2026-12-23',
      slip: 'pending',
    });
    expect(x.letterNumber).toMatch(/^2026组外转字第\d{5}号$/);
    const twice = await a.request('POST', '/api/roster/external-transfers', {
      direction: 'out',
      personId: member.person_id,
      otherOrgName: '别处',
      reason: '重复',
    });
    expect(twice.statusCode).toBe(409);

    const letter = await a.request('GET', `/api/roster/external-transfers/${x.id}/letter`);
    expect(letter.statusCode).toBe(200);
    expect(letter.body).toContain(x.letterNumber);
    expect(letter.body).toContain('回');
    expect(letter.body).toContain('上海市某街道党工委');

    t.setNow('2026-12-24T02:00:00.000Z'); // the day after the last valid day (the session has expired: sign in again)
    a = await t.login('admin_a');
    const listed = (
      await a.request('GET', `/api/roster/external-transfers?orgId=${t.fixture.townA.id}`)
    ).json().data;
    expect(listed.slipOverdue).toBe(1);
    expect(listed.items[0]).toMatchObject({ id: x.id, slip: 'overdue' });

    const early = await a.request('POST', `/api/roster/external-transfers/${x.id}/slip`, {
      returnedOn: '2026-11-22',
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.fields).toHaveProperty('returnedOn');
    const slip = await a.request('POST', `/api/roster/external-transfers/${x.id}/slip`, {
      returnedOn: '2026-12-20',
    });
    expect(slip.statusCode, slip.body).toBe(200);
    expect(slip.json().data).toMatchObject({
      status: 'completed',
      slip: 'returned',
      slipReturnedOn: '2026-12-20',
    });
    const current = await t.ctx.db
      .selectFrom('memberships')
      .select('valid_to')
      .where('person_id', '=', member.person_id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(current.valid_to).toBe('2026-12-20');
    expect(
      (await a.request('POST', `/api/roster/external-transfers/${x.id}/slip`, { returnedOn: '2026-12-21' }))
        .statusCode,
    ).toBe(409);

    const incoming = await a.request('POST', '/api/roster/external-transfers', {
      direction: 'in',
      orgId: t.fixture.branchA.id,
      personName: '外来党员',
      otherOrgName: '江西省某村党支部',
      letterNumber: '赣组转字第123号',
      receivedOn: '2026-12-01',
    });
    expect(incoming.statusCode, incoming.body).toBe(201);
    expect(incoming.json().data).toMatchObject({
      direction: 'in',
      letterNumber: '赣组转字第123号',
      status: 'completed',
      slip: null,
    });
    const bad = await a.request('POST', '/api/roster/external-transfers', {
      direction: 'in',
      orgId: t.fixture.branchA.id,
      personName: '外来党员',
      otherOrgName: '江西省某村党支部',
      receivedOn: '2026-12-01',
    });
    expect(bad.statusCode).toBe(400);
    const actions = (
      await t.ctx.db
        .selectFrom('audit_log')
        .select('action')
        .where('object_type', '=', 'roster_external_transfer')
        .execute()
    ).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'roster.external.out',
        'roster.external.letter',
        'roster.external.slip',
        'roster.external.in',
      ]),
    );
  });

  it('township B cannot register the slip of township A', async () => {
    const b = await t.login('admin_b');
    const row = await t.ctx.db
      .selectFrom('roster_external_transfers')
      .select('id')
      .where('direction', '=', 'out')
      .executeTakeFirstOrThrow();
    expect(
      (await b.request('POST', `/api/roster/external-transfers/${row.id}/slip`, { returnedOn: '2026-12-20' }))
        .statusCode,
    ).toBe(403);
    expect((await b.request('GET', `/api/roster/external-transfers/${row.id}/letter`)).statusCode).toBe(403);
  });
});
