// Cross-subtree cases for the evaluation module's routes (issue 7); test/route-policy.test.ts runs them.
import type { AuthzCases } from '../../../../test/authz-types.ts';

export const evaluationAuthzCases: AuthzCases = { cases: () => ({}), noSubject: {} };
