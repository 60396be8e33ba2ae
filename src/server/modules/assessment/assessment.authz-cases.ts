// Cross-subtree cases for the 考核 routes; test/route-policy.test.ts runs them.
import type { AuthzCases } from '../../../../test/authz-types.ts';

export const assessmentAuthzCases: AuthzCases = {
  cases: (t) => {
    const { townB, branchB } = t.fixture;
    return {
      'GET /api/assessment': { url: `/api/assessment?orgId=${townB.id}&year=2026` },
      'POST /api/assessment/recompute': {
        url: '/api/assessment/recompute',
        body: { orgId: townB.id, year: 2026 },
      },
      'GET /api/assessment/weights': {
        url: `/api/assessment/weights?orgId=${townB.id}&year=2026&level=branch`,
      },
      'PUT /api/assessment/weights': {
        url: '/api/assessment/weights',
        body: {
          orgId: townB.id,
          year: 2026,
          level: 'branch',
          weights: [{ key: 'lifeCompliance', weight: 100 }],
        },
      },
      'GET /api/assessment/manual': { url: `/api/assessment/manual?orgId=${townB.id}&year=2026` },
      'POST /api/assessment/manual': {
        url: '/api/assessment/manual',
        body: { orgId: branchB.id, year: 2026, key: 'featureWork', score: 3, evidence: '越权评分' },
      },
      'GET /api/assessment/evidence': { url: `/api/assessment/evidence?orgId=${branchB.id}&year=2026` },
    };
  },
  noSubject: {},
  foreignBody: (t) => {
    const { townB, branchB } = t.fixture;
    return [
      {
        route: 'POST /api/assessment/recompute',
        field: 'orgId',
        url: '/api/assessment/recompute',
        body: { orgId: townB.id, year: 2026 },
        kind: 'org',
        foreignId: townB.id,
      },
      {
        route: 'PUT /api/assessment/weights',
        field: 'orgId',
        url: '/api/assessment/weights',
        body: {
          orgId: townB.id,
          year: 2026,
          level: 'branch',
          weights: [{ key: 'lifeCompliance', weight: 100 }],
        },
        kind: 'org',
        foreignId: townB.id,
      },
      {
        route: 'POST /api/assessment/manual',
        field: 'orgId',
        url: '/api/assessment/manual',
        body: { orgId: branchB.id, year: 2026, key: 'featureWork', score: 3, evidence: '特色工作突出' },
        kind: 'org',
        foreignId: branchB.id,
      },
    ];
  },
};
