// Scheduled work (alert refresh, later digests and reminders) through one runner with a lease in
// the database, so that with several app nodes each run happens on one node only. A job calls
// services with a job context (systemContext('job', …)), never an HTTP request.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { chinaDate } from '../../core/shared/dates.ts';
import type { AppContext, RequestContext } from '../context.ts';
import { systemContext } from '../context.ts';

export interface ScheduledJob {
  name: string;
  /** Chinese description for logs and the CLI. */
  label: string;
  /** When the job is due: 'daily' = once per China calendar day, or every N milliseconds. */
  every: 'daily' | number;
  run: (ctx: AppContext, rc: RequestContext) => Promise<string>;
}

/** This process, as lease holder. */
const HOLDER = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/**
 * Takes the lease of `name` if it is free or expired, runs `fn`, records the result and frees the
 * lease. Returns null when another node holds it. Two statements, each atomic on both engines.
 */
export async function runExclusive(
  ctx: AppContext,
  name: string,
  leaseMs: number,
  fn: () => Promise<string>,
): Promise<string | null> {
  const now = ctx.now();
  const until = new Date(now.getTime() + leaseMs).toISOString();
  await ctx.db
    .insertInto('job_leases')
    .values({
      name,
      holder: '',
      until: '1970-01-01T00:00:00.000Z',
      last_started_at: null,
      last_finished_at: null,
      last_result: null,
    })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const took = await ctx.db
    .updateTable('job_leases')
    .set({ holder: HOLDER, until, last_started_at: now.toISOString() })
    .where('name', '=', name)
    .where((eb) => eb.or([eb('until', '<', now.toISOString()), eb('holder', '=', HOLDER)]))
    .executeTakeFirst();
  if (Number(took.numUpdatedRows) !== 1) return null;
  let result: string;
  try {
    result = await fn();
  } catch (e) {
    result = `失败：${e instanceof Error ? e.message : String(e)}`;
  }
  await ctx.db
    .updateTable('job_leases')
    .set({
      until: ctx.now().toISOString(),
      last_finished_at: ctx.now().toISOString(),
      last_result: result.slice(0, 500),
    })
    .where('name', '=', name)
    .where('holder', '=', HOLDER)
    .execute();
  return result;
}

/** Is the job due, from its last start recorded in the database (shared by every node)? */
export async function isDue(ctx: AppContext, job: ScheduledJob): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('job_leases')
    .select(['last_started_at'])
    .where('name', '=', job.name)
    .executeTakeFirst();
  if (!row?.last_started_at) return true;
  const last = new Date(row.last_started_at);
  if (job.every === 'daily') return chinaDate(last) < chinaDate(ctx.now());
  return ctx.now().getTime() - last.getTime() >= job.every;
}

/** Runs every due job once (the scheduler's tick; also `dangjian jobs run`). */
export async function runDueJobs(
  ctx: AppContext,
  jobs: readonly ScheduledJob[],
  opts: { force?: boolean; leaseMs?: number } = {},
): Promise<Array<{ job: string; result: string | null }>> {
  const out: Array<{ job: string; result: string | null }> = [];
  for (const job of jobs) {
    if (!opts.force && !(await isDue(ctx, job))) continue;
    const rc = systemContext('job', job.name, null, randomUUID());
    out.push({
      job: job.name,
      result: await runExclusive(ctx, job.name, opts.leaseMs ?? 30 * 60_000, () => job.run(ctx, rc)),
    });
  }
  return out;
}

/** Checks every minute (and once at start) which jobs are due; stop() waits for a running tick. */
export function startScheduler(
  ctx: AppContext,
  jobs: readonly ScheduledJob[],
  opts: {
    everyMs?: number;
    onResult?: (r: { job: string; result: string | null }) => void;
    onError?: (e: unknown) => void;
  } = {},
) {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = running
      .then(() => runDueJobs(ctx, jobs))
      .then((results) => results.forEach((r) => opts.onResult?.(r)))
      .catch((e: unknown) => opts.onError?.(e));
  };
  tick();
  const timer = setInterval(tick, opts.everyMs ?? 60_000);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
