// The benchmark report: its JSON shape (written to bench/results/*.json and printed by
// `dangjian bench --json`), the target checks and the Markdown rendering. Pure.
import { formatCount, formatMs } from './stats.ts';

export type BenchScale = 'county' | 'city' | 'province';
export type BenchEngine = 'sqlite' | 'postgres';

export const BENCH_SCALES: readonly BenchScale[] = ['county', 'city', 'province'];
export const BENCH_ENGINES: readonly BenchEngine[] = ['sqlite', 'postgres'];

/** Province scale is PostgreSQL only (the issue's rule: 4,000,000 members do not belong in one SQLite file on 2 cores). */
export function enginesFor(scale: BenchScale, asked: BenchEngine | null): BenchEngine[] {
  const allowed = scale === 'province' ? (['postgres'] as BenchEngine[]) : [...BENCH_ENGINES];
  return asked ? allowed.filter((e) => e === asked) : allowed;
}

/** A target from the issue, for one scenario on one scale and engine. */
export interface TargetSpec {
  /** Short Chinese/English label shown in the table, e.g. 'p95 < 50 ms'. */
  label: string;
  p95Ms?: number;
  /** For one-shot scenarios (import): the whole run. */
  totalMs?: number;
  requestsPerSec?: number;
  maxRatio?: number;
}

export interface TargetCheck {
  label: string;
  value: number | null;
  met: boolean | null;
}

export interface SqlFigure {
  /** SELECT statements captured in one run of the scenario and re-executed bare. */
  queries: number;
  /** Statements that write (not re-executed: they would change the data). */
  writes: number;
  p50Ms: number;
  ratio: number | null;
}

export interface ThroughputFigure {
  url: string;
  connections: number;
  durationSec: number;
  requests: number;
  requestsPerSec: number;
  non2xx: number;
  errors: number;
  latencyP50Ms: number;
  latencyP97_5Ms: number;
  latencyP99Ms: number;
}

export interface ScenarioResult {
  name: string;
  title: string;
  /** What was timed: 'HTTP GET /api/orgs/:id', 'service …', 'repository …'. */
  via: string;
  status: 'ok' | 'skipped' | 'failed';
  reason?: string;
  /** Something the reader must know about a measured figure (e.g. rows wrongly rejected). */
  note?: string;
  iterations: number;
  p50Ms: number | null;
  p95Ms: number | null;
  maxMs: number | null;
  /** CPU time of this Node process per iteration (p50): less sensitive to a busy machine than wall time. */
  cpuMs: number | null;
  /** Rows produced (or written) by one iteration. */
  rows: number | null;
  rowsPerSec: number | null;
  peakRssMb: number | null;
  sql: SqlFigure | null;
  throughput: ThroughputFigure | null;
  targets: TargetCheck[];
}

export interface SeedFigure {
  reused: boolean;
  ms: number;
  orgs: number;
  members: number;
  modules: { name: string; ms: number; error?: string }[];
  /** ANALYZE after seeding (PostgreSQL's autovacuum may be off or not yet run; SQLite never runs it itself). */
  analyzeMs: number;
}

export interface EngineRun {
  engine: BenchEngine;
  database: string;
  seed: SeedFigure;
  scenarios: ScenarioResult[];
  ms: number;
}

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryMb: number;
  loadAverage: number[];
  node: string;
  platform: string;
  sqlite: string | null;
  postgres: string | null;
}

export interface BenchReport {
  version: 1;
  scale: BenchScale;
  startedAt: string;
  finishedAt: string;
  totalMs: number;
  peakRssMb: number;
  machine: MachineInfo;
  runs: EngineRun[];
}

/** Checks one scenario's figures against its targets; a target without a figure is unknown (null). */
export function checkTargets(
  specs: readonly TargetSpec[],
  figures: {
    p95Ms: number | null;
    totalMs: number | null;
    requestsPerSec: number | null;
    ratio: number | null;
  },
): TargetCheck[] {
  const out: TargetCheck[] = [];
  const check = (label: string, value: number | null, ok: (v: number) => boolean) =>
    out.push({ label, value, met: value === null ? null : ok(value) });
  for (const s of specs) {
    if (s.p95Ms !== undefined) check(s.label, figures.p95Ms, (v) => v < s.p95Ms!);
    if (s.totalMs !== undefined) check(s.label, figures.totalMs, (v) => v < s.totalMs!);
    if (s.requestsPerSec !== undefined) check(s.label, figures.requestsPerSec, (v) => v >= s.requestsPerSec!);
    if (s.maxRatio !== undefined) check(s.label, figures.ratio, (v) => v <= s.maxRatio!);
  }
  return out;
}

