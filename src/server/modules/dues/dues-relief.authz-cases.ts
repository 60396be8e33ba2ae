// Cross-subtree cases for the 党费 routes, part C: 补交, 减免, 上缴; merged in dues.authz-cases.ts.
import type { AuthzCases } from '../../../../test/authz-types.ts';

export const duesReliefAuthzCases: AuthzCases = {
  cases: () => ({}),
  noSubject: {},
};
