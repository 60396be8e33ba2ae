// Measures the development module on a seeded database: runs its demo seed (when the database
// has no candidates yet) and times the 自查自纠 audit of the whole county (wall and CPU, median of 11).
// Usage: DATABASE_URL=… DANGJIAN_KEY_FILE=… npx tsx bench/development-audit.bench.ts
import { openContext } from '../src/server/bootstrap.ts';
import { loadConfig } from '../src/server/config.ts';
import { chinaDate } from '../src/core/shared/dates.ts';
import { seedDevelopment } from '../src/server/modules/development/development.seed.ts';
import { auditSubtree } from '../src/server/modules/development/development.service.ts';

const opened = await openContext(loadConfig());
const { ctx } = opened;
try {
  const today = chinaDate(ctx.now());
  const existing = await ctx.db.selectFrom('dev_candidates').select('id').limit(1).execute();
  if (existing.length === 0) {
    const t0 = performance.now();
    await seedDevelopment(ctx, { today, scale: 'county', seed: 20261127 });
    console.error(`seed: ${(performance.now() - t0).toFixed(0)} ms`);
  }
  const root = await ctx.db
    .selectFrom('orgs')
    .select(['path', 'name'])
    .where('parent_id', 'is', null)
    .executeTakeFirstOrThrow();
  const runs: number[] = [];
  const cpu: number[] = [];
  let report = await auditSubtree(ctx, root.path, today);
  for (let i = 0; i < 11; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    report = await auditSubtree(ctx, root.path, today);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
    runs.push(performance.now() - t);
  }
  runs.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      scope: root.name,
      candidates: report.candidates,
      violations: report.violations.length,
      upcoming: report.upcoming.length,
      medianMs: Math.round(runs[5]!),
      medianCpuMs: Math.round(cpu[5]!),
      engine: ctx.engine,
    }),
  );
} finally {
  await opened.close();
}
