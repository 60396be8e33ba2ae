// Measures the 组织体系体检 and 届期 reports on a seeded database (DATABASE_URL).
// Usage: DATABASE_URL=… npx tsx bench/org-system-structure.ts [--seed [--city]]   (--seed runs the org-system demo seed first,
// for databases seeded before the module seeds were wired into `seed --demo`).
import { chinaDate } from '../src/core/shared/dates.ts';
import { loadConfig } from '../src/server/config.ts';
import { openContext } from '../src/server/bootstrap.ts';
import { seedOrgSystem } from '../src/server/modules/org-system/org-system.seed.ts';
import { structureReport, termsReport } from '../src/server/modules/org-system/org-system.reports.ts';

const opened = await openContext(loadConfig());
try {
  const { ctx } = opened;
  const today = chinaDate(ctx.now());
  if (process.argv.includes('--seed')) {
    const t0 = performance.now();
    const scale = process.argv.includes('--city') ? 'city' : 'county';
    await seedOrgSystem(ctx, { today, scale, seed: 20261124 });
    console.log(`org-system seed: ${(performance.now() - t0).toFixed(0)} ms`);
  }
  const root = await ctx.db.selectFrom('orgs').select(['id', 'path', 'code']).where('parent_id', 'is', null).orderBy('id').executeTakeFirstOrThrow();
  const orgs = await ctx.db.selectFrom('orgs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  for (let i = 0; i < 4; i++) {
    const t0 = performance.now();
    const findings = await structureReport(ctx.db, ctx.config.rulebook, root, today);
    const t1 = performance.now();
    const terms = await termsReport(ctx.db, ctx.config.rulebook, root, today);
    const t2 = performance.now();
    console.log(`run ${i + 1}: ${orgs.n} orgs — structure ${findings.length} findings in ${(t1 - t0).toFixed(0)} ms; terms ${terms.length} rows in ${(t2 - t1).toFixed(0)} ms`);
  }
} finally {
  await opened.close();
}
