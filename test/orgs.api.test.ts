import { expect, it } from 'vitest';
import { openTestApp, type TestApp } from './api-harness.ts';
import { describeEachEngine } from './db-harness.ts';

describeEachEngine('orgs API', (use) => {
  let t: TestApp;
  const snapshot = async () => ({
    orgs: await t.ctx.db.selectFrom('orgs').selectAll().orderBy('id').execute(),
    memberships: await t.ctx.db.selectFrom('memberships').select(['id', 'org_path']).orderBy('id').execute(),
  });

  it('returns an organisation with its counts and current secretary', async () => {
    t = await openTestApp(use());
    const s = await t.login('admin_a');
    const res = await s.request('GET', `/api/orgs/${t.fixture.branchA.id}`);
    expect(res.statusCode).toBe(200);
    const { data, policies } = res.json();
    expect(data.code).toBe('TA-1');
    expect(data.counts).toEqual({ members: 3, fullMembers: 2, probationaryMembers: 1, subtreeMembers: 3, childOrgs: 1, subtreeOrgs: 1 });
    expect(data.secretary.name).toBe('李华');
    expect(data.ancestors.map((a: { code: string }) => a.code)).toEqual(['TA']);
    expect(policies).toEqual({ createChild: true, rename: true, move: true, dissolve: true });
    const town = (await s.request('GET', `/api/orgs/${t.fixture.townA.id}`)).json();
    // A township leads with its subtree: no members of its own, 3 below, in 3 organisations at any depth.
    expect(town.data.counts).toMatchObject({ members: 0, subtreeMembers: 3, childOrgs: 2, subtreeOrgs: 3 });
    expect(town.policies.rename).toBe(false); // nobody re-shapes their own scope root
  });

  it('lists children with subtree member counts', async () => {
    const s = await t.login('sysadmin');
    const res = await s.request('GET', `/api/orgs/${t.fixture.county.id}/children`);
    expect(res.statusCode).toBe(200);
    const rows = res.json().data as Array<{ code: string; subtreeMembers: number; childCount: number }>;
    expect(rows.map((r) => [r.code, r.subtreeMembers, r.childCount])).toEqual([
      ['TA', 3, 2],
      ['TB', 3, 1],
    ]);
  });

  it('searches by name or code only inside the caller’s scope', async () => {
    const a = await t.login('admin_a');
    const byName = (await a.request('GET', '/api/orgs?q=' + encodeURIComponent('村'))).json().data as Array<{ code: string }>;
    expect(byName.map((o) => o.code).sort()).toEqual(['TA-1', 'TA-1-1', 'TA-2']);
    const byCode = (await a.request('GET', '/api/orgs?q=tb')).json().data;
    expect(byCode).toEqual([]);
    const wildcard = (await a.request('GET', '/api/orgs?q=%25')).json().data;
    expect(wildcard).toEqual([]);
  });

  it('creates an organisation, audited with its new state', async () => {
    const s = await t.login('admin_a');
    const res = await s.request('POST', '/api/orgs', { code: 'TA-3', name: '甲镇北村党支部', kind: '党支部', sector: '农村', parentId: t.fixture.townA.id, establishedOn: '2026-11-01' });
    expect(res.statusCode).toBe(201);
    const org = res.json().data;
    expect(org.path).toBe(`${t.fixture.townA.path}${org.id}/`);
    expect(org.depth).toBe(3);
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'org.create').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.detail).after.code).toBe('TA-3');
  });

  it.each([
    ['duplicate code', { code: 'TA-1', name: '重复编码党支部', kind: '党支部', sector: '农村' }, 409, 'code'],
    ['unknown field', { code: 'TA-9', name: '甲镇测试党支部', kind: '党支部', sector: '农村', status: 'x' }, 400, 'status'],
    ['over-long name', { code: 'TA-9', name: '长'.repeat(101), kind: '党支部', sector: '农村' }, 400, 'name'],
    ['bad kind', { code: 'TA-9', name: '甲镇测试党支部', kind: '支部', sector: '农村' }, 400, 'kind'],
    ['a 党小组 under a 党委', { code: 'TA-9', name: '甲镇测试党小组', kind: '党小组', sector: '农村' }, 400, 'kind'],
  ])('refuses %s with a Chinese error naming the field, and changes nothing', async (_name, body, status, field) => {
    const before = await snapshot();
    const s = await t.login('admin_a');
    const res = await s.request('POST', '/api/orgs', { parentId: t.fixture.townA.id, ...body });
    expect(res.statusCode).toBe(status);
    expect(res.json().error.fields).toHaveProperty(field);
    expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a move under its own descendant and changes nothing', async () => {
    const before = await snapshot();
    const s = await t.login('sysadmin');
    const res = await s.request('POST', `/api/orgs/${t.fixture.townA.id}/move`, { parentId: t.fixture.branchA.id });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('ORG_MOVE_INTO_DESCENDANT');
    expect(res.json().error.fields).toHaveProperty('parentId');
    expect(await snapshot()).toEqual(before);
  });

  it('moves a subtree: every path below it and every carried membership path follows', async () => {
    const s = await t.login('sysadmin');
    const res = await s.request('POST', `/api/orgs/${t.fixture.branchA.id}/move`, { parentId: t.fixture.townB.id });
    expect(res.statusCode).toBe(200);
    const newPath = `${t.fixture.townB.path}${t.fixture.branchA.id}/`;
    expect(res.json().data.path).toBe(newPath);
    const group = await t.ctx.db.selectFrom('orgs').selectAll().where('id', '=', t.fixture.groupA.id).executeTakeFirstOrThrow();
    expect(group.path).toBe(`${newPath}${t.fixture.groupA.id}/`);
    expect(group.depth).toBe(4);
    const paths = await t.ctx.db.selectFrom('memberships').select('org_path').where('org_id', '=', t.fixture.branchA.id).execute();
    expect(paths.every((p) => p.org_path === newPath)).toBe(true);
    const townB = (await s.request('GET', `/api/orgs/${t.fixture.townB.id}`)).json().data;
    expect(townB.counts.subtreeMembers).toBe(6);
    // and back again
    expect((await s.request('POST', `/api/orgs/${t.fixture.branchA.id}/move`, { parentId: t.fixture.townA.id })).statusCode).toBe(200);
  });

  it('an org admin cannot move an organisation out of their subtree', async () => {
    const s = await t.login('admin_a');
    const res = await s.request('POST', `/api/orgs/${t.fixture.branchA2.id}/move`, { parentId: t.fixture.townB.id });
    expect(res.statusCode).toBe(403);
  });

  it('renames, audited with before and after', async () => {
    const s = await t.login('admin_a');
    const res = await s.request('PATCH', `/api/orgs/${t.fixture.branchA2.id}`, { name: '甲镇西湾村党支部', shortName: '西湾村' });
    expect(res.statusCode).toBe(200);
    const row = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'org.rename').executeTakeFirstOrThrow();
    expect(JSON.parse(row.detail)).toMatchObject({ before: { name: '甲镇西村党支部' }, after: { name: '甲镇西湾村党支部', shortName: '西湾村' } });
  });

  it('refuses to dissolve a branch with members; dissolves an empty one; refuses children under a dissolved parent', async () => {
    const s = await t.login('admin_a');
    const busy = await s.request('POST', `/api/orgs/${t.fixture.branchA.id}/dissolve`, { dissolvedOn: '2026-11-20', reason: '村改居' });
    expect(busy.statusCode).toBe(409);
    const ok = await s.request('POST', `/api/orgs/${t.fixture.branchA2.id}/dissolve`, { dissolvedOn: '2026-11-20', reason: '村庄合并' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().data).toMatchObject({ status: 'dissolved', dissolvedOn: '2026-11-20' });
    const child = await s.request('POST', '/api/orgs', { code: 'TA-2-1', name: '西村第一党小组', kind: '党小组', sector: '农村', parentId: t.fixture.branchA2.id });
    expect(child.statusCode).toBe(400);
    expect(child.json().error).toMatchObject({ code: 'ORG_PARENT_DISSOLVED', fields: { parentId: expect.stringMatching(/撤销/) } });
    const listed = (await s.request('GET', `/api/orgs/${t.fixture.townA.id}/children`)).json().data as Array<{ code: string }>;
    expect(listed.map((o) => o.code)).not.toContain('TA-2');
    const all = (await s.request('GET', `/api/orgs/${t.fixture.townA.id}/children?includeDissolved=1`)).json().data as Array<{ code: string }>;
    expect(all.map((o) => o.code)).toContain('TA-2');
  });

  it('answers 401 without a session and 404 for an unknown id', async () => {
    expect((await t.app.inject({ method: 'GET', url: `/api/orgs/${t.fixture.county.id}` })).statusCode).toBe(401);
    const s = await t.login('sysadmin');
    const res = await s.request('GET', '/api/orgs/999999');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toBe('组织不存在');
    await t.app.close();
  });
});
