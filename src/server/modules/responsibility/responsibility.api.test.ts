// 党建责任制 over HTTP on both engines: 责任清单 (create, progress, overdue), 责任书 (issue, 签收,
// unsigned alert), 年度履责情况, and 问责 (scope, approval, visibility).
import { expect, it } from 'vitest';
import {
  openTestApp,
  PASSWORD_FOR_TESTS,
  type Session,
  type TestApp,
} from './responsibility.test-support.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';
import { refreshAlerts } from '../alerts/alerts.service.ts';
import { responsibilitySummary } from './responsibility.service.ts';

describeEachEngine('responsibility API: 责任清单, 责任书, 问责', (use) => {
  let t: TestApp;
  let adminA: Session;
  let county: Session;
  let zhou = 0; // 甲镇党委书记
  let wu = 0; // 甲镇党委组织委员
  let zheng = 0; // 甲镇党委班子成员 (联系东村)
  let zhangMing = 0; // 东村党支部 former 书记 (until 2026-02-15)
  let rectA = 0;
  let recordId = 0;
  const rows = async (table: 'resp_items' | 'resp_letters' | 'acc_records' | 'resp_progress') =>
    (await t.ctx.db.selectFrom(table).select('id').execute()).length;
  /** Moves the clock; sessions idle that long have expired, so sign in again. */
  const moveTo = async (iso: string) => {
    t.setNow(iso);
    adminA = await t.login('admin_a');
    county = await t.login('admin_county', PASSWORD_FOR_TESTS);
  };
  const countyAdmins = async () =>
    (
      await t.ctx.db
        .selectFrom('users')
        .select('id')
        .where('username', 'in', ['admin_county', 'admin_county2'])
        .orderBy('id')
        .execute()
    ).map((u) => u.id);
  const audits = async () => (await t.ctx.db.selectFrom('audit_log').select('seq').execute()).length;

  it('sets up township A post holders and county accounts', async () => {
    t = await openTestApp(use());
    const s = await import('./responsibility.test-support.ts');
    ({ zhou, wu, zheng, zhangMing, rectA } = await s.setupTownA(t));
    adminA = await t.login('admin_a');
    county = await t.login('admin_county', PASSWORD_FOR_TESTS);
  });

  const item = (extra: Record<string, unknown> = {}) => ({
    orgId: t.fixture.townA.id,
    year: 2026,
    personId: zhou,
    post: '书记',
    content: '年内听取各党支部书记抓党建述职并逐一点评',
    deadline: '2026-12-31',
    evidenceRequirement: '述职评议会议记录',
    ...extra,
  });

  it('lists items per post holder; the post holder must hold that post there today', async () => {
    const r = await adminA.request('POST', '/api/responsibility/items', item());
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().data).toMatchObject({ dutyKind: '第一责任人', status: '进行中', personName: '周海' });
    const dual = await adminA.request(
      'POST',
      '/api/responsibility/items',
      item({
        personId: wu,
        post: '组织委员',
        content: '督促各支部按期换届',
        deadline: '2026-11-30',
        evidenceRequirement: '',
      }),
    );
    expect(dual.json().data.dutyKind).toBe('一岗双责');
    const contact = await adminA.request(
      'POST',
      '/api/responsibility/items',
      item({
        personId: zheng,
        post: '班子成员',
        contactOrgId: t.fixture.branchA.id,
        content: '指导东村党支部规范三会一课',
        evidenceRequirement: '',
      }),
    );
    expect(contact.statusCode, contact.body).toBe(201);
    expect(contact.json().data).toMatchObject({ dutyKind: '联系点', contactOrgName: '甲镇东村党支部' });

    const [before, auditBefore] = [await rows('resp_items'), await audits()];
    const notHolder = await adminA.request(
      'POST',
      '/api/responsibility/items',
      item({ personId: zhangMing }),
    );
    expect(notHolder.statusCode).toBe(400);
    expect(notHolder.json().error.fields).toHaveProperty('personId');
    expect(notHolder.json().error.message).toMatch(/未在本组织担任/);
    const noContact = await adminA.request(
      'POST',
      '/api/responsibility/items',
      item({ personId: zheng, post: '班子成员' }),
    );
    expect(noContact.json().error).toMatchObject({
      code: 'CONTACT_REQUIRED',
      fields: { contactOrgId: '班子成员须指明联系点' },
    });
    const nextYear = await adminA.request(
      'POST',
      '/api/responsibility/items',
      item({ deadline: '2027-01-10' }),
    );
    expect(nextYear.json().error.fields).toHaveProperty('deadline');
    expect([await rows('resp_items'), await audits()]).toEqual([before, auditBefore]);

    const list = await adminA.request(
      'GET',
      `/api/responsibility/items?orgId=${t.fixture.townA.id}&year=2026`,
    );
    expect(list.json().data.items).toHaveLength(3);
    expect(list.json().data.holders.map((h: { name: string }) => h.name)).toEqual(
      expect.arrayContaining(['周海', '吴蓉', '郑涛']),
    );
  });

  it('records progress; completing needs the required evidence; overdue is derived and alerted', async () => {
    const list = (
      await adminA.request('GET', `/api/responsibility/items?orgId=${t.fixture.townA.id}&year=2026`)
    ).json().data.items as Array<{ id: number; post: string }>;
    const first = list.find((i) => i.post === '书记')!;
    const note = await adminA.request('POST', `/api/responsibility/items/${first.id}/progress`, {
      onDate: '2026-11-23',
      note: '已听取东村、西村党支部书记述职',
    });
    expect(note.statusCode, note.body).toBe(201);
    const before = await rows('resp_progress');
    const bare = await adminA.request('POST', `/api/responsibility/items/${first.id}/progress`, {
      onDate: '2026-11-23',
      note: '全部完成',
      completes: true,
    });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.fields.evidence).toMatch(/述职评议会议记录/);
    expect(await rows('resp_progress')).toBe(before);
    const done = await adminA.request('POST', `/api/responsibility/items/${first.id}/progress`, {
      onDate: '2026-11-23',
      note: '全部完成',
      evidence: '11月23日述职评议会议记录',
      completes: true,
    });
    expect(done.json().data).toMatchObject({ status: '已完成', completedOn: '2026-11-23' });
    expect(done.json().data.progress).toHaveLength(2);

    // 12 December: the 组织委员's item (due 30 November) is overdue, and the alert says so.
    await moveTo('2026-12-12T02:00:00.000Z');
    await refreshAlerts(t.ctx);
    const after = (
      await adminA.request('GET', `/api/responsibility/items?orgId=${t.fixture.townA.id}&year=2026`)
    ).json().data.items as Array<{ post: string; status: string }>;
    expect(after.find((i) => i.post === '组织委员')!.status).toBe('逾期');
    expect(after.find((i) => i.post === '班子成员')!.status).toBe('进行中');
    const alerts = await t.ctx.db
      .selectFrom('alerts')
      .select(['code', 'org_id', 'subject_label'])
      .where('code', '=', 'RESP_ITEM_OVERDUE')
      .where('is_open', '=', 1)
      .execute();
    expect(alerts).toEqual([
      { code: 'RESP_ITEM_OVERDUE', org_id: t.fixture.townA.id, subject_label: '吴蓉（组织委员）' },
    ]);
  });

  it('sums up the year for 述职: items, done, overdue, progress notes', async () => {
    const r = await adminA.request(
      'GET',
      `/api/responsibility/summary?orgId=${t.fixture.townA.id}&year=2026`,
    );
    expect(r.json().data).toMatchObject({
      orgName: '甲镇党委',
      items: 3,
      done: 1,
      overdue: 1,
      inProgress: 1,
    });
    expect(r.json().data.progressNotes.map((p: { note: string }) => p.note)).toEqual([
      '已听取东村、西村党支部书记述职',
      '全部完成',
    ]);
    expect((await responsibilitySummary(t.ctx, t.fixture.townB.id, 2026)).items).toBe(0);
    const worker = await t.login('worker_a');
    expect(
      (await worker.request('GET', `/api/responsibility/summary?orgId=${t.fixture.townA.id}&year=2026`))
        .statusCode,
    ).toBe(403);
  });

  it('issues 责任书 down the tree; the receiving organisation signs; unsigned ones are alerted', async () => {
    await moveTo('2026-12-01T02:00:00.000Z');
    const issued = await county.request('POST', '/api/responsibility/letters', {
      year: 2027,
      title: '2027年度基层党建工作责任书',
      content: '一、落实书记抓党建第一责任……',
    });
    expect(issued.statusCode, issued.body).toBe(201);
    expect(issued.json().data.map((l: { orgName: string }) => l.orgName)).toEqual(['甲镇党委', '乙镇党委']);
    const letterNotices = await t.ctx.db
      .selectFrom('notifications')
      .select('user_id')
      .where('kind', '=', 'resp.letter')
      .orderBy('user_id')
      .execute();
    expect(letterNotices.map((n) => Number(n.user_id))).toEqual([
      t.fixture.users.adminA,
      t.fixture.users.adminB,
    ]);
    const bad = await adminA.request('POST', '/api/responsibility/letters', {
      year: 2027,
      title: '责任书',
      content: '内容',
      orgIds: [t.fixture.townA.id],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.orgIds).toBe('责任书只能下达给本组织的下级组织');

    const mine = (
      await adminA.request('GET', `/api/responsibility/letters?orgId=${t.fixture.townA.id}&year=2027`)
    ).json().data;
    expect(mine.received).toHaveLength(1);
    expect(mine.received[0]).toMatchObject({ canAcknowledge: true, state: 'pending', stateLabel: '待签收' });
    const id = mine.received[0].id as number;
    // Neither the issuer nor a branch below signs for township A.
    expect((await county.request('POST', `/api/responsibility/letters/${id}/acknowledge`)).statusCode).toBe(
      403,
    );
    expect(
      (await (await t.login('worker_a')).request('POST', `/api/responsibility/letters/${id}/acknowledge`))
        .statusCode,
    ).toBe(403);
    const ack = await adminA.request('POST', `/api/responsibility/letters/${id}/acknowledge`);
    expect(ack.json().data).toMatchObject({
      state: 'acknowledged',
      acknowledgedOn: '2026-12-01',
      acknowledgedName: 'admin_a',
    });
    expect((await adminA.request('POST', `/api/responsibility/letters/${id}/acknowledge`)).statusCode).toBe(
      409,
    );

    await moveTo('2026-12-20T02:00:00.000Z');
    await refreshAlerts(t.ctx);
    const counts = (await county.request('GET', `/api/responsibility/letters?year=2027`)).json().data.counts;
    expect(counts).toEqual({ issued: 2, acknowledged: 1, pending: 0, overdue: 1 });
    const unsigned = await t.ctx.db
      .selectFrom('alerts')
      .select(['org_id'])
      .where('code', '=', 'RESP_LETTER_UNSIGNED')
      .where('is_open', '=', 1)
      .execute();
    expect(unsigned).toEqual([{ org_id: t.fixture.townB.id }]);
  });

  const proposal = (extra: Record<string, unknown> = {}) => ({
    type: '约谈',
    personId: t.fixture.secretaryA,
    orgId: t.fixture.branchA.id,
    post: '书记',
    reason: '东村党支部三会一课整改逾期未完成',
    rectItemId: rectA,
    ...extra,
  });

  it("refuses 问责 of a post holder outside the proposer's scope, naming the field; nothing written", async () => {
    const [before, auditBefore] = [await rows('acc_records'), await audits()];
    const own = await adminA.request(
      'POST',
      '/api/accountability',
      proposal({ personId: zhou, orgId: t.fixture.townA.id }),
    );
    expect(own.statusCode).toBe(400);
    expect(own.json().error).toMatchObject({
      message: '被问责人不在本组织管理范围内',
      fields: { orgId: '被问责人不在本组织管理范围内' },
    });
    const former = await adminA.request('POST', '/api/accountability', proposal({ personId: zhangMing }));
    expect(former.json().error.fields).toEqual({ personId: '被问责人不在本组织管理范围内' });
    const noFinding = await adminA.request(
      'POST',
      '/api/accountability',
      proposal({ rectItemId: undefined }),
    );
    expect(noFinding.json().error.fields).toHaveProperty('rectItemId');
    const wrongType = await adminA.request('POST', '/api/accountability', proposal({ type: '撤职' }));
    expect(wrongType.json().error.fields).toHaveProperty('type');
    expect([await rows('acc_records'), await audits()]).toEqual([before, auditBefore]);
  });

  it('a township proposes, the county approves; the target branch never sees it', async () => {
    const r = await adminA.request('POST', '/api/accountability', proposal());
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().data).toMatchObject({
      status: 'proposed',
      statusLabel: '待审批',
      approverOrgId: t.fixture.county.id,
      canDecide: false,
    });
    recordId = r.json().data.id as number;
    const notified = await t.ctx.db
      .selectFrom('notifications')
      .select(['user_id', 'kind'])
      .where('kind', '=', 'accountability.proposed')
      .execute();
    // The county's administrators are asked to approve; the target branch's staff are not told.
    expect(notified.map((n) => Number(n.user_id)).sort((a, b) => a - b)).toEqual(await countyAdmins());

    // The target branch's staff: worker and branch administrator get nothing.
    const worker = await t.login('worker_a');
    expect((await worker.request('GET', '/api/accountability')).statusCode).toBe(403);
    expect((await worker.request('GET', `/api/accountability/${recordId}`)).statusCode).toBe(403);
    const branchAdmin = await t.login('admin_branch_a', PASSWORD_FOR_TESTS);
    expect((await branchAdmin.request('GET', '/api/accountability')).json().data).toEqual([]);
    expect((await branchAdmin.request('GET', `/api/accountability/${recordId}`)).statusCode).toBe(403);
    expect(
      (await (await t.login('admin_b')).request('GET', `/api/accountability/${recordId}`)).statusCode,
    ).toBe(403);

    // The auditor reads, never decides.
    const auditor = await t.login('auditor');
    expect(
      (await auditor.request('GET', '/api/accountability')).json().data.map((x: { id: number }) => x.id),
    ).toEqual([recordId]);
    expect((await auditor.request('POST', `/api/accountability/${recordId}/approve`, {})).statusCode).toBe(
      403,
    );

    expect((await adminA.request('POST', `/api/accountability/${recordId}/approve`, {})).statusCode).toBe(
      403,
    );
    expect(
      (await county.request('POST', `/api/accountability/${recordId}/reject`, {})).json().error.fields,
    ).toHaveProperty('note');
    const ok = await county.request('POST', `/api/accountability/${recordId}/approve`, { note: '同意约谈' });
    expect(ok.json().data).toMatchObject({
      status: 'effective',
      statusLabel: '已生效',
      decidedName: 'admin_county',
    });
    expect((await county.request('POST', `/api/accountability/${recordId}/approve`, {})).statusCode).toBe(
      409,
    );
  });

  it("the county's own proposal is approved by another county 组织部 administrator", async () => {
    const r = await county.request(
      'POST',
      '/api/accountability',
      proposal({
        type: '通报批评',
        personId: zhou,
        orgId: t.fixture.townA.id,
        post: '书记',
        reason: '责任书落实不力',
      }),
    );
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().data.id as number;
    expect((await county.request('POST', `/api/accountability/${id}/approve`, {})).json().error.code).toBe(
      'SELF_APPROVAL',
    );
    const other = await t.login('admin_county2', PASSWORD_FOR_TESTS);
    expect((await other.request('POST', `/api/accountability/${id}/approve`, {})).json().data.status).toBe(
      'effective',
    );
    // Township A proposed neither this record's level: it sees only its own proposal.
    expect(
      (await adminA.request('GET', '/api/accountability')).json().data.map((x: { id: number }) => x.id),
    ).toEqual([recordId]);
  });
});
