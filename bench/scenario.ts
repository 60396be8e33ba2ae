// A benchmark scenario: a small file in bench/scenarios/ that prepares what to time on an
// open benchmark environment. The harness does the timing, the bare-SQL ratio and the RSS.
import type {
  BenchEngine,
  BenchScale,
  TargetSpec,
  ThroughputFigure,
} from '../src/server/bench-support/report.ts';
import type { BenchEnv } from './env.ts';

export type Prepared =
  /** Timed repeatedly (p50/p95/max); run() returns the rows it produced. Its SQL is captured and timed bare. */
  | {
      kind: 'repeat';
      via: string;
      run: () => Promise<number>;
      iterations?: number;
      cleanup?: () => Promise<void>;
    }
  /** Timed once (a write such as an import); run() returns the rows it wrote and, when something is off, a note. */
  | {
      kind: 'once';
      via: string;
      run: () => Promise<number | { rows: number; note?: string }>;
      cleanup?: () => Promise<void>;
    }
  /** Load over loopback; run() returns the load generator's figures. */
  | { kind: 'throughput'; via: string; run: () => Promise<ThroughputFigure>; cleanup?: () => Promise<void> };

export interface Scenario {
  /** Stable id for --only, e.g. 'subtree-township'. */
  name: string;
  /** Chinese title for the table. */
  title: string;
  scales?: readonly BenchScale[];
  engines?: readonly BenchEngine[];
  /** The targets for this scenario at a scale and engine (the ratio target is added by the harness). */
  targets?: (scale: BenchScale, engine: BenchEngine) => TargetSpec[];
  prepare(env: BenchEnv): Promise<Prepared | { skip: string }>;
}

/** County-scale API target of the issue (p95 < 50 ms). */
export function countyApiTarget(scale: BenchScale): TargetSpec[] {
  return scale === 'county' ? [{ label: 'p95 < 50 ms', p95Ms: 50 }] : [];
}

/** Fails the run when an HTTP response is not what a working endpoint returns. */
export function expectStatus(res: { statusCode: number; body: string }, status: number, what: string): void {
  if (res.statusCode !== status) throw new Error(`${what}: HTTP ${res.statusCode} ${res.body.slice(0, 300)}`);
}
