// The body-refs check (src/server/http/body-refs.plugin.ts) beyond the route-policy inventory:
// what it lets through and what it leaves to the services. The cross-subtree refusals of every
// marked field are in test/route-policy.test.ts.
import { expect, it } from 'vitest';
import { openTestApp, type TestApp } from './api-harness.ts';
import { describeEachEngine } from './db-harness.ts';

describeEachEngine('ids in request bodies', (use) => {
  let t: TestApp;
  const personNamed = async (name: string) =>
    (await t.ctx.db.selectFrom('persons').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const deniedRows = async () =>
    (await t.ctx.db.selectFrom('audit_log').select('seq').where('action', '=', 'authz_denied').execute())
      .length;

  it('refuses a township-B member in a township-A body and writes nothing (the reproduction)', async () => {
    t = await openTestApp(use());
    const a = await t.login('admin_a');
    const zhao = await personNamed('赵敏');
    const before = await deniedRows();
    const res = await a.request('POST', '/api/rectifications', {
      orgId: t.fixture.branchA.id,
      ownerPersonId: zhao,
      title: '整改事项',
      deadline: '2027-06-30',
    });
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain('赵敏');
    expect(await deniedRows()).toBe(before + 1);
    expect(await t.ctx.db.selectFrom('rect_items').select('id').execute()).toEqual([]);
  });

  it('lets through a member of the subtree, and one who has since moved out (a past event names them)', async () => {
    const a = await t.login('admin_a');
    const before = await deniedRows();
    const own = await a.request('POST', '/api/rectifications', {
      orgId: t.fixture.branchA.id,
      ownerPersonId: t.fixture.secretaryA,
      title: '整改事项',
      deadline: '2027-06-30',
    });
    expect(own.statusCode, own.body).toBe(201);
    // 孙离 was a member of branch A until 2026-03-01 and is now in township B.
    const moved = await a.request('POST', '/api/rectifications', {
      orgId: t.fixture.branchA.id,
      ownerPersonId: await personNamed('孙离'),
      title: '整改事项',
      deadline: '2027-06-30',
    });
    expect(moved.statusCode, moved.body).toBe(201);
    expect(await deniedRows()).toBe(before);
  });

  it('leaves an id that does not exist to the service, which answers it as before', async () => {
    const a = await t.login('admin_a');
    const before = await deniedRows();
    const res = await a.request('POST', '/api/roster/floating', {
      direction: 'out',
      kind: 'domestic',
      personId: 999999,
      destination: '杭州市',
      since: '2026-11-01',
    });
    expect(res.statusCode).toBe(404);
    expect(await deniedRows()).toBe(before);
  });

  it('checks every id of an array and audits the first foreign one', async () => {
    const a = await t.login('admin_a');
    const before = await t.ctx.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirstOrThrow();
    const res = await a.request('POST', '/api/org-life/series', {
      issuerOrgId: t.fixture.townA.id,
      type: '主题党日',
      theme: '学习贯彻',
      heldOn: '2026-11-30',
      deadline: '2026-12-10',
      orgIds: [t.fixture.branchA.id, t.fixture.branchB.id, t.fixture.townB.id],
    });
    expect(res.statusCode).toBe(403);
    const rows = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'object_type', 'object_id'])
      .where('seq', '>', Number(before.seq))
      .execute();
    expect(rows).toEqual([
      { action: 'authz_denied', object_type: 'org', object_id: String(t.fixture.branchB.id) },
    ]);
  });

  it('lets an administrator of the whole county name any of its objects', async () => {
    const sys = await t.login('sysadmin');
    const res = await sys.request('POST', '/api/orgs', {
      code: 'TB-9',
      name: '乙镇新建党支部',
      kind: '党支部',
      sector: '农村',
      parentId: t.fixture.townB.id,
    });
    expect(res.statusCode, res.body).toBe(201);
    await t.app.close();
  });
});
