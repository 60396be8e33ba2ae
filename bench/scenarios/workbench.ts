// 工作台 and 预警 (issue 17): the county root's workbench on SQLite (p95 < 50 ms) and the alert
// counts of the top of the tree on PostgreSQL (p95 < 50 ms at any scale: counts are read from the
// per-ancestor counters, never recomputed).
import type { BenchEnv } from '../env.ts';
import type { Scenario } from '../scenario.ts';
import { countyApiTarget } from '../scenario.ts';
import { moduleReport } from './module.ts';

const root = (env: BenchEnv) => ({ org: env.orgs.root, user: env.users.root });

export const WORKBENCH_SCENARIOS: Scenario[] = [
  moduleReport({
    name: 'workbench-root',
    title: '工作台（最上级组织：指标、预警数、待办）',
    targets: (scale) => countyApiTarget(scale),
    subject: root,
    http: { route: '/api/workbench', query: (env) => `?orgId=${env.orgs.root.id}` },
    rows: (v) => ((v as { data?: { kpis?: unknown[] } }).data?.kpis ?? []).length,
  }),
  moduleReport({
    name: 'alert-counts-root',
    title: '预警数（最上级组织，按代码、等级和下级组织）',
    targets: (scale, engine) =>
      engine === 'postgres' || scale === 'county' ? [{ label: 'p95 < 50 ms', p95Ms: 50 }] : [],
    subject: root,
    http: { route: '/api/alerts/counts', query: (env) => `?orgId=${env.orgs.root.id}` },
    rows: (v) => Object.keys((v as { data?: { byCode?: object } }).data?.byCode ?? {}).length,
  }),
];

/** The accountability loop (issue 18): the 问题清单 and the 考核 ranking of the top of the tree. */
export const ACCOUNTABILITY_SCENARIOS: Scenario[] = [
  moduleReport({
    name: 'problems-root',
    title: '问题清单（最上级组织：各来源整改事项及计数）',
    targets: (scale) => countyApiTarget(scale),
    subject: root,
    http: { route: '/api/problems', query: (env) => `?orgId=${env.orgs.root.id}` },
    rows: (v) => ((v as { data?: { items?: unknown[] } }).data?.items ?? []).length,
  }),
  moduleReport({
    name: 'assessment-root',
    title: '考核排名（最上级组织的下级，当年）',
    targets: () => [],
    subject: root,
    http: { route: '/api/assessment', query: (env) => `?orgId=${env.orgs.root.id}` },
    rows: (v) => ((v as { data?: { rows?: unknown[] } }).data?.rows ?? []).length,
  }),
];
