// Measures the commitments demo seed and the county report on an already seeded database:
// DATABASE_URL=… DANGJIAN_KEY_FILE=… npx tsx bench/commitments-measure.ts
import { chinaDate } from '../src/core/shared/dates.ts';
import { loadConfig } from '../src/server/config.ts';
import { openContext } from '../src/server/bootstrap.ts';
import { commitmentsReport, overdueReviews } from '../src/server/modules/commitments/commitments.service.ts';
import { seedCommitments } from '../src/server/modules/commitments/commitments.seed.ts';
import { listActive, secretariesOf } from '../src/server/modules/commitments/commitments.repository.ts';
import { activeLinksCovering } from '../src/server/modules/commitments/liaisons.repository.ts';
import { reviewCalendar } from '../src/core/commitments/review-calendar.ts';
import { ruleValue } from '../src/core/rulebook/rulebook.ts';

const opened = await openContext(loadConfig());
const { ctx } = opened;
try {
  const today = chinaDate(ctx.now());
  for (const t of [
    'cm_photos',
    'cm_nominations',
    'cm_commendation_rounds',
    'cm_liaisons',
    'cm_reviews',
    'cm_progress',
    'cm_opinions',
    'cm_commitments',
  ] as const)
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
  // The review calendar for the whole county (the same work as GET /api/commitments/review-calendar).
  const months = ruleValue<number>(ctx.config.rulebook, 'commitments.review.maxMonths', today);
  t0 = performance.now();
  const active = await listActive(ctx.db, root.path);
  const links = await activeLinksCovering(ctx.db, root.path, [], today);
  const secs = await secretariesOf(
    ctx.db,
    [...new Set(active.filter((a) => a.committer_kind === 'member').map((a) => a.org_id))],
    today,
  );
  const calendar = reviewCalendar(
    active.map((a) => ({
      id: a.id,
      orgId: a.org_id,
      orgPath: a.org_path,
      orgName: a.org_name,
      committerKind: a.committer_kind,
      committerName: a.committer_name,
      title: a.title,
      publishedOn: a.published_on,
      lastReviewOn: a.last_review_on,
    })),
    new Map(secs.map((x) => [x.orgId, { personId: x.personId, name: x.name }])),
    links.map((l) => ({ personId: l.person_id, name: l.person_name, orgPath: l.org_path })),
    months,
    today,
  );
  const calendarMs = performance.now() - t0;
  console.log(
    JSON.stringify({
      seedMs: Math.round(seedMs),
      reportMs: Math.round(reportMs),
      overdueListMs: Math.round(listMs),
      overdue: list.length,
      calendarMs: Math.round(calendarMs),
      calendarReviewers: calendar.length,
      liaisons: links.length,
      report,
    }),
  );
} finally {
  await opened.close();
}
