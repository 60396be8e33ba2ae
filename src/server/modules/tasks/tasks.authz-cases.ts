// Cross-subtree cases for the 工作任务 routes; test/route-policy.test.ts runs them.
import type { AuthzCases, ForeignBodyCase } from '../../../../test/authz-types.ts';
import type { TestApp } from '../../../../test/api-harness.ts';

/** A task of township B's 党委 to its branch, reported, written straight into the tables (test setup only). */
export async function townshipBTask(t: TestApp, state: 'pending' | 'submitted' = 'submitted') {
  const db = t.ctx.db;
  const now = t.ctx.now().toISOString();
  const { townB, branchB } = t.fixture;
  const task = await db
    .insertInto('task_tasks')
    .values({
      issuer_org_id: townB.id,
      issuer_path: townB.path,
      issuer_name: '乙镇党委',
      title: '报送党员冬训学习情况',
      content: '各支部报送冬训参学人数',
      kind: 'report',
      target_mode: 'children',
      issued_on: '2026-11-20',
      deadline: '2026-11-30',
      attachments: '[]',
      form_columns: JSON.stringify([{ name: '参学人数', type: 'number', required: true }]),
      over_cap: 0,
      created_by: null,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('task_targets')
    .values({
      task_id: task.id,
      org_id: branchB.id,
      org_path: branchB.path,
      org_name: '乙镇南村党支部',
      state,
      report_text: state === 'submitted' ? '已组织冬训' : null,
      report_attachments: '[]',
      report_rows: null,
      submitted_on: state === 'submitted' ? '2026-11-22' : null,
      submitted_at: state === 'submitted' ? now : null,
      submitted_by: null,
      return_reason: null,
      returned_at: null,
      returned_count: 0,
      last_urged_at: null,
    })
    .execute();
  return task.id;
}

const taskBody = (issuerOrgId: number, targetOrgIds: number[]) => ({
  issuerOrgId,
  title: '报送冬训情况',
  content: '请报送冬训开展情况',
  kind: 'task',
  deadline: '2026-12-20',
  targetMode: 'chosen',
  targetOrgIds,
});

export const tasksAuthzCases: AuthzCases = {
  cases: async (t) => {
    const { townB, branchB } = t.fixture;
    const id = await townshipBTask(t, 'submitted');
    const pending = await townshipBTask(t, 'pending');
    return {
      'GET /api/tasks/outbox': { url: `/api/tasks/outbox?orgId=${townB.id}` },
      'GET /api/tasks/inbox': { url: `/api/tasks/inbox?orgId=${branchB.id}` },
      'GET /api/tasks/targets': { url: `/api/tasks/targets?orgId=${townB.id}` },
      'POST /api/tasks': { url: '/api/tasks', body: taskBody(townB.id, [branchB.id]) },
      'GET /api/tasks/:id': { url: `/api/tasks/${id}` },
      'GET /api/tasks/:id/form.xlsx': { url: `/api/tasks/${id}/form.xlsx` },
      'POST /api/tasks/:id/targets/:orgId/report': {
        url: `/api/tasks/${pending}/targets/${branchB.id}/report`,
        body: { text: '越权报送' },
      },
      'POST /api/tasks/:id/targets/:orgId/return': {
        url: `/api/tasks/${id}/targets/${branchB.id}/return`,
        body: { reason: '越权退回' },
      },
      'POST /api/tasks/:id/remind': { url: `/api/tasks/${pending}/remind` },
    };
  },
  noSubject: {},
  foreignBody: (t) => foreignBody(t),
};

/** Bodies valid for township A but for one id, which names a township-B organisation. */
function foreignBody(t: TestApp): ForeignBodyCase[] {
  const { townA, townB, branchA, branchB } = t.fixture;
  return [
    {
      route: 'POST /api/tasks',
      field: 'issuerOrgId',
      url: '/api/tasks',
      body: taskBody(townB.id, [branchA.id]),
      kind: 'org',
      foreignId: townB.id,
    },
    {
      route: 'POST /api/tasks',
      field: 'targetOrgIds[]',
      url: '/api/tasks',
      body: taskBody(townA.id, [branchA.id, branchB.id]),
      kind: 'org',
      foreignId: branchB.id,
    },
  ];
}
