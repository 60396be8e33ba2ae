// Module reports: structure analysis (org-system), development audit, organisational-life
// compliance for a branch, a township, the county, the city and the province.
import type { BenchEngine, BenchScale, TargetSpec } from '../../src/server/bench-support/report.ts';
import type { BenchEnv } from '../env.ts';
import type { Scenario } from '../scenario.ts';
import { countyApiTarget } from '../scenario.ts';
import { moduleReport } from './module.ts';

const root = (env: BenchEnv) => ({ org: env.orgs.root, user: env.users.root });
const county = (env: BenchEnv) => ({ org: env.orgs.county, user: env.users.county });

/** Compliance targets of the issue: county API p95 < 50 ms, city < 500 ms and province < 2 s on PostgreSQL. */
function complianceTargets(level: 'branch' | 'township' | 'county' | 'top') {
  return (scale: BenchScale, engine: BenchEngine): TargetSpec[] => {
    if (scale === 'county') return countyApiTarget(scale);
    if (level !== 'top' || engine !== 'postgres') return [];
    return scale === 'city'
      ? [{ label: '市 p95 < 500 ms', p95Ms: 500 }]
      : [{ label: '省 p95 < 2 s', p95Ms: 2000 }];
  };
}

function quarterQuery(env: BenchEnv): string {
  const [y, m] = env.today.split('-').map(Number) as [number, number];
  return `?year=${y}&quarter=${Math.floor((m - 1) / 3) + 1}`;
}

const ORG_LIFE = 'src/server/modules/org-life/org-life.compliance.ts';

function compliance(
  name: string,
  title: string,
  level: 'branch' | 'township' | 'county' | 'top',
  subject: (env: BenchEnv) => ReturnType<typeof root> | null,
  scales?: BenchScale[],
): Scenario {
  return moduleReport({
    name,
    title,
    ...(scales ? { scales } : {}),
    targets: complianceTargets(level),
    subject,
    http: { route: '/api/org-life/orgs/:id/compliance', query: quarterQuery },
    fn: {
      module: ORG_LIFE,
      name: 'complianceReport',
      args: (env, org) => {
        const [y, m] = env.today.split('-').map(Number) as [number, number];
        const q = Math.floor((m - 1) / 3) + 1;
        const from = `${y}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`;
        const to = q === 4 ? `${y + 1}-01-01` : `${y}-${String(q * 3 + 1).padStart(2, '0')}-01`;
        return [env.ctx, org.code, { key: `${y}-Q${q}`, kind: 'quarter', from, to }, env.today];
      },
    },
  });
}

export const REPORT_SCENARIOS: Scenario[] = [
  moduleReport({
    name: 'structure-township',
    title: '组织体系体检：乡镇',
    targets: countyApiTarget,
    subject: (env) => ({ org: env.orgs.township, user: env.users.township }),
    http: { route: '/api/org-system/orgs/:id/structure' },
    fn: {
      module: 'src/server/modules/org-system/org-system.reports.ts',
      name: 'structureReport',
      args: (env, org) => [env.ctx.db, env.ctx.config.rulebook, org, env.today],
    },
    rows: (v) =>
      ((v as { data?: { findings?: unknown[] } }).data?.findings ?? (Array.isArray(v) ? v : [])).length,
  }),
  moduleReport({
    name: 'structure-root',
    title: '组织体系体检：根组织全域',
    targets: countyApiTarget,
    subject: root,
    http: { route: '/api/org-system/orgs/:id/structure' },
    fn: {
      module: 'src/server/modules/org-system/org-system.reports.ts',
      name: 'structureReport',
      args: (env, org) => [env.ctx.db, env.ctx.config.rulebook, org, env.today],
    },
    rows: (v) =>
      ((v as { data?: { findings?: unknown[] } }).data?.findings ?? (Array.isArray(v) ? v : [])).length,
  }),
  moduleReport({
    name: 'development-audit',
    title: '发展党员程序审计：县',
    targets: countyApiTarget,
    subject: county,
    http: { route: '/api/orgs/:id/development/audit' },
    fn: {
      module: 'src/server/modules/development/development.service.ts',
      name: 'auditSubtree',
      args: (env, org) => [env.ctx, org.path, env.today],
    },
    rows: (v) => {
      const o = ((v as { data?: unknown }).data ?? v) as {
        violations?: unknown[];
        upcoming?: unknown[];
        candidates?: number;
      };
      return (o.violations?.length ?? 0) + (o.upcoming?.length ?? 0);
    },
  }),
  compliance('compliance-branch', '组织生活合规：支部（本季度）', 'branch', (env) => ({
    org: env.orgs.branch,
    user: env.users.township,
  })),
  compliance('compliance-township', '组织生活合规：乡镇（本季度）', 'township', (env) => ({
    org: env.orgs.township,
    user: env.users.township,
  })),
  compliance(
    'compliance-county',
    '组织生活合规：县（本季度）',
    'county',
    (env) => (env.scale === 'county' ? null : county(env)),
    ['city', 'province'],
  ),
  compliance('compliance-root', '组织生活合规：根组织全域（本季度）', 'top', root),
  // The same question answered from the per-ancestor counters (life_compliance_counters, kept
  // in each meeting's transaction): how many organisations under each child held a 支部党员大会 in
  // each quarter of the year so far. O(children), whatever the subtree holds.
  moduleReport({
    name: 'compliance-summary-root',
    title: '组织生活汇总：根组织下级（支部党员大会，按上级计数器）',
    targets: (scale, engine) =>
      scale === 'county'
        ? countyApiTarget(scale)
        : engine === 'postgres'
          ? [{ label: '汇总 p95 < 50 ms', p95Ms: 50 }]
          : [],
    subject: root,
    http: {
      route: '/api/org-life/orgs/:id/summary',
      query: (env) => `?year=${env.today.slice(0, 4)}&type=${encodeURIComponent('支部党员大会')}`,
    },
  }),
];
