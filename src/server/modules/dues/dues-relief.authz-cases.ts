// Cross-subtree cases for the 党费 routes, part C: 补交, 减免, 上缴; merged in dues.authz-cases.ts.
import type { AuthzCases, ForeignBodyCase } from '../../../../test/authz-types.ts';
import type { TestApp } from '../../../../test/api-harness.ts';

/** A member of township B's branch (test setup only). */
async function personOfB(t: TestApp): Promise<number> {
  const m = await t.ctx.db
    .selectFrom('memberships')
    .select('person_id')
    .where('org_id', '=', t.fixture.branchB.id)
    .where('valid_to', 'is', null)
    .orderBy('person_id')
    .executeTakeFirstOrThrow();
  return Number(m.person_id);
}

/** A pending 减免 request of township B's branch, written straight into the table (test setup only). */
export async function townshipBReduction(t: TestApp): Promise<number> {
  const { branchB } = t.fixture;
  const row = await t.ctx.db
    .insertInto('dues_reductions')
    .values({
      person_id: await personOfB(t),
      org_id: branchB.id,
      org_path: branchB.path,
      from_month: '2026-10',
      to_month: '2026-12',
      kind: 'waive',
      monthly_fen: null,
      reason: '家庭遭受火灾，生活困难',
      status: 'pending_branch',
      branch_by: null,
      branch_at: null,
      upper_by: null,
      upper_at: null,
      note: null,
      created_by: null,
      created_at: t.ctx.now().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export const duesReliefAuthzCases: AuthzCases = {
  cases: async (t) => {
    const { townB, branchB } = t.fixture;
    const id = await townshipBReduction(t);
    return {
      'GET /api/dues/reductions': { url: `/api/dues/reductions?orgId=${townB.id}` },
      'POST /api/dues/reductions': {
        url: '/api/dues/reductions',
        body: {
          personId: await personOfB(t),
          fromMonth: '2026-11',
          toMonth: '2026-12',
          kind: 'waive',
          reason: '越权申请',
        },
      },
      'POST /api/dues/reductions/:id/approve': { url: `/api/dues/reductions/${id}/approve`, body: {} },
      'POST /api/dues/reductions/:id/reject': {
        url: `/api/dues/reductions/${id}/reject`,
        body: { reason: '越权退回' },
      },
      'GET /api/dues/remittances': { url: `/api/dues/remittances?orgId=${townB.id}` },
      'POST /api/dues/remittances': {
        url: '/api/dues/remittances',
        body: { fromOrgId: branchB.id, period: '2026-10', amountFen: 1000, remittedOn: '2026-11-10' },
      },
      'PUT /api/dues/bank-figures': {
        url: '/api/dues/bank-figures',
        body: { orgId: townB.id, period: '2026-10', bankFen: 1000 },
      },
      'GET /api/dues/remittance-summary': { url: `/api/dues/remittance-summary?orgId=${townB.id}&year=2026` },
    };
  },
  noSubject: {},
  foreignBody: async (t): Promise<ForeignBodyCase[]> => {
    const { townB, branchB } = t.fixture;
    const personB = await personOfB(t);
    return [
      {
        route: 'POST /api/dues/reductions',
        field: 'personId',
        url: '/api/dues/reductions',
        body: {
          personId: personB,
          fromMonth: '2026-11',
          toMonth: '2026-12',
          kind: 'waive',
          reason: '生活困难',
        },
        kind: 'person',
        foreignId: personB,
      },
      {
        route: 'POST /api/dues/remittances',
        field: 'fromOrgId',
        url: '/api/dues/remittances',
        body: { fromOrgId: branchB.id, period: '2026-10', amountFen: 1000, remittedOn: '2026-11-10' },
        kind: 'org',
        foreignId: branchB.id,
      },
      {
        route: 'PUT /api/dues/bank-figures',
        field: 'orgId',
        url: '/api/dues/bank-figures',
        body: { orgId: townB.id, period: '2026-10', bankFen: 1000 },
        kind: 'org',
        foreignId: townB.id,
      },
    ];
  },
};
