// Cross-subtree cases for the 督查 routes; test/route-policy.test.ts runs them.
import type { AuthzCases } from '../../../../test/authz-types.ts';

export const inspectionAuthzCases: AuthzCases = {
  cases: () => ({}),
  noSubject: {},
};
