// Cross-subtree cases for the 党费 routes, part A: bases, ledger, reports; merged in dues.authz-cases.ts.
import type { AuthzCases, ForeignBodyCase } from '../../../../test/authz-types.ts';
import type { TestApp } from '../../../../test/api-harness.ts';

/** A member of township B's branch with a pending 基数 declaration (test setup only). */
async function townshipBBase(t: TestApp) {
  const db = t.ctx.db;
  const now = t.ctx.now().toISOString();
  const { branchB } = t.fixture;
  const personB = (
    await db
      .selectFrom('memberships')
      .select('person_id')
      .where('org_id', '=', branchB.id)
      .where('valid_to', 'is', null)
      .orderBy('person_id')
      .executeTakeFirstOrThrow()
  ).person_id;
  const b = await db
    .insertInto('dues_bases')
    .values({
      person_id: personB,
      org_id: branchB.id,
      org_path: branchB.path,
      category: 'in_service',
      base_fen: 450000,
      effective_month: '2026-01',
      source: 'member',
      status: 'pending',
      note: null,
      created_by: null,
      created_at: now,
      confirmed_by: null,
      confirmed_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { personB, baseId: b.id };
}

const seeded = new WeakMap<TestApp, ReturnType<typeof townshipBBase>>();
const once = (t: TestApp) => {
  let p = seeded.get(t);
  if (!p) seeded.set(t, (p = townshipBBase(t)));
  return p;
};

export const duesBasesAuthzCases: AuthzCases = {
  cases: async (t) => {
    const { baseId } = await once(t);
    const { townB, branchB } = t.fixture;
    return {
      'GET /api/dues/ledger': { url: `/api/dues/ledger?orgId=${townB.id}&month=2026-10` },
      'POST /api/dues/ledger/generate': {
        url: '/api/dues/ledger/generate',
        body: { orgId: branchB.id, month: '2026-10' },
      },
      'GET /api/dues/bases': { url: `/api/dues/bases?orgId=${townB.id}` },
      'POST /api/dues/bases': {
        url: '/api/dues/bases',
        body: {
          orgId: branchB.id,
          personId: (await once(t)).personB,
          category: 'farmer',
          baseFen: null,
          effectiveMonth: '2026-01',
        },
      },
      'POST /api/dues/bases/:id/confirm': { url: `/api/dues/bases/${baseId}/confirm`, body: {} },
      'POST /api/dues/bases/import': { url: `/api/dues/bases/import?orgId=${townB.id}` },
      'GET /api/dues/report': { url: `/api/dues/report?orgId=${townB.id}&year=2026` },
      'GET /api/dues/report.xlsx': { url: `/api/dues/report.xlsx?orgId=${townB.id}&year=2026` },
      'GET /api/dues/arrears': { url: `/api/dues/arrears?orgId=${townB.id}` },
    };
  },
  noSubject: {},
  foreignBody: async (t): Promise<ForeignBodyCase[]> => {
    const { personB } = await once(t);
    const { branchA, branchB } = t.fixture;
    return [
      {
        route: 'POST /api/dues/ledger/generate',
        field: 'orgId',
        url: '/api/dues/ledger/generate',
        body: { orgId: branchB.id, month: '2026-10' },
        kind: 'org',
        foreignId: branchB.id,
      },
      {
        route: 'POST /api/dues/bases',
        field: 'orgId',
        url: '/api/dues/bases',
        body: {
          orgId: branchB.id,
          personId: personB,
          category: 'farmer',
          baseFen: null,
          effectiveMonth: '2026-01',
        },
        kind: 'org',
        foreignId: branchB.id,
      },
      {
        route: 'POST /api/dues/bases',
        field: 'personId',
        url: '/api/dues/bases',
        body: {
          orgId: branchA.id,
          personId: personB,
          category: 'farmer',
          baseFen: null,
          effectiveMonth: '2026-01',
        },
        kind: 'person',
        foreignId: personB,
      },
    ];
  },
};
