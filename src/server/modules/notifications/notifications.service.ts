// Notifications (通知, issue 17 item 3): `notify` is called inside the write transaction of the
// event that causes it, so a notification exists exactly when its event committed; the signed-in
// user reads and marks their own. Delivery goes through the channels of channels.ts (decision 0007).
import type { Transaction } from 'kysely';
import { pathIds } from '../../../core/org/org.rules.ts';
import type { Notice } from '../../../core/notifications/notifications.rules.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import { denied, requireActor } from '../../authz.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { notFound } from '../../http/errors.ts';
import { CHANNELS, MAX_ATTEMPTS, type NotificationChannel } from './channels.ts';
import * as repo from './notifications.repository.ts';

export interface NotifyInput extends Notice {
  /** users.id of everyone to notify (duplicates are ignored). */
  recipients: readonly number[];
  /** The organisation the notification is about. */
  orgPath: string | null;
}

/**
 * Writes one notification per recipient unless that recipient already has one with the key, and
 * its outbox rows: inline channels (站内) deliver now and are marked sent, outside channels wait
 * for drainOutbox. Returns how many notifications were created. No audit row of its own: the
 * event's audit row (or the daily job's) stands for what it caused.
 */
export async function notify(
  ctx: AppContext,
  trx: Transaction<DB>,
  input: NotifyInput,
  channels: readonly NotificationChannel[] = CHANNELS,
): Promise<number> {
  const recipients = [...new Set(input.recipients)];
  if (recipients.length === 0) return 0;
  const now = ctx.now().toISOString();
  const orgId = input.orgPath ? (pathIds(input.orgPath).at(-1) ?? null) : null;
  const created = await repo.insertNew(
    trx,
    recipients.map((userId) => ({
      user_id: userId,
      kind: input.kind,
      title: input.title,
      body: input.body,
      link: input.link,
      org_id: orgId,
      org_path: input.orgPath,
      dedupe_key: input.dedupeKey,
      created_at: now,
    })),
  );
  const outbox: Parameters<typeof repo.insertOutbox>[1][number][] = [];
  for (const n of created)
    for (const ch of channels) {
      if (!ch.inline) {
        outbox.push({
          notification_id: n.id,
          channel: ch.id,
          status: 'pending',
          attempts: 0,
          last_error: null,
          created_at: now,
          sent_at: null,
        });
        continue;
      }
      const r = await ch.deliver(ctx, {
        id: n.id,
        userId: n.user_id,
        kind: input.kind,
        title: input.title,
        body: input.body,
        link: input.link,
      });
      outbox.push({
        notification_id: n.id,
        channel: ch.id,
        status: r.ok ? 'sent' : 'failed',
        attempts: 1,
        last_error: r.ok ? null : r.error.slice(0, 500),
        created_at: now,
        sent_at: r.ok ? now : null,
      });
    }
  await repo.insertOutbox(trx, outbox);
  return created.length;
}

/** Notifies the accounts of these persons (a member's account links to their person). */
export async function notifyPersons(
  ctx: AppContext,
  trx: Transaction<DB>,
  personIds: readonly number[],
  notice: Notice,
  orgPath: string | null,
): Promise<number> {
  return notify(ctx, trx, { ...notice, recipients: await repo.usersOfPersons(trx, personIds), orgPath });
}

/**
 * Delivers the pending outbox rows of outside channels, each in its own short transaction after
 * the call (never holding one open across it); a failure is retried up to MAX_ATTEMPTS times.
 */
