// Org-life measurements on a seeded demo database (DATABASE_URL): module seed time,
// compliance report time vs the bare SQL, similarity finder results vs seeded copies.
// Usage: DATABASE_URL=… npx tsx bench/org-life-bench.mts [--reseed]
import { openContext } from '../src/server/bootstrap.ts';
import { loadConfig } from '../src/server/config.ts';
import { seedOrgLife } from '../src/server/modules/org-life/org-life.seed.ts';
import { complianceReport, similarFindings } from '../src/server/modules/org-life/org-life.compliance.ts';
import { parsePeriod } from '../src/core/org-life/periods.ts';
import { chinaDate } from '../src/core/shared/dates.ts';
import { sql } from 'kysely';

async function main() {
  const opened = await openContext(loadConfig(), { createKeys: false });
  const { ctx } = opened;
  const today = chinaDate(ctx.now());
  if (process.argv.includes('--reseed')) {
    for (const t of ['life_compliance_counters', 'life_compliance', 'life_minutes_pairs', 'life_minutes_bands', 'life_attendance', 'life_notifications', 'life_attachments', 'life_meetings'] as const) await ctx.db.deleteFrom(t).execute();
    const t0 = performance.now();
    await seedOrgLife(ctx, { today, scale: 'county', seed: 20261126, onProgress: (_d, _t, phase) => console.log(`  ${(performance.now() - t0).toFixed(0)} ms: ${phase}`) });
    console.log(`org-life seed: ${(performance.now() - t0).toFixed(0)} ms`);
  }
  for (const t of ['life_meetings', 'life_attendance', 'life_minutes_bands', 'life_minutes_pairs', 'life_compliance', 'life_compliance_counters', 'life_notifications'] as const) {
    const r = await ctx.db.selectFrom(t).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    console.log(`${t}: ${r.n}`);
  }
  const root = await ctx.db.selectFrom('orgs').select(['code', 'path']).where('parent_id', 'is', null).executeTakeFirstOrThrow();
  const year = Number(today.slice(0, 4));
  for (const key of [String(year - 1), `${year}-Q3`, today.slice(0, 7)]) {
    const p = parsePeriod(key)!;
    const times: number[] = [];
    let report;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      report = await complianceReport(ctx, root.code, p, today);
      times.push(performance.now() - t0);
    }
    const bare: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await ctx.db.selectFrom('life_meetings').select(['org_id', 'type', sql`count(*)`.as('n')]).where('org_path', '>=', root.path).where('org_path', '<', root.path.slice(0, -1) + '0').where('held_on', '>=', p.from).where('held_on', '<', p.to).where('status', '=', 'held').groupBy(['org_id', 'type']).execute();
      bare.push(performance.now() - t0);
    }
    const med = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const byStatus = (s: string) => report!.rows.filter((r) => r.status === s).length;
    console.log(`report compliance ${root.code} ${key}: median ${med(times).toFixed(1)} ms (bare SQL ${med(bare).toFixed(1)} ms); rows ${report!.rows.length} (达标 ${byStatus('达标')}, 未达标 ${byStatus('未达标')}, 不适用 ${byStatus('不适用')}); findings ${report!.findings.length}`);
    const codes = new Map<string, number>();
    for (const f of report!.findings) codes.set(f.code, (codes.get(f.code) ?? 0) + 1);
    console.log('  findings by code', Object.fromEntries(codes));
  }
  // Similarity over the whole history vs the seeded copies.
  const seedAudit = await ctx.db.selectFrom('audit_log').select('detail').where('action', '=', 'life.seed').orderBy('seq', 'desc').executeTakeFirst();
  const seeded = new Set(((seedAudit ? JSON.parse(seedAudit.detail).seededCopies : []) as Array<[number, number]>).map(([a, b]) => (a < b ? `${a}-${b}` : `${b}-${a}`)));
  const t0 = performance.now();
  const found = await similarFindings(ctx, root.path, { key: 'all', kind: 'year', from: '2000-01-01', to: '2100-01-01' });
  const ms = performance.now() - t0;
  const pairs = new Set(found.map((f) => (f.meetingId! < f.otherMeetingId! ? `${f.meetingId}-${f.otherMeetingId}` : `${f.otherMeetingId}-${f.meetingId}`)));
  const tp = [...pairs].filter((p) => seeded.has(p)).length;
  console.log(`similarity over all years: ${pairs.size} pairs flagged in ${ms.toFixed(0)} ms; seeded copies ${seeded.size}, caught ${tp}, false positives ${pairs.size - tp}`);
  for (const f of found) console.log('  ', f.detail);
  await opened.close();
}
void main();
