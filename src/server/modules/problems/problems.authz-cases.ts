// Cross-subtree cases for the 问题清单 routes; test/route-policy.test.ts runs them.
import type { AuthzCases } from '../../../../test/authz-types.ts';

export const problemsAuthzCases: AuthzCases = {
  cases: () => ({}),
  noSubject: {},
};
