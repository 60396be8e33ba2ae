// The daily digest: one message per person with every unread, undigested notification,
// instead of a message per meeting. Delivery goes through the Notifier adapter.
import { chinaDate } from '../../../core/shared/dates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import type { AppContext } from '../../context.ts';
import type { Notifier } from './org-life.adapters.ts';
import * as repo from './org-life.repository.ts';

export async function sendDailyDigest(ctx: AppContext, notifier: Notifier): Promise<{ people: number; notifications: number }> {
  const now = ctx.now().toISOString();
  const rows = await repo.undigested(ctx.db, now);
  const byPerson = new Map<number, { username: string | null; ids: number[]; lines: string[] }>();
  for (const r of rows) {
    let p = byPerson.get(r.person_id);
    if (!p) byPerson.set(r.person_id, (p = { username: r.username, ids: [], lines: [] }));
    if (!p.ids.includes(r.id)) {
      p.ids.push(r.id);
      p.lines.push(r.title);
    }
  }
  for (const [personId, p] of byPerson) await notifier.sendDigest({ personId, username: p.username }, p.lines);
  const ids = [...byPerson.values()].flatMap((p) => p.ids);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.markDigested(trx, ids, chinaDate(ctx.now()));
    await appendAudit(trx, ctx.ring, { at: now, action: 'life.notification.digest', result: 'ok', actorUsername: 'system', objectType: 'life_notification', detail: { people: byPerson.size, notifications: ids.length } });
  });
  return { people: byPerson.size, notifications: ids.length };
}
