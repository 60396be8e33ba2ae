// 软弱涣散 cases on the one rectification engine (issue 18), both engines: designation opens an
// item in the 问题清单 with the rulebook's period; the case page's progress and 申请销号 move the
// item; the upper level's 销号 in the 问题清单 drawer closes the case too.
import { expect, it } from 'vitest';
import { openTestApp } from '../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';

describeEachEngine('软弱涣散 on the rectification engine', (use) => {
  it('moves the case and its item together, whichever page is used', async () => {
    const t = await openTestApp(use());
    const { branchA, townA } = t.fixture;
    const a = await t.login('admin_a');
    const made = await a.request('POST', `/api/org-system/orgs/${branchA.id}/weak-cases`, {
      year: 2026,
      designatedOn: '2026-11-20',
      criteria: ['LIFE_ON_PAPER'],
      measures: '整顿组织生活，建立问题清单',
    });
    expect(made.statusCode, made.body).toBe(201);
    const caseId = made.json().data.id as number;
    const board = (await a.request('GET', `/api/problems?orgId=${townA.id}&source=org-system`)).json().data;
    expect(board.items).toHaveLength(1);
    expect(board.items[0]).toMatchObject({
      sourceLabel: '软弱涣散整顿',
      due: '2027-11-20',
      status: 'open',
      orgCode: 'TA-1',
    });
    const itemId = board.items[0].id as number;

    const w = await t.login('worker_a');
    const sent = await w.request('POST', `/api/org-system/weak-cases/${caseId}/progress`, {
      on: '2026-11-23',
      note: '调整支部班子，恢复每月支委会',
      submitForClosure: true,
    });
    expect(sent.statusCode, sent.body).toBe(200);
    const item = (await a.request('GET', `/api/rectifications/${itemId}`)).json().data;
    expect(item.status).toBe('closure_requested');
    expect(item.evidence).toBe('调整支部班子，恢复每月支委会');

    const ok = await a.request('POST', `/api/rectifications/${itemId}/review`, {
      approve: true,
      note: '验收合格',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const cases = (await a.request('GET', `/api/org-system/orgs/${townA.id}/weak-cases`)).json().data.cases;
    expect(cases.find((c: { id: number }) => c.id === caseId)).toMatchObject({
      state: '已销号',
      reviewNote: '验收合格',
    });
  });
});
