// Cross-subtree cases for the roster module's routes (issue 4); test/route-policy.test.ts runs them.
import type { AuthzCases } from '../../../../test/authz-types.ts';

export const rosterAuthzCases: AuthzCases = { cases: () => ({}), noSubject: {} };
