// Cross-subtree cases for the 考核 routes; test/route-policy.test.ts runs them.
import type { AuthzCases } from '../../../../test/authz-types.ts';

export const assessmentAuthzCases: AuthzCases = {
  cases: () => ({}),
  noSubject: {},
};
