import { expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';

describeEachEngine("a member's own transfer request API", (use) => {
  let t: TestApp;

  it('the member files a request for themselves only; one open at a time; fields named in Chinese', async () => {
    t = await openTestApp(use());
    const m = await t.login('member_a'); // 张明 of TA-1
    const other = await t.ctx.db
      .selectFrom('persons')
      .select('id')
      .where('name', '=', '李华')
      .executeTakeFirstOrThrow();
    // The person always comes from the signed-in account: a personId in the body is refused.
    const forOther = await m.request('POST', '/api/roster/me/transfer-request', {
      destination: 'in_system',
      toOrgCode: 'TA-2',
      reason: '替他人申请',
      personId: other.id,
    });
    expect(forOther.statusCode).toBe(400);
    expect(await t.ctx.db.selectFrom('roster_transfer_requests').select('id').execute()).toHaveLength(0);

    const noReason = await m.request('POST', '/api/roster/me/transfer-request', {
      destination: 'outside',
      otherOrgName: '上海市某公司党支部',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields).toHaveProperty('reason');
    const unknown = await m.request('POST', '/api/roster/me/transfer-request', {
      destination: 'in_system',
      toOrgCode: 'NOPE',
      reason: '工作调动',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields.toOrgCode).toContain('NOPE');
    const same = await m.request('POST', '/api/roster/me/transfer-request', {
      destination: 'in_system',
      toOrgCode: 'TA-1',
      reason: '工作调动',
    });
    expect(same.statusCode).toBe(400);
    expect(same.json().error.fields).toHaveProperty('toOrgCode');

    const filed = await m.request('POST', '/api/roster/me/transfer-request', {
      destination: 'in_system',
      toOrgCode: 'TA-2',
      reason: '搬家到西村',
    });
    expect(filed.statusCode, filed.body).toBe(201);
    expect(filed.json().data).toMatchObject({
      personName: '张明',
      org: { code: 'TA-1' },
      destination: 'in_system',
      toOrg: { code: 'TA-2' },
      status: 'open',
    });
    const twice = await m.request('POST', '/api/roster/me/transfer-request', {
      destination: 'outside',
      otherOrgName: '上海市某公司党支部',
      reason: '再申请',
    });
    expect(twice.statusCode).toBe(409);
    const me = (await m.request('GET', '/api/roster/me')).json().data;
    expect(me.transferRequest).toMatchObject({ status: 'open', statusLabel: '已提交，待党支部办理' });

    // A member cannot act on requests (branch staff only).
    const id = filed.json().data.id;
    expect((await m.request('POST', `/api/roster/transfer-requests/${id}/convert`)).statusCode).toBe(403);
    expect(
      (await m.request('GET', `/api/roster/transfer-requests?orgId=${t.fixture.branchA.id}`)).statusCode,
    ).toBe(403);
  });

  it('the member withdraws their own open request (撤回) and may file again; nobody else can', async () => {
    const m = await t.login('member_a');
    const open = await t.ctx.db
      .selectFrom('roster_transfer_requests')
      .select('id')
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    const withdraw = (session: typeof m, id: number | string) =>
      session.request('POST', `/api/roster/me/transfer-request/${id}/withdraw`);
    const badId = await withdraw(m, 'abc');
    expect(badId.statusCode).toBe(400);
    expect(Object.keys(badId.json().error.fields)).toEqual(['路径参数 id']);
    expect((await withdraw(m, 999999)).statusCode).toBe(404);
    // Another person, even staff whose scope covers the branch, cannot withdraw the member's request.
    const deniedBefore = (
      await t.ctx.db.selectFrom('audit_log').select('seq').where('action', '=', 'authz_denied').execute()
    ).length;
    expect((await withdraw(await t.login('admin_a'), open.id)).statusCode).toBe(403);
    expect(
      (await t.ctx.db.selectFrom('audit_log').select('seq').where('action', '=', 'authz_denied').execute())
        .length,
    ).toBe(deniedBefore + 1);
    const res = await withdraw(m, open.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().data).toMatchObject({ id: open.id, status: 'withdrawn', statusLabel: '本人已撤回' });
    const again = await withdraw(m, open.id);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'REQUEST_CLOSED', message: '该申请已撤回' });
    // The branch can no longer handle it.
    const a = await t.login('admin_a');
    const convert = await a.request('POST', `/api/roster/transfer-requests/${open.id}/convert`);
    expect(convert.statusCode).toBe(409);
    expect(convert.json().error.message).toContain('撤回');
    expect((await m.request('GET', '/api/roster/me')).json().data.transferRequest).toMatchObject({
      status: 'withdrawn',
    });
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['object_id', 'actor_username'])
      .where('action', '=', 'roster.request.withdraw')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ object_id: String(open.id), actor_username: 'member_a' });
    // Withdrawn, the member may file again (the next test converts this one).
    const refiled = await m.request('POST', '/api/roster/me/transfer-request', {
      destination: 'in_system',
      toOrgCode: 'TA-2',
      reason: '搬家到西村',
    });
    expect(refiled.statusCode, refiled.body).toBe(201);
  });

  it('the branch turns the request into a normal transfer in one step; it cannot be handled twice', async () => {
    const a = await t.login('admin_a');
    const list = await a.request('GET', `/api/roster/transfer-requests?orgId=${t.fixture.townA.id}`);
    expect(list.statusCode).toBe(200);
    expect(list.json().data).toHaveLength(1);
    const id = list.json().data[0].id;
    const res = await a.request('POST', `/api/roster/transfer-requests/${id}/convert`);
    expect(res.statusCode, res.body).toBe(201);
    const { request, transfer } = res.json().data;
    expect(request).toMatchObject({ status: 'converted', transferId: transfer.id });
    expect(transfer.reason).toBe('搬家到西村');
    expect((await a.request('POST', `/api/roster/transfer-requests/${id}/convert`)).statusCode).toBe(409);
    expect(
      (await a.request('POST', `/api/roster/transfer-requests/${id}/decline`, { reason: '晚了' })).statusCode,
    ).toBe(409);
    const actions = (
      await t.ctx.db.selectFrom('audit_log').select('action').where('action', 'like', 'roster.%').execute()
    ).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining(['roster.request.file', 'roster.request.convert', 'roster.transfer.create']),
    );
    const m = await t.login('member_a');
    const me = (await m.request('GET', '/api/roster/me')).json().data;
    expect(me.transferRequest).toMatchObject({ status: 'converted' });
    expect(me.openTransfer).toMatchObject({ id: transfer.id });
    // While the transfer is under way the member cannot file another request.
    expect(
      (
        await m.request('POST', '/api/roster/me/transfer-request', {
          destination: 'outside',
          otherOrgName: '上海市某公司党支部',
          reason: '再申请',
        })
      ).statusCode,
    ).toBe(409);
    // The branch withdraws the transfer; the member asks to go outside the system; it is declined.
    expect(
      (await a.request('POST', `/api/roster/transfers/${transfer.id}/actions`, { action: 'cancel' }))
        .statusCode,
    ).toBe(200);
    const out = await m.request('POST', '/api/roster/me/transfer-request', {
      destination: 'outside',
      otherOrgName: '上海市某公司党支部',
      reason: '到上海工作',
    });
    expect(out.statusCode, out.body).toBe(201);
    const noReason = await a.request(
      'POST',
      `/api/roster/transfer-requests/${out.json().data.id}/decline`,
      {},
    );
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields).toHaveProperty('reason');
    const declined = await a.request('POST', `/api/roster/transfer-requests/${out.json().data.id}/decline`, {
      reason: '请先提供接收单位的联系方式',
    });
    expect(declined.statusCode).toBe(200);
    expect((await m.request('GET', '/api/roster/me')).json().data.transferRequest).toMatchObject({
      status: 'declined',
      declineReason: '请先提供接收单位的联系方式',
    });
    // A request out of the system becomes a 介绍信 through the out-of-system flow.
    const again = await m.request('POST', '/api/roster/me/transfer-request', {
      destination: 'outside',
      otherOrgName: '上海市某公司党支部',
      reason: '到上海工作（已联系接收单位）',
    });
    expect(again.statusCode).toBe(201);
    const conv = await a.request('POST', `/api/roster/transfer-requests/${again.json().data.id}/convert`);
    expect(conv.statusCode, conv.body).toBe(201);
    expect(conv.json().data.external).toMatchObject({
      status: 'letter_issued',
      otherOrgName: '上海市某公司党支部',
    });
    expect(conv.json().data.request.externalId).toBe(conv.json().data.external.id);
  });

  it('a request the branch has handled can no longer be withdrawn', async () => {
    const m = await t.login('member_a');
    const rows = await t.ctx.db.selectFrom('roster_transfer_requests').select(['id', 'status']).execute();
    for (const [status, message] of [
      ['converted', '不能撤回'],
      ['declined', '无需撤回'],
    ] as const) {
      const row = rows.find((r) => r.status === status)!;
      const res = await m.request('POST', `/api/roster/me/transfer-request/${row.id}/withdraw`);
      expect(res.statusCode, status).toBe(409);
      expect(res.json().error.code).toBe('REQUEST_CLOSED');
      expect(res.json().error.message).toContain(message);
    }
  });

  it('township B can neither see nor handle the requests of township A', async () => {
    const b = await t.login('admin_b');
    const row = await t.ctx.db.selectFrom('roster_transfer_requests').select('id').executeTakeFirstOrThrow();
    expect(
      (await b.request('POST', `/api/roster/transfer-requests/${row.id}/decline`, { reason: '越权' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await b.request('GET', `/api/roster/transfer-requests?orgId=${t.fixture.townA.id}`)).statusCode,
    ).toBe(403);
    await t.app.close();
  });
});
