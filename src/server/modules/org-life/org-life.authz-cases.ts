// Cross-subtree cases for the org-life module's routes (issue 5); test/route-policy.test.ts runs them.
import type { AuthzCases } from '../../../../test/authz-types.ts';

export const org_lifeAuthzCases: AuthzCases = { cases: () => ({}), noSubject: {} };
