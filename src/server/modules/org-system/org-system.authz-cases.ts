// Cross-subtree cases for the org-system module's routes (issue 3); test/route-policy.test.ts runs them.
import type { AuthzCases } from '../../../../test/authz-types.ts';

export const org_systemAuthzCases: AuthzCases = { cases: () => ({}), noSubject: {} };
