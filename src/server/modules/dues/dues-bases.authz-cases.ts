// Cross-subtree cases for the 党费 routes, part A: bases, ledger, reports; merged in dues.authz-cases.ts.
import type { AuthzCases } from '../../../../test/authz-types.ts';

export const duesBasesAuthzCases: AuthzCases = {
  cases: () => ({}),
  noSubject: {},
};
