// Cross-subtree cases for the commitments module's routes (issue 8); test/route-policy.test.ts runs them.
import type { AuthzCases } from '../../../../test/authz-types.ts';

export const commitmentsAuthzCases: AuthzCases = { cases: () => ({}), noSubject: {} };