export async function drainOutbox(
  ctx: AppContext,
  channels: readonly NotificationChannel[] = CHANNELS,
  limit = 500,
): Promise<{ sent: number; failed: number; retrying: number }> {
  const byId = new Map(channels.filter((c) => !c.inline).map((c) => [c.id, c]));
  const out = { sent: 0, failed: 0, retrying: 0 };
  for (const row of await repo.pendingOutbox(ctx.db, [...byId.keys()], limit)) {
    const ch = byId.get(row.channel)!;
    let r: Awaited<ReturnType<NotificationChannel['deliver']>>;
    try {
      r = await ch.deliver(ctx, {
        id: Number(row.notification_id),
        userId: Number(row.user_id),
        kind: row.kind,
        title: row.title,
        body: row.body,
        link: row.link,
      });
    } catch (e) {
      r = { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
    const attempts = Number(row.attempts) + 1;
    const status = r.ok ? 'sent' : attempts >= MAX_ATTEMPTS ? 'failed' : 'pending';
    out[r.ok ? 'sent' : status === 'failed' ? 'failed' : 'retrying'] += 1;
    await ctx.db.transaction().execute((trx) =>
      repo.settleOutbox(trx, Number(row.id), {
        status,
        attempts,
        last_error: r.ok ? null : r.error.slice(0, 500),
        sent_at: r.ok ? ctx.now().toISOString() : null,
      }),
    );
  }
  return out;
}

function present(n: Awaited<ReturnType<typeof repo.listOf>>[number]) {
  return {
    id: Number(n.id),
    kind: n.kind,
    title: n.title,
    body: n.body,
    link: n.link,
    createdAt: n.created_at,
    readAt: n.read_at,
  };
}

/** The caller's own notifications, newest first, with the unread count. */
export async function listMine(ctx: AppContext, rc: RequestContext, q: { limit: number; offset: number }) {
  const actor = requireActor(rc);
  const [rows, counts] = await Promise.all([
    repo.listOf(ctx.db, actor.userId, q.limit, q.offset),
    repo.countsOf(ctx.db, actor.userId),
  ]);
  return {
    data: rows.map(present),
    unread: counts.unread,
    total: counts.total,
    limit: q.limit,
    offset: q.offset,
  };
}

function auditBase(ctx: AppContext, rc: RequestContext) {
  const a = requireActor(rc);
  return {
    at: ctx.now().toISOString(),
    result: 'ok' as const,
    actorUserId: a.userId,
    actorUsername: a.username,
    requestId: rc.meta.requestId,
    ip: rc.meta.ip,
  };
}

/**
 * Marks one of the caller's notifications read. Someone else's answers 404 like a missing one (so
 * ids reveal nothing) and is audited as a denial.
 */
export async function readOne(ctx: AppContext, rc: RequestContext, id: number) {
  const actor = requireActor(rc);
  const n = await repo.findNotification(ctx.db, id);
  if (!n) throw notFound('通知');
  if (Number(n.user_id) !== actor.userId) {
    await denied(ctx, rc, 'notification', id, 'not-own-notification');
    throw notFound('通知');
  }
  return ctx.db.transaction().execute(async (trx) => {
    const at = ctx.now().toISOString();
    if ((await repo.markRead(trx, id, actor.userId, at)) > 0)
      await appendAudit(trx, ctx.ring, {
        ...auditBase(ctx, rc),
        action: 'notification.read',
        objectType: 'notification',
        objectId: id,
        scopePath: n.org_path,
        detail: { kind: n.kind },
      });
    const row = (await repo.findNotification(trx, id))!;
    return { data: present(row), unread: (await repo.countsOf(trx, actor.userId)).unread };
  });
}

/** 全部已读: every unread notification of the caller. */
export async function readAll(ctx: AppContext, rc: RequestContext) {
  const actor = requireActor(rc);
  return ctx.db.transaction().execute(async (trx) => {
    const n = await repo.markAllRead(trx, actor.userId, ctx.now().toISOString());
    if (n > 0)
      await appendAudit(trx, ctx.ring, {
        ...auditBase(ctx, rc),
        action: 'notification.read_all',
        objectType: 'notification',
        objectId: null,
        detail: { count: n },
      });
    return { data: { marked: n }, unread: 0 };
  });
}
