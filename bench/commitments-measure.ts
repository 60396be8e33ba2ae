// Measures the commitments demo seed and the county report on an already seeded database:
// DATABASE_URL=… DANGJIAN_KEY_FILE=… npx tsx bench/commitments-measure.ts
import { chinaDate } from '../src/core/shared/dates.ts';
import { loadConfig } from '../src/server/config.ts';
import { openContext } from '../src/server/bootstrap.ts';
import { commitmentsReport, overdueReviews } from '../src/server/modules/commitments/commitments.service.ts';
import { seedCommitments } from '../src/server/modules/commitments/commitments.seed.ts';

const opened = await openContext(loadConfig());
const { ctx } = opened;
try {
  const today = chinaDate(ctx.now());
  for (const t of ['cm_reviews', 'cm_progress', 'cm_opinions', 'cm_commitments'] as const)
    await ctx.db.deleteFrom(t).execute();
  let t0 = performance.now();
  await seedCommitments(ctx, { today, scale: 'county', seed: 8 });
  const seedMs = performance.now() - t0;
  const root = await ctx.db
    .selectFrom('orgs')
    .select(['path', 'code'])
    .where('parent_id', 'is', null)
    .executeTakeFirstOrThrow();
  t0 = performance.now();
  const report = await commitmentsReport(ctx, root.path, Number(today.slice(0, 4)));
  const reportMs = performance.now() - t0;
  t0 = performance.now();
  const list = await overdueReviews(ctx.db, ctx.config.rulebook, root.path, today);
  const listMs = performance.now() - t0;
  console.log(
    JSON.stringify({
      seedMs: Math.round(seedMs),
      reportMs: Math.round(reportMs),
      overdueListMs: Math.round(listMs),
      overdue: list.length,
      report,
    }),
  );
} finally {
  await opened.close();
}
