// Subtree read: the organisation page's two calls (details with counts, then children with
// subtree member counts) over HTTP with a real session, for a township, a county and the root.
import type { Scenario } from '../scenario.ts';
import { countyApiTarget, expectStatus } from '../scenario.ts';
import type { BenchEnv, OrgRef } from '../env.ts';

function subtree(
  name: string,
  title: string,
  pick: (env: BenchEnv) => { org: OrgRef; user: string } | null,
  scales?: Scenario['scales'],
): Scenario {
  return {
    name,
    title,
    ...(scales ? { scales } : {}),
    targets: countyApiTarget,
    async prepare(env) {
      const chosen = pick(env);
      if (!chosen) return { skip: '此规模没有该层级' };
      const s = await env.session(chosen.user);
      return {
        kind: 'repeat',
        via: 'HTTP GET /api/orgs/:id + /children',
        async run() {
          const one = await s.request('GET', `/api/orgs/${chosen.org.id}`);
          expectStatus(one, 200, 'GET /api/orgs/:id');
          const kids = await s.request('GET', `/api/orgs/${chosen.org.id}/children`);
          expectStatus(kids, 200, 'GET /api/orgs/:id/children');
          return 1 + (kids.json() as { data: unknown[] }).data.length;
        },
      };
    },
  };
}

export const SUBTREE_SCENARIOS: Scenario[] = [
  subtree('subtree-township', '子树读取：乡镇', (env) => ({
    org: env.orgs.township,
    user: env.users.township,
  })),
  subtree(
    'subtree-county',
    '子树读取：县',
    (env) =>
      env.orgs.county.id === env.orgs.root.id ? null : { org: env.orgs.county, user: env.users.county },
    ['city', 'province'],
  ),
  subtree('subtree-root', '子树读取：根组织', (env) => ({ org: env.orgs.root, user: env.users.root })),
];
