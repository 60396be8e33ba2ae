// Route-policy inventory for the global search; test/route-policy.test.ts reads it.
import type { AuthzCases } from '../../../../test/authz-types.ts';

export const searchAuthzCases: AuthzCases = {
  cases: () => ({}),
  noSubject: {
    'GET /api/search':
      'results are filtered to the caller scope (tested in search.api.test.ts on both engines)',
  },
};
