// Org-life services: notifications.
import type { AppContext, RequestContext } from '../../context.ts';
import { notFound } from '../../http/errors.ts';
import * as repo from './org-life.repository.ts';

export async function myNotifications(ctx: AppContext, rc: RequestContext) {
  const personId = await repo.personOfUser(ctx.db, rc.actor!.userId);
  if (!personId) return { data: [] };
  const rows = await repo.notificationsOf(ctx.db, personId, 50);
  return {
    data: rows.map((n) => ({
      id: n.id,
      title: n.title,
      body: n.body,
      meetingId: n.meeting_id,
      createdAt: n.created_at,
      read: n.read_at !== null,
    })),
  };
}

export async function readNotification(ctx: AppContext, rc: RequestContext, id: number) {
  const personId = await repo.personOfUser(ctx.db, rc.actor!.userId);
  return ctx.db.transaction().execute(async (trx) => {
    const n = personId ? await repo.markRead(trx, personId, id, ctx.now().toISOString()) : 0;
    if (n === 0) throw notFound('通知');
    return { data: { id, read: true } };
  });
}
