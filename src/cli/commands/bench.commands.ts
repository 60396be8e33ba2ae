import { parseArgs } from 'node:util';
import {
  BENCH_SCALES,
  renderMarkdown,
  type BenchEngine,
  type BenchScale,
} from '../../server/bench-support/report.ts';
import type { CliCommands } from '../command.ts';
import { CliError, log, printJson, progressBar } from '../output.ts';

const USAGE =
  'bench [--scale county|city|province] [--engine sqlite|postgres] [--only NAME[,NAME]] [--json] [--keep] [--reuse] [--duration S] [--connections N]';

/** PostgreSQL for the benchmark: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the local test server. */
export function benchPostgresUrl(env: NodeJS.ProcessEnv = process.env): string {
  return (
    env.BENCH_DATABASE_URL?.trim() ||
    env.TEST_DATABASE_URL?.trim() ||
    'postgres://postgres@127.0.0.1:5432/test'
  );
}

function positiveInt(value: string | undefined, fallback: number, flag: string, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new CliError(`${flag} 必须是 1 到 ${max} 之间的整数`);
  return n;
}

export async function benchCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      scale: { type: 'string', default: 'county' },
      engine: { type: 'string' },
      only: { type: 'string' },
      json: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      reuse: { type: 'boolean', default: false },
      duration: { type: 'string' },
      connections: { type: 'string' },
      iterations: { type: 'string' },
      'no-write': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const scale = values.scale as BenchScale;
  if (!BENCH_SCALES.includes(scale)) throw new CliError('--scale 只能是 county、city 或 province');
  const engine = (values.engine ?? null) as BenchEngine | null;
  if (engine !== null && engine !== 'sqlite' && engine !== 'postgres')
    throw new CliError('--engine 只能是 sqlite 或 postgres');
  if (scale === 'province' && engine === 'sqlite')
    throw new CliError('省级规模只在 PostgreSQL 上运行（--engine postgres）');
  // The harness lives in bench/ (outside src/): loaded only when the command runs.
  const { runBench, selectScenarios, SCENARIOS } = await import('../../../bench/harness.ts');
  if (values.only && selectScenarios(SCENARIOS, values.only).length === 0) {
    throw new CliError(`没有名为 ${values.only} 的场景；可选: ${SCENARIOS.map((s) => s.name).join(', ')}`);
  }
  const { report, files } = await runBench({
    scale,
    engine,
    only: values.only ?? null,
    keep: values.keep || values.reuse,
    reuse: values.reuse,
    durationSec: positiveInt(values.duration, 6, '--duration', 120),
    connections: positiveInt(values.connections, 10, '--connections', 1000),
    iterations: positiveInt(values.iterations, 30, '--iterations', 10_000),
    budgetMs: 4000,
    postgresUrl: benchPostgresUrl(),
    write: !values['no-write'],
    log,
    progress: progressBar,
  });
  if (values.json) printJson(report);
  else process.stdout.write(renderMarkdown(report));
  for (const f of files) log(`已写入 ${f}`);
  const failed = report.runs.flatMap((r) => r.scenarios).filter((s) => s.status === 'failed');
  if (failed.length) log(`${failed.length} 个场景失败: ${failed.map((s) => s.name).join(', ')}`);
  return failed.length ? 1 : 0;
}

/** CLI commands of the bench module (issue 9): bench. */
export const BENCH_COMMANDS: CliCommands = {
  bench: { run: benchCommand, help: USAGE },
};
