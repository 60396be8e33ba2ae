// The benchmark run: for each engine the scale allows, open (and seed) a database, run every
// scenario, time it (p50 / p95 / max, rows per second, peak RSS), re-run its captured SQL
// bare for the ratio, check the issue's targets, and write bench/results/<date>-<scale>-<engine>.{md,json}.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import SQLite from 'better-sqlite3';
import {
  checkTargets,
  enginesFor,
  renderMarkdown,
  type BenchEngine,
  type BenchReport,
  type EngineRun,
  type MachineInfo,
  type ScenarioResult,
  type TargetSpec,
} from '../src/server/bench-support/report.ts';
import { runBare } from '../src/server/bench-support/sql-capture.ts';
import { ratio, rowsPerSecond, summarize } from '../src/server/bench-support/stats.ts';
import { openBench, type BenchEnv, type BenchOptions } from './env.ts';
import type { Prepared, Scenario } from './scenario.ts';
import { SCENARIOS } from './scenarios/index.ts';

export { SCENARIOS };

export const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));

/** The issue's target for every query-bound scenario: API time at most 1.5 × its bare SQL. */
const RATIO_TARGET: TargetSpec = { label: 'API/SQL ≤ 1.5', maxRatio: 1.5 };

/** Peak resident set size while something runs, sampled every 10 ms (and at both ends). */
function rssSampler(): { stop(): number } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage.rss()) / 1_048_576;
    },
  };
}

