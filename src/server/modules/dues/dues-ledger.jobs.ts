// The monthly 党费台账 job: run daily and idempotent, so the month opens on its first day and
// members admitted, transferred or given a new base during the month follow the same day.
import type { AppContext, RequestContext } from '../../context.ts';
import { generateLedgerFor } from './dues-ledger.service.ts';
import { todayOf } from './dues-common.ts';

export async function generateCurrentMonth(
  ctx: AppContext,
  rc: RequestContext,
): Promise<{ month: string; created: number; updated: number; withoutBase: number }> {
  const month = todayOf(ctx).slice(0, 7);
  const roots = await ctx.db
    .selectFrom('orgs')
    .select(['id', 'path'])
    .where('parent_id', 'is', null)
    .execute();
  const out = { month, created: 0, updated: 0, withoutBase: 0 };
  for (const root of roots) {
    const r = await generateLedgerFor(ctx, rc, root, month);
    out.created += r.created;
    out.updated += r.updated;
    out.withoutBase += r.withoutBase.length;
  }
  return out;
}
