// Measures the evaluation module on a seeded demo county:
//   DATABASE_URL=… npx tsx bench/evaluation-report.ts
// Runs the module seed if the database has no campaign yet (the base demo seed must exist),
// then times the CLI report and the 三级 linked view's queries.
import { performance } from 'node:perf_hooks';
import { openContext } from '../src/server/bootstrap.ts';
import { loadConfig } from '../src/server/config.ts';
import { chinaDate } from '../src/core/shared/dates.ts';
import { campaignReport } from '../src/server/modules/evaluation/campaign.service.ts';
import { seedEvaluation } from '../src/server/modules/evaluation/evaluation.seed.ts';
import { summariseRectifications } from '../src/server/modules/evaluation/rectification/rectification.service.ts';

const opened = await openContext(loadConfig(), { createKeys: false });
const { ctx } = opened;
try {
  const has = await ctx.db.selectFrom('eval_campaigns').select('id').executeTakeFirst();
  if (!has) {
    const t0 = performance.now();
    await seedEvaluation(ctx, { today: chinaDate(ctx.now()), scale: 'county', seed: 20261128 });
    console.error(`seedEvaluation: ${(performance.now() - t0).toFixed(0)} ms`);
  }
  for (let i = 0; i < 3; i++) {
    const t1 = performance.now();
    const report = await campaignReport(ctx, 'latest');
    const t2 = performance.now();
    const root = await ctx.db
      .selectFrom('orgs')
      .select('path')
      .where('parent_id', 'is', null)
      .executeTakeFirstOrThrow();
    const rect = await summariseRectifications(ctx.db, root.path, chinaDate(ctx.now()));
    const t3 = performance.now();
    console.error(
      `report evaluation latest: ${(t2 - t1).toFixed(1)} ms (${report?.people.length} people); rectification summary of the county: ${(t3 - t2).toFixed(1)} ms (${rect.total} items)`,
    );
  }
} finally {
  await opened.close();
}
