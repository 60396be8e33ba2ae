import { expect, it } from 'vitest';
import { openTestApp, type Session, type TestApp } from '../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';
import { PASSWORD } from '../../../../test/fixture.ts';
import { INSPECTION_CHECKLIST } from '../../../core/rulebook/inspection.rules-data.ts';
import { hashPassword } from '../auth/password-hash.ts';
import { insertUser } from '../users/users.repository.ts';
import { PNG_BASE64 } from '../commitments/commitments.authz-cases.ts';
import { inspectionAlerts } from './inspection.alerts.ts';
import { inspectionFindingsOf } from './inspection.export.ts';

const checklist = (notMet: string | null = null) =>
  INSPECTION_CHECKLIST.map((c) =>
    c.code === notMet
      ? { code: c.code, result: '不符合', note: '近三个月党费未登记' }
      : { code: c.code, result: '符合' },
  );

describeEachEngine('督查 API: plan → visit → finding → 整改, 通报 with read receipts', (use) => {
  let t: TestApp;
  let county: Session;
  let adminA: Session;
  let planId = 0;
  let visitId = 0;
  let findingIds: number[] = [];
  let bulletinId = 0;
  const counts = async () => ({
    plans: (await t.ctx.db.selectFrom('insp_plans').select('id').execute()).length,
    targets: (await t.ctx.db.selectFrom('insp_targets').select('id').execute()).length,
    visits: (await t.ctx.db.selectFrom('insp_visits').select('id').execute()).length,
    findings: (await t.ctx.db.selectFrom('insp_findings').select('id').execute()).length,
    rect: (await t.ctx.db.selectFrom('rect_items').select('id').execute()).length,
    bulletins: (await t.ctx.db.selectFrom('insp_bulletins').select('id').execute()).length,
  });
  const planBody = (extra: Record<string, unknown> = {}) => ({
    orgId: t.fixture.townA.id,
    title: '2026年第四季度基层党建常规督查',
    year: 2026,
    periodFrom: '2026-11-01',
    periodTo: '2026-12-31',
    kind: '常规督查',
    inspectors: ['周建国', '吴丽'],
    targets: [
      { orgId: t.fixture.branchA.id, plannedOn: '2026-11-25' },
      { orgId: t.fixture.branchA2.id, plannedOn: '2026-11-20' },
    ],
    ...extra,
  });

  it('a township creates a plan; targets outside its subtree or at itself are refused, nothing written', async () => {
    t = await openTestApp(use());
    const hash = await hashPassword(PASSWORD, t.ctx.config.kdfLogN);
    await t.ctx.db.transaction().execute((trx) =>
      insertUser(trx, {
        username: 'admin_county',
        displayName: '县委组织部',
        scopeOrgId: t.fixture.county.id,
        hash,
        roles: ['org_admin'],
        now: t.ctx.now().toISOString(),
      }),
    );
    county = await t.login('admin_county');
    adminA = await t.login('admin_a');
    const before = await counts();
    const self = await adminA.request(
      'POST',
      '/api/inspections/plans',
      planBody({ targets: [{ orgId: t.fixture.townA.id, plannedOn: '2026-11-22' }] }),
    );
    expect(self.statusCode).toBe(400);
    expect(self.json().error.message).toBe('督查对象超出本组织管理范围');
    // The county may name township B's branch, but not under township A's plan.
    const across = await county.request(
      'POST',
      '/api/inspections/plans',
      planBody({ targets: [{ orgId: t.fixture.branchB.id, plannedOn: '2026-11-22' }] }),
    );
    expect(across.statusCode).toBe(400);
    expect(across.json().error.fields['targets[0].orgId']).toBe('督查对象超出本组织管理范围');
    const fromBranch = await adminA.request(
      'POST',
      '/api/inspections/plans',
      planBody({
        orgId: t.fixture.branchA.id,
        targets: [{ orgId: t.fixture.groupA.id, plannedOn: '2026-11-22' }],
      }),
    );
    expect(fromBranch.statusCode).toBe(400);
    const late = await adminA.request(
      'POST',
      '/api/inspections/plans',
      planBody({ targets: [{ orgId: t.fixture.branchA.id, plannedOn: '2027-01-05' }] }),
    );
    expect(late.statusCode).toBe(400);
    expect(await counts()).toEqual(before);

    const res = await adminA.request('POST', '/api/inspections/plans', planBody());
    expect(res.statusCode).toBe(201);
    planId = res.json().data.id;
    const list = (await adminA.request('GET', '/api/inspections/plans?year=2026')).json();
    expect(list.data).toMatchObject([{ id: planId, targets: 2, visited: 0, overdue: 1 }]);
    expect(list.policies.create).toBe(true);
  });

  it('records a visit with the checklist and findings; a bad checklist writes nothing; one visit per target', async () => {
    const before = await counts();
    const incomplete = await adminA.request('POST', `/api/inspections/plans/${planId}/visits`, {
      orgId: t.fixture.branchA.id,
      visitedOn: '2026-11-22',
      inspectors: ['周建国'],
      checklist: checklist().slice(1),
      conclusion: '基本规范',
    });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().error.message).toContain('未登记结果');
    const noNote = await adminA.request('POST', `/api/inspections/plans/${planId}/visits`, {
      orgId: t.fixture.branchA.id,
      visitedOn: '2026-11-22',
      inspectors: ['周建国'],
      checklist: checklist().map((c, i) => (i === 0 ? { ...c, result: '不符合' } : c)),
      conclusion: '基本规范',
    });
    expect(noNote.statusCode).toBe(400);
    const notTarget = await adminA.request('POST', `/api/inspections/plans/${planId}/visits`, {
      orgId: t.fixture.groupA.id,
      visitedOn: '2026-11-22',
      inspectors: ['周建国'],
      checklist: checklist(),
      conclusion: '基本规范',
    });
    expect(notTarget.statusCode).toBe(400);
    expect(await counts()).toEqual(before);

    const body = {
      orgId: t.fixture.branchA.id,
      visitedOn: '2026-11-22',
      inspectors: ['周建国', '吴丽'],
      checklist: checklist('dues_ledger'),
      findings: [
        { text: '2026年8月至10月党费收缴未登记台账', severity: '严重', itemCode: 'dues_ledger' },
        { text: '发展党员档案缺少政治审查材料', severity: '严重', itemCode: 'development_files' },
        { text: '党务公开栏内容未按季度更新', severity: '一般', itemCode: 'affairs_public' },
      ],
      conclusion: '组织生活总体规范，党费台账存在明显缺漏，限期整改。',
    };
    const res = await adminA.request('POST', `/api/inspections/plans/${planId}/visits`, body);
    expect(res.statusCode).toBe(201);
    visitId = res.json().data.id;
    findingIds = res.json().data.findingIds;
    expect(findingIds).toHaveLength(3);
    expect((await adminA.request('POST', `/api/inspections/plans/${planId}/visits`, body)).statusCode).toBe(
      409,
    );

    const plan = (await adminA.request('GET', `/api/inspections/plans/${planId}`)).json().data;
    expect(plan.targets.map((x: { orgId: number; status: string }) => [x.orgId, x.status])).toEqual([
      [t.fixture.branchA2.id, 'overdue'],
      [t.fixture.branchA.id, 'visited'],
    ]);
    const alerts = await t.ctx.db
      .selectFrom('alerts')
      .select(['code', 'org_id', 'subject_label'])
      .where('code', 'like', 'INSPECTION%')
      .where('is_open', '=', 1)
      .execute();
    expect(alerts).toEqual([
      { code: 'INSPECTION_OVERDUE', org_id: t.fixture.townA.id, subject_label: '甲镇西村党支部' },
    ]);
  });

  it('turns a finding into 整改 owned by the branch secretary; the branch sees it and its results', async () => {
    const past = await adminA.request('POST', `/api/inspections/findings/${findingIds[0]}/rectify`, {
      deadline: '2026-11-01',
    });
    expect(past.statusCode).toBe(400);
    const res = await adminA.request('POST', `/api/inspections/findings/${findingIds[0]}/rectify`, {});
    expect(res.statusCode).toBe(201);
    const item = res.json().data.rectification;
    expect(item).toMatchObject({
      sourceType: 'inspection.finding',
      sourceId: findingIds[0],
      orgId: t.fixture.branchA.id,
      deadline: '2026-12-03',
      owner: { name: '李华' },
    });
    expect(
      (await adminA.request('POST', `/api/inspections/findings/${findingIds[0]}/rectify`, {})).statusCode,
    ).toBe(409);

    const worker = await t.login('worker_a');
    const board = (await worker.request('GET', `/api/rectifications?orgId=${t.fixture.branchA.id}`)).json()
      .data;
    expect(board.items.map((i: { id: number }) => i.id)).toContain(item.id);
    const received = (await worker.request('GET', '/api/inspections/received')).json().data;
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ id: visitId, notMet: 1, plan: { orgName: '甲镇党委' } });
    expect(received[0].findings[0]).toMatchObject({
      id: findingIds[0],
      rect: { id: item.id, status: 'open' },
    });
    const visit = (await worker.request('GET', `/api/inspections/visits/${visitId}`)).json();
    expect(visit.policies.manage).toBe(false);
    expect(visit.data.checklist.find((c: { code: string }) => c.code === 'dues_ledger')).toMatchObject({
      result: '不符合',
      label: '党费收缴台账清楚',
    });
    // The branch reads its results but neither the plan nor the 转为整改 of the issuer.
    expect((await worker.request('GET', `/api/inspections/plans/${planId}`)).statusCode).toBe(403);
    expect(
      (await worker.request('POST', `/api/inspections/findings/${findingIds[1]}/rectify`, {})).statusCode,
    ).toBe(403);
  });

  it('stores on-site photos of a visit; the inspected branch sees them; a wrong type is refused', async () => {
    const res = await adminA.request('POST', `/api/inspections/visits/${visitId}/photos`, {
      fileName: '党员活动室.png',
      mimeType: 'image/png',
      contentBase64: PNG_BASE64,
    });
    expect(res.statusCode).toBe(201);
    const bad = await adminA.request('POST', `/api/inspections/visits/${visitId}/photos`, {
      fileName: '伪装.png',
      mimeType: 'image/png',
      contentBase64: Buffer.from('%PDF-1.4 not a picture').toString('base64'),
    });
    expect(bad.statusCode).toBe(400);
    const worker = await t.login('worker_a');
    const file = await worker.request('GET', `/api/inspections/photos/${res.json().data.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.toString('base64')).toBe(PNG_BASE64);
    const visit = (await worker.request('GET', `/api/inspections/visits/${visitId}`)).json().data;
    expect(visit.photos).toMatchObject([{ fileName: '党员活动室.png' }]);
  });

  it('a serious finding left without 整改 past the rulebook days is an alert on the issuer', async () => {
    const find = inspectionAlerts.find((s) => s.id === 'inspection.findings')!;
    expect(await find.find(t.ctx, t.ctx.db, t.fixture.townA.path, '2026-11-29')).toEqual([]);
    const later = await find.find(t.ctx, t.ctx.db, t.fixture.townA.path, '2026-12-01');
    expect(later.map((a) => [a.code, a.subjectId, a.orgId])).toEqual([
      ['INSPECTION_FINDING_OPEN', String(findingIds[1]), t.fixture.townA.id],
    ]);
  });

  it("exports per inspected organisation the year's visits and findings", async () => {
    expect(await inspectionFindingsOf(t.ctx.db, t.fixture.townA.path, 2026)).toEqual([
      {
        orgId: t.fixture.branchA.id,
        orgPath: t.fixture.branchA.path,
        orgName: '甲镇东村党支部',
        visits: 1,
        findings: 3,
        seriousFindings: 2,
        rectified: 1,
      },
    ]);
    expect(await inspectionFindingsOf(t.ctx.db, t.fixture.townA.path, 2025)).toEqual([]);
  });

  it('the county publishes a 通报; townships are notified; opening records one receipt per reader', async () => {
    const bad = await county.request('POST', '/api/bulletins', {
      orgId: t.fixture.county.id,
      title: '通报',
      content: '正文',
      recipientOrgIds: [t.fixture.county.id],
    });
    expect(bad.statusCode).toBe(400);
    expect((await counts()).bulletins).toBe(0);
    const res = await county.request('POST', '/api/bulletins', {
      orgId: t.fixture.county.id,
      title: '关于2026年第四季度基层党建督查情况的通报',
      content: '现将第四季度督查情况通报如下。',
      examples: [
        { kind: '表扬', text: '组织生活记录完整，三会一课按期召开。', orgId: t.fixture.branchA.id, visitId },
        { kind: '批评', text: '党费收缴台账缺漏。', orgId: t.fixture.branchB.id },
      ],
    });
    expect(res.statusCode).toBe(201);
    bulletinId = res.json().data.id;
    expect(res.json().data).toMatchObject({ recipients: 2, notified: 2 });
    const notes = await t.ctx.db
      .selectFrom('notifications')
      .select(['user_id', 'link'])
      .where('kind', '=', 'bulletin.published')
      .execute();
    expect(notes.map((n) => n.user_id).sort()).toEqual(
      [t.fixture.users.adminA, t.fixture.users.adminB].sort(),
    );

    const opened = (await adminA.request('GET', `/api/bulletins/${bulletinId}`)).json();
    expect(opened.data.receiptRecorded).toBe(true);
    expect(opened.data.praised).toMatchObject([{ orgName: '甲镇东村党支部', visitId }]);
    expect(opened.data.criticised).toMatchObject([{ orgName: '乙镇南村党支部' }]);
    expect(opened.policies.receipts).toBe(false);
    expect((await adminA.request('GET', `/api/bulletins/${bulletinId}`)).json().data.receiptRecorded).toBe(
      false,
    );
    // A branch below a receiving township reads it, without a receipt of its own.
    const worker = await t.login('worker_a');
    expect((await worker.request('GET', `/api/bulletins/${bulletinId}`)).json().data.receiptRecorded).toBe(
      false,
    );
    expect(
      (await worker.request('GET', '/api/bulletins')).json().data.map((b: { id: number }) => b.id),
    ).toEqual([bulletinId]);

    const receipts = (await county.request('GET', `/api/bulletins/${bulletinId}/receipts`)).json().data;
    expect(receipts).toMatchObject({ read: 1, unread: 1 });
    expect(receipts.rows.map((r: { orgName: string; read: boolean }) => [r.orgName, r.read])).toEqual([
      ['甲镇党委', true],
      ['乙镇党委', false],
    ]);
    expect((await adminA.request('GET', `/api/bulletins/${bulletinId}/receipts`)).statusCode).toBe(403);
    const rows = await t.ctx.db.selectFrom('insp_bulletin_receipts').select('user_id').execute();
    expect(rows.map((r) => r.user_id)).toEqual([t.fixture.users.adminA]);
    await t.app.close();
  });
});
