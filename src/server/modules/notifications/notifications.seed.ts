// Demo seed (runs after the alerts): the demo's events notify as they would have live — the
// scheduled meetings still to come notify their attendees' accounts — then the daily jobs run
// once, so every demo login opens to a bell with something in it.
import { meetingScheduledNotice } from '../../../core/notifications/notifications.rules.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import type { AppContext } from '../../context.ts';
import type { ModuleSeedInput } from '../../seed/module-seed.ts';
import { notifyDevelopmentDeadlines, notifyTermsDue, sendDailyDigests } from './notifications.jobs.ts';
import { notifyAttendees } from './notifications.hooks.ts';

export async function seedNotifications(ctx: AppContext, input: ModuleSeedInput): Promise<void> {
  // Only attendees with an account can be notified: start from the accounts (a few dozen).
  const rows = await ctx.db
    .selectFrom('users as u')
    .innerJoin('life_attendance as a', 'a.person_id', 'u.person_id')
    .innerJoin('life_meetings as m', 'm.id', 'a.meeting_id')
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select([
      'a.person_id',
      'm.id',
      'm.title',
      'm.type',
      'm.held_on',
      'm.start_time',
      'm.place',
      'o.name as org_name',
      'o.path as org_path',
    ])
    .where('m.status', '=', 'scheduled')
    .where('m.held_on', '>=', input.today)
    .where('u.disabled', '=', 0)
    .orderBy('m.held_on')
    .orderBy('m.id')
    .execute();
  await ctx.db.transaction().execute(async (trx) => {
    let created = 0;
    for (const r of rows) {
      const notice = meetingScheduledNotice({
        id: Number(r.id),
        title: r.title,
        type: r.type,
        orgName: r.org_name,
        heldOn: r.held_on,
        startTime: r.start_time,
        place: r.place,
      });
      created += await notifyAttendees(ctx, trx, notice, [Number(r.person_id)], r.org_path);
    }
    await appendAudit(trx, ctx.ring, {
      at: ctx.now().toISOString(),
      action: 'notification.job',
      result: 'ok',
      actorUsername: 'system',
      objectType: 'notification',
      detail: { job: 'seed.meetings', found: rows.length, created },
    });
  });
  await notifyDevelopmentDeadlines(ctx);
  await notifyTermsDue(ctx);
  await sendDailyDigests(ctx);
}
