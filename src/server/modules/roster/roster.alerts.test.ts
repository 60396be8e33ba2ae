// The roster's alert sources (预警) on both engines, each opened by the condition and closed
// through the API write that clears it: a transfer waiting at the receiving branch (accepted), a
// member's own transfer request (declined), a graduate kept at school past the limit (the
// retention ended on the profile), a member abroad for study out of contact (a contact recorded).
import { expect, it } from 'vitest';
import { openTestApp, type Session, type TestApp } from '../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';
import { refreshAlerts } from '../alerts/alerts.service.ts';

describeEachEngine('roster alert sources', (use) => {
  let t: TestApp;
  let admin: Session;

  const open = (code: string, subjectId: string) =>
    t.ctx.db
      .selectFrom('alerts')
      .selectAll()
      .where('code', '=', code)
      .where('subject_id', '=', subjectId)
      .where('is_open', '=', 1)
      .execute();
  const person = async (name: string) =>
    (await t.ctx.db.selectFrom('persons').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

  it('TRANSFER_WAITING opens at the receiving branch and closes when it accepts', async () => {
    t = await openTestApp(use());
    admin = await t.login('admin_a');
    const { branchA2 } = t.fixture;
    const made = await admin.request('POST', '/api/roster/transfers', {
      personId: await person('王强'),
      toOrgCode: 'TA-2',
      reason: '工作调动',
    });
    expect(made.statusCode).toBe(201);
    const transfer = made.json().data;
    expect(transfer.status).toBe('pending_acceptance');
    const [waiting] = await open('TRANSFER_WAITING', String(transfer.id));
    expect(waiting).toMatchObject({
      org_id: branchA2.id,
      subject_type: 'transfer',
      subject_label: '王强',
      since: '2026-11-23',
      link: `/orgs/${branchA2.id}/roster/transfers`,
    });
    const accepted = await admin.request('POST', `/api/roster/transfers/${transfer.id}/actions`, {
      action: 'accept',
    });
    expect(accepted.statusCode).toBe(200);
    expect(await open('TRANSFER_WAITING', String(transfer.id))).toHaveLength(0);
  });

  it('a transfer to another township waits for the 党委 (approval), then for the receiver: one alert per stage', async () => {
    const w = await t.login('worker_a');
    const made = await w.request('POST', '/api/roster/transfers', {
      personId: await person('李华'),
      toOrgCode: 'TB-1',
      reason: '工作调动到乙镇',
    });
    expect(made.statusCode).toBe(201);
    const id = String(made.json().data.id);
    const approval = await t.ctx.db
      .selectFrom('alerts')
      .selectAll()
      .where('subject_type', '=', 'transfer-approval')
      .where('subject_id', '=', id)
      .where('is_open', '=', 1)
      .execute();
    expect(approval.map((a) => a.org_id)).toEqual([t.fixture.townA.id]);
    const approved = await admin.request('POST', `/api/roster/transfers/${id}/actions`, {
      action: 'approve',
    });
    expect(approved.statusCode).toBe(200);
    const after = await t.ctx.db
      .selectFrom('alerts')
      .select(['subject_type', 'org_id'])
      .where('subject_id', '=', id)
      .where('code', '=', 'TRANSFER_WAITING')
      .where('is_open', '=', 1)
      .execute();
    expect(after).toEqual([{ subject_type: 'transfer', org_id: t.fixture.branchB.id }]);
    const b = await t.login('admin_b');
    expect(
      (await b.request('POST', `/api/roster/transfers/${id}/actions`, { action: 'accept' })).statusCode,
    ).toBe(200);
    expect(await open('TRANSFER_WAITING', id)).toHaveLength(0);
  });

  it("a member's own transfer request waits at their branch until it is handled", async () => {
    const member = await t.login('member_a');
    const filed = await member.request('POST', '/api/roster/me/transfer-request', {
      destination: 'in_system',
      toOrgCode: 'TB-1',
      reason: '随家属迁居乙镇',
    });
    expect(filed.statusCode).toBe(201);
    const id = filed.json().data.id as number;
    const [waiting] = await open('TRANSFER_WAITING', String(id));
    expect(waiting).toMatchObject({
      org_id: t.fixture.branchA.id,
      subject_type: 'transfer-request',
      subject_label: '张明',
    });
    const worker = await t.login('worker_a');
    const declined = await worker.request('POST', `/api/roster/transfer-requests/${id}/decline`, {
      reason: '请先办理村务交接',
    });
    expect(declined.statusCode).toBe(200);
    expect(
      await t.ctx.db
        .selectFrom('alerts')
        .select('id')
        .where('subject_type', '=', 'transfer-request')
        .where('subject_id', '=', String(id))
        .where('is_open', '=', 1)
        .execute(),
    ).toHaveLength(0);
  });

  it('GRADUATE_OVERDUE opens for a relationship kept more than two years and closes when retention ends', async () => {
    const zhang = await person('张明');
    const set = (body: Record<string, unknown>) =>
      admin.request('PATCH', `/api/roster/members/${zhang}/profile`, body);
    expect((await set({ graduateRetained: true, graduatedOn: '2024-06-30' })).statusCode).toBe(200);
    const [overdue] = await open('GRADUATE_OVERDUE', `${zhang}:${t.fixture.branchA.id}`);
    expect(overdue).toMatchObject({ org_id: t.fixture.branchA.id, since: '2026-06-30', severity: 'orange' });
    // Within the limit (graduated 2025): no alert; the daily refresh agrees with the write's.
    expect((await set({ graduatedOn: '2025-06-30' })).statusCode).toBe(200);
    expect(await open('GRADUATE_OVERDUE', `${zhang}:${t.fixture.branchA.id}`)).toHaveLength(0);
    expect((await set({ graduatedOn: '2024-06-30' })).statusCode).toBe(200);
    await refreshAlerts(t.ctx, { sources: ['roster.graduates'] });
    expect(await open('GRADUATE_OVERDUE', `${zhang}:${t.fixture.branchA.id}`)).toHaveLength(1);
    expect((await set({ graduateRetained: false })).statusCode).toBe(200);
    expect(await open('GRADUATE_OVERDUE', `${zhang}:${t.fixture.branchA.id}`)).toHaveLength(0);
  });

  it('FLOATING_NO_CONTACT opens for a member abroad not contacted in six months and closes with a contact', async () => {
    const made = await admin.request('POST', '/api/roster/floating', {
      direction: 'out',
      kind: 'abroad_study',
      personId: await person('王强'), // in branch A2 since the first test
      destination: '英国伦敦',
      since: '2026-03-01',
    });
    expect(made.statusCode).toBe(201);
    const id = made.json().data.id as number;
    const [silent] = await open('FLOATING_NO_CONTACT', String(id));
    expect(silent).toMatchObject({ org_id: t.fixture.branchA2.id, due: '2026-09-01', subject_label: '王强' });
    const contact = await admin.request('POST', `/api/roster/floating/${id}/contacts`, {
      contactedOn: '2026-11-20',
      method: '视频',
    });
    expect(contact.statusCode).toBe(201);
    expect(await open('FLOATING_NO_CONTACT', String(id))).toHaveLength(0);
    await t.app.close();
  });
});
