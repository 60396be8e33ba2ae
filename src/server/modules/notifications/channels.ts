// Delivery channels of notifications (decision 0007). A notification is written once; each channel
// gets an outbox row (notification_outbox) saying whether it reached the user that way. Only the
// in-app channel is real: the notification row is the delivery, so its outbox row is marked sent
// in the notifying transaction. SMS or WeChat plug in here as channels with `inline: false`; their
// rows stay pending until drainOutbox (notifications.service.ts) calls them outside any transaction.
import type { AppContext } from '../../context.ts';

/** What a channel is given to deliver: the notification and its recipient. */
export interface OutgoingNotification {
  id: number;
  userId: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
}

export type DeliveryResult = { ok: true } | { ok: false; error: string };

export interface NotificationChannel {
  /** Stored in notification_outbox.channel. */
  id: string;
  /** Chinese name for logs and pages. */
  label: string;
  /**
   * Delivered inside the notifying transaction (a write to our own database), or later by the
   * outbox drain (a call to an outside service, which must never hold a transaction open).
   */
  inline: boolean;
  deliver(ctx: AppContext, n: OutgoingNotification): Promise<DeliveryResult>;
}

/** 站内消息: the notification row is what the bell shows, so writing it was the delivery. */
export const IN_APP_CHANNEL: NotificationChannel = {
  id: 'in_app',
  label: '站内消息',
  inline: true,
  deliver: () => Promise.resolve({ ok: true }),
};

/** The channels every notification goes out on. */
export const CHANNELS: readonly NotificationChannel[] = [IN_APP_CHANNEL];

/** Attempts before an outside channel's delivery is given up as failed. */
export const MAX_ATTEMPTS = 5;