/** Runs fn repeatedly: 2 warm-up runs, then up to `max` timed runs within the budget (at least 5). */
async function repeat(
  env: BenchEnv,
  fn: () => Promise<number>,
  max: number,
): Promise<{ samples: number[]; cpu: number[]; rows: number }> {
  await fn();
  await fn();
  const samples: number[] = [];
  const cpu: number[] = [];
  let rows = 0;
  const started = env.clock();
  while (samples.length < max && (samples.length < 5 || env.clock() - started < env.options.budgetMs)) {
    const c0 = process.cpuUsage();
    const t0 = env.clock();
    rows = await fn();
    samples.push(env.clock() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { samples, cpu, rows };
}

function emptyResult(
  s: Scenario,
  via: string,
  status: ScenarioResult['status'],
  reason?: string,
): ScenarioResult {
  return {
    name: s.name,
    title: s.title,
    via,
    status,
    ...(reason ? { reason } : {}),
    iterations: 0,
    p50Ms: null,
    p95Ms: null,
    maxMs: null,
    cpuMs: null,
    rows: null,
    rowsPerSec: null,
    peakRssMb: null,
    sql: null,
    throughput: null,
    targets: [],
  };
}

async function measure(env: BenchEnv, s: Scenario, prepared: Prepared): Promise<ScenarioResult> {
  const specs = s.targets?.(env.scale, env.engine) ?? [];
  const rss = rssSampler();
  if (prepared.kind === 'throughput') {
    const figure = await prepared.run();
    return {
      ...emptyResult(s, prepared.via, 'ok'),
      iterations: 1,
      peakRssMb: rss.stop(),
      throughput: figure,
      targets: checkTargets(specs, {
        p95Ms: null,
        totalMs: null,
        requestsPerSec: figure.requestsPerSec,
        ratio: null,
      }),
    };
  }
  if (prepared.kind === 'once') {
    const t0 = env.clock();
    const c0 = process.cpuUsage();
    const outcome = await prepared.run();
    const ms = env.clock() - t0;
    const rows = typeof outcome === 'number' ? outcome : outcome.rows;
    const note = typeof outcome === 'number' ? undefined : outcome.note;
    const c = process.cpuUsage(c0);
    return {
      ...emptyResult(s, prepared.via, 'ok'),
      ...(note ? { note } : {}),
      iterations: 1,
      p50Ms: ms,
      p95Ms: ms,
      maxMs: ms,
      cpuMs: (c.user + c.system) / 1000,
      rows,
      rowsPerSec: rowsPerSecond(rows, ms),
      peakRssMb: rss.stop(),
      targets: checkTargets(specs, { p95Ms: ms, totalMs: ms, requestsPerSec: null, ratio: null }),
    };
  }
  const { samples, cpu, rows } = await repeat(
    env,
    prepared.run,
    prepared.iterations ?? env.options.iterations,
  );
  const api = summarize(samples);
  const peakRssMb = rss.stop();
  // The same work once more while recording its statements, then those statements bare.
  const { queries } = await env.capture.record(prepared.run);
  const reads = queries.filter((q) => q.read);
  let sqlFigure: ScenarioResult['sql'] = null;
  if (reads.length) {
    const bare = await repeat(
      env,
      async () => (await runBare(env.base.db, queries, env.clock)).rows,
      samples.length,
    );
    const sqlP50 = summarize(bare.samples).p50;
    sqlFigure = {
      queries: reads.length,
      writes: queries.length - reads.length,
      p50Ms: sqlP50,
      ratio: ratio(api.p50, sqlP50),
    };
  }
  return {
    ...emptyResult(s, prepared.via, 'ok'),
    iterations: api.n,
    p50Ms: api.p50,
    p95Ms: api.p95,
    maxMs: api.max,
    cpuMs: summarize(cpu).p50,
    rows,
    rowsPerSec: rowsPerSecond(rows, api.p50),
    peakRssMb,
    sql: sqlFigure,
    targets: checkTargets([...specs, ...(sqlFigure ? [RATIO_TARGET] : [])], {
      p95Ms: api.p95,
      totalMs: null,
      requestsPerSec: null,
      ratio: sqlFigure?.ratio ?? null,
    }),
  };
}

async function runScenario(env: BenchEnv, s: Scenario): Promise<ScenarioResult> {
  let prepared: Prepared | { skip: string };
  try {
    prepared = await s.prepare(env);
  } catch (error) {
    return emptyResult(
      s,
      '—',
      'failed',
      `准备失败: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if ('skip' in prepared) return emptyResult(s, '—', 'skipped', prepared.skip);
  try {
    return await measure(env, s, prepared);
  } catch (error) {
    return emptyResult(s, prepared.via, 'failed', error instanceof Error ? error.message : String(error));
  } finally {
    await prepared.cleanup?.().catch(() => {});
  }
}

/** --only NAME[,NAME…]: exact names or name prefixes ('subtree' selects every subtree scenario). */
export function selectScenarios(all: readonly Scenario[], only: string | null): Scenario[] {
  if (!only) return [...all];
  const wanted = only
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  return all.filter((s) => wanted.some((w) => s.name === w || s.name.startsWith(w)));
}

async function engineVersions(
  postgresUrl: string,
  engines: readonly BenchEngine[],
): Promise<{ sqlite: string | null; postgres: string | null }> {
  let sqliteVersion: string | null = null;
  let postgres: string | null = null;
  if (engines.includes('sqlite')) {
    const h = new SQLite(':memory:');
    sqliteVersion = (h.prepare('select sqlite_version() as v').get() as { v: string }).v;
    h.close();
  }
  if (engines.includes('postgres')) {
    const c = new pg.Client({ connectionString: postgresUrl });
    await c.connect();
    postgres = ((await c.query('show server_version')).rows[0] as { server_version: string }).server_version;
    await c.end();
  }
  return { sqlite: sqliteVersion, postgres };
}

export interface RunOptions extends BenchOptions {
  engine: BenchEngine | null;
  only: string | null;
  /** Write bench/results files (the default). */
  write: boolean;
}

export async function runBench(options: RunOptions): Promise<{ report: BenchReport; files: string[] }> {
  const engines = enginesFor(options.scale, options.engine);
  if (engines.length === 0)
    throw new Error(`规模 ${options.scale} 不支持引擎 ${options.engine}（省级规模只在 PostgreSQL 上运行）`);
  const scenarios = selectScenarios(SCENARIOS, options.only);
  if (scenarios.length === 0)
    throw new Error(`没有名为 ${options.only} 的场景；可选: ${SCENARIOS.map((s) => s.name).join(', ')}`);
  const startedAt = new Date();
  const t0 = performance.now();
  const cpus = os.cpus();
  const machine: MachineInfo = {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryMb: Math.round(os.totalmem() / 1_048_576),
    loadAverage: os.loadavg(),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    ...(await engineVersions(options.postgresUrl, engines)),
  };
  const runs: EngineRun[] = [];
  const files: string[] = [];
  for (const engine of engines) {
    const e0 = performance.now();
    options.log(`== ${options.scale} @ ${engine}`);
    const opened = await openBench(engine, options);
    const results: ScenarioResult[] = [];
    try {
      for (const s of scenarios) {
        if ((s.scales && !s.scales.includes(options.scale)) || (s.engines && !s.engines.includes(engine)))
          continue;
        options.log(`  场景 ${s.name} …`);
        const r = await runScenario(opened.env, s);
        options.log(
          r.status === 'ok'
            ? `    ${r.throughput ? `${Math.round(r.throughput.requestsPerSec)} 请求/s` : `p50 ${r.p50Ms!.toFixed(2)} ms, p95 ${r.p95Ms!.toFixed(2)} ms${r.sql?.ratio ? `, API/SQL ${r.sql.ratio.toFixed(2)}` : ''}`}`
            : `    ${r.status === 'skipped' ? '跳过' : '失败'}: ${r.reason}`,
        );
        results.push(r);
      }
    } finally {
      await opened.close();
    }
    const run: EngineRun = {
      engine,
      database: opened.describe,
      seed: opened.seed,
      scenarios: results,
      ms: performance.now() - e0,
    };
    runs.push(run);
    if (options.write) {
      const single: BenchReport = {
        version: 1,
        scale: options.scale,
        startedAt: startedAt.toISOString(),
        finishedAt: new Date().toISOString(),
        totalMs: run.ms,
        peakRssMb: process.resourceUsage().maxRSS / 1024,
        machine,
        runs: [run],
      };
      mkdirSync(RESULTS_DIR, { recursive: true });
      // A partial run (--only) gets its own file, so it never overwrites the full run's report.
      const part = options.only ? `-only-${options.only.replace(/[^A-Za-z0-9,-]/g, '').replace(/,/g, '+')}` : '';
      const stem = `${RESULTS_DIR}${startedAt.toISOString().slice(0, 10)}-${options.scale}-${engine}${part}`;
      writeFileSync(`${stem}.json`, JSON.stringify(single, null, 2) + '\n');
      writeFileSync(`${stem}.md`, renderMarkdown(single));
      files.push(`${stem}.md`, `${stem}.json`);
    }
  }
  const report: BenchReport = {
    version: 1,
    scale: options.scale,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    totalMs: performance.now() - t0,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    machine,
    runs,
  };
  return { report, files };
}
