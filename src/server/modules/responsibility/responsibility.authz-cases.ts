// Cross-subtree cases for the 党建责任制 routes; test/route-policy.test.ts runs them.
import type { AuthzCases } from '../../../../test/authz-types.ts';

export const responsibilityAuthzCases: AuthzCases = {
  cases: () => ({}),
  noSubject: {},
};
