// Cross-subtree cases for the workbench routes; test/route-policy.test.ts runs them.
import type { AuthzCases } from '../../../../test/authz-types.ts';

export const workbenchAuthzCases: AuthzCases = {
  cases: (t) => ({
    'GET /api/workbench': { url: `/api/workbench?orgId=${t.fixture.townB.id}` },
    'GET /api/workbench/ranking': { url: `/api/workbench/ranking?orgId=${t.fixture.townB.id}` },
    'GET /api/workbench/trends': { url: `/api/workbench/trends?orgId=${t.fixture.townB.id}` },
  }),
  noSubject: {},
};
