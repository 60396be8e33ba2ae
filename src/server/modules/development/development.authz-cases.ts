// Cross-subtree cases for the development module's routes (issue 6); test/route-policy.test.ts runs them.
import type { AuthzCases } from '../../../../test/authz-types.ts';

export const developmentAuthzCases: AuthzCases = { cases: () => ({}), noSubject: {} };