function mark(t: TargetCheck): string {
  return `${t.met === null ? '?' : t.met ? '✅' : '❌'} ${t.label}`;
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

const ENGINE_NAMES: Record<BenchEngine, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

/** The report as Markdown: one table of query scenarios and one of throughput per engine. */
export function renderMarkdown(report: BenchReport): string {
  const m = report.machine;
  const lines: string[] = [
    `# 性能基准 — ${report.scale} — ${report.startedAt.slice(0, 10)}`,
    '',
    `- 机器: ${m.cpus} 核 ${m.cpuModel}, ${formatCount(m.memoryMb)} MB 内存, 开始时负载 ${m.loadAverage.map((x) => x.toFixed(2)).join(' / ')}; Node ${m.node}; SQLite ${m.sqlite ?? '—'}; PostgreSQL ${m.postgres ?? '—'}`,
    `- 总用时 ${formatMs(report.totalMs / 1000)} s，进程峰值 RSS ${formatCount(report.peakRssMb)} MB`,
  ];
  for (const run of report.runs) {
    const seed = run.seed;
    lines.push('', `## ${ENGINE_NAMES[run.engine]} (${run.database})`, '');
    lines.push(
      `数据: ${formatCount(seed.orgs)} 个组织, ${formatCount(seed.members)} 名党员; ` +
        (seed.reused ? '复用已有数据' : `生成用时 ${formatMs(seed.ms / 1000)} s`) +
        `; ANALYZE ${formatMs(seed.analyzeMs / 1000)} s` +
        (seed.modules.length
          ? `; 模块演示数据 ${seed.modules.map((x) => `${x.name} ${x.error ? '失败' : formatMs(x.ms / 1000) + ' s'}`).join(', ')}`
          : ''),
      '',
    );
    const queries = run.scenarios.filter((s) => s.status === 'ok' && !s.throughput);
    if (queries.length) {
      lines.push(
        '| 场景 | 计时对象 | n | p50 ms | p95 ms | max ms | CPU ms | 行/次 | 行/s | 峰值RSS MB | SQL p50 ms | API/SQL | 目标 |',
      );
      lines.push('|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|');
      for (const s of queries) {
        lines.push(
          `| ${cell(s.title)} | ${cell(s.via)} | ${s.iterations} | ${formatMs(s.p50Ms)} | ${formatMs(s.p95Ms)} | ${formatMs(s.maxMs)} | ${formatMs(s.cpuMs)} | ${formatCount(s.rows)} | ${formatCount(s.rowsPerSec)} | ${formatCount(s.peakRssMb)} | ${formatMs(s.sql?.p50Ms)} | ${s.sql?.ratio == null ? '—' : s.sql.ratio.toFixed(2)} | ${cell(s.targets.map(mark).join('; '))} |`,
        );
      }
    }
    const http = run.scenarios.filter((s) => s.status === 'ok' && s.throughput);
    if (http.length) {
      lines.push(
        '',
        '| 吞吐场景 | 请求 | 连接 | 时长 s | 请求数 | 请求/s | 非2xx | 错误 | 延迟 p50 / p97.5 / p99 ms | 峰值RSS MB | 目标 |',
      );
      lines.push('|---|---|--:|--:|--:|--:|--:|--:|---|--:|---|');
      for (const s of http) {
        const t = s.throughput!;
        lines.push(
          `| ${cell(s.title)} | ${cell(t.url)} | ${t.connections} | ${t.durationSec} | ${formatCount(t.requests)} | ${formatCount(t.requestsPerSec)} | ${t.non2xx} | ${t.errors} | ${formatMs(t.latencyP50Ms)} / ${formatMs(t.latencyP97_5Ms)} / ${formatMs(t.latencyP99Ms)} | ${formatCount(s.peakRssMb)} | ${cell(s.targets.map(mark).join('; '))} |`,
        );
      }
    }
    const noted = run.scenarios.filter((s) => s.status === 'ok' && s.note);
    const other = run.scenarios.filter((s) => s.status !== 'ok');
    if (noted.length || other.length) {
      lines.push('');
      for (const s of noted) lines.push(`- 注: ${s.title} — ${s.note}`);
      for (const s of other)
        lines.push(`- ${s.status === 'skipped' ? '跳过' : '失败'}: ${s.title} — ${s.reason ?? ''}`);
    }
  }
  return lines.join('\n') + '\n';
}
