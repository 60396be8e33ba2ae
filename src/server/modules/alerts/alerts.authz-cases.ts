// Cross-subtree cases for the alert registry's routes; test/route-policy.test.ts runs them.
import type { AuthzCases } from '../../../../test/authz-types.ts';

export const alertsAuthzCases: AuthzCases = {
  cases: (t) => ({
    'GET /api/alerts': { url: `/api/alerts?orgId=${t.fixture.townB.id}` },
    'GET /api/alerts/counts': { url: `/api/alerts/counts?orgId=${t.fixture.townB.id}` },
  }),
  noSubject: {
    'GET /api/alerts/codes': 'the code catalogue, the same for everyone',
  },
};
