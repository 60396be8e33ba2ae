// Cross-subtree cases for every 党费 route: the parts' own cases merged.
import type { AuthzCases } from '../../../../test/authz-types.ts';
import { duesBasesAuthzCases } from './dues-bases.authz-cases.ts';
import { duesPaymentsAuthzCases } from './dues-payments.authz-cases.ts';
import { duesReliefAuthzCases } from './dues-relief.authz-cases.ts';

const PARTS = [duesBasesAuthzCases, duesPaymentsAuthzCases, duesReliefAuthzCases];

export const duesAuthzCases: AuthzCases = {
  cases: async (t) => {
    const out: Record<string, { url: string; body?: unknown }> = {};
    for (const p of PARTS) Object.assign(out, await p.cases(t));
    return out;
  },
  noSubject: Object.assign({}, ...PARTS.map((p) => p.noSubject)) as Record<string, string>,
  foreignBody: async (t) => (await Promise.all(PARTS.map((p) => p.foreignBody?.(t) ?? []))).flat(),
  unscopedBodyIds: Object.assign({}, ...PARTS.map((p) => p.unscopedBodyIds ?? {})) as Record<string, string>,
};
