// Helper for module report scenarios: prefer the module's HTTP route (real session, the whole
// stack) when it is registered; otherwise call its exported service/report function; otherwise skip.
import type { BenchEnv, OrgRef } from '../env.ts';
import { exported, importOptional, rowCount } from '../optional.ts';
import type { Prepared, Scenario } from '../scenario.ts';
import { expectStatus } from '../scenario.ts';

export interface ModuleReportSpec {
  name: string;
  title: string;
  scales?: Scenario['scales'];
  engines?: Scenario['engines'];
  targets?: Scenario['targets'];
  /** The subtree to report on, and the user whose scope covers it; null = not at this scale. */
  subject(env: BenchEnv): { org: OrgRef; user: string } | null;
  /** GET route template with :id, e.g. '/api/org-system/orgs/:id/structure' (+ optional query). */
  http?: { route: string; query?: (env: BenchEnv) => string };
  /** Exported function: module path from the repository root, export name, arguments. */
  fn?: { module: string; name: string; args(env: BenchEnv, org: OrgRef): unknown[] };
  /** Counts rows of a result (default: the usual {data:[…]} / rows / findings shapes). */
  rows?(value: unknown): number;
}

export function moduleReport(spec: ModuleReportSpec): Scenario {
  return {
    name: spec.name,
    title: spec.title,
    ...(spec.scales ? { scales: spec.scales } : {}),
    ...(spec.engines ? { engines: spec.engines } : {}),
    ...(spec.targets ? { targets: spec.targets } : {}),
    async prepare(env): Promise<Prepared | { skip: string }> {
      const subject = spec.subject(env);
      if (!subject) return { skip: '此规模没有该层级' };
      const count = spec.rows ?? rowCount;
      if (spec.http && env.app.hasRoute({ method: 'GET', url: spec.http.route })) {
        const session = await env.session(subject.user);
        const url = spec.http.route.replace(':id', String(subject.org.id)) + (spec.http.query?.(env) ?? '');
        return {
          kind: 'repeat',
          via: `HTTP GET ${spec.http.route}`,
          async run() {
            const res = await session.request('GET', url);
            expectStatus(res, 200, `GET ${url}`);
            return count(res.json());
          },
        };
      }
      if (spec.fn) {
        const f = exported(await importOptional(spec.fn.module), spec.fn.name);
        if (f) {
          const args = spec.fn.args(env, subject.org);
          return {
            kind: 'repeat',
            via: `${spec.fn.module.split('/').pop()!.replace(/\.ts$/, '')} ${spec.fn.name}()`,
            run: async () => count(await f(...args)),
          };
        }
      }
      return {
        skip: `模块尚未提供${spec.http ? ` ${spec.http.route}` : ''}${spec.fn ? ` 或 ${spec.fn.name}()` : ''}`,
      };
    },
  };
}
