// The scenario registry: each file contributes a few small scenarios; order = table order.
// Writes (the import commit) come last so that reads see the seeded data only.
import type { Scenario } from '../scenario.ts';
import { HTTP_SCENARIOS } from './http.ts';
import { IMPORT_SCENARIOS } from './import.ts';
import { MEMBER_SCENARIOS } from './members.ts';
import { REPORT_SCENARIOS } from './reports.ts';
import { SUBTREE_SCENARIOS } from './subtree.ts';
import { ACCOUNTABILITY_SCENARIOS, WORKBENCH_SCENARIOS } from './workbench.ts';

export const SCENARIOS: readonly Scenario[] = [
  ...SUBTREE_SCENARIOS,
  ...MEMBER_SCENARIOS,
  ...REPORT_SCENARIOS,
  ...WORKBENCH_SCENARIOS,
  ...ACCOUNTABILITY_SCENARIOS,
  ...HTTP_SCENARIOS,
  ...IMPORT_SCENARIOS,
];
