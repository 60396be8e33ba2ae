// Cross-subtree cases for the 工作任务 routes; test/route-policy.test.ts runs them.
import type { AuthzCases } from '../../../../test/authz-types.ts';

export const tasksAuthzCases: AuthzCases = {
  cases: () => ({}),
  noSubject: {},
};
