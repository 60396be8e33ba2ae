// Cross-subtree cases for the 党费 routes, part B: payments and the gateway; merged in dues.authz-cases.ts.
import type { AuthzCases } from '../../../../test/authz-types.ts';

export const duesPaymentsAuthzCases: AuthzCases = {
  cases: () => ({}),
  noSubject: {},
};
