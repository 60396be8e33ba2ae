// Tables of the notifications (通知, issue 17 item 3). Only src/server/modules/notifications queries them.
import type { Generated } from 'kysely';

/** One notification for one user; read_at is set when the user opens it or marks all read. */
export interface NotificationTable {
  id: Generated<number>;
  /** The recipient (users.id). */
  user_id: number;
  /** What caused it: 'meeting.scheduled', 'transfer.decided', 'development.due', 'term.due', 'digest'. */
  kind: string;
  title: string;
  body: string;
  /** The web page it leads to. */
  link: string | null;
  /** The organisation it is about. */
  org_id: number | null;
  org_path: string | null;
  /** Unique per recipient: the same event or daily finding never notifies twice. */
  dedupe_key: string;
  created_at: string;
  read_at: string | null;
}

/** One delivery of a notification over one channel (站内 now; SMS or WeChat later). */
export interface NotificationOutboxTable {
  id: Generated<number>;
  notification_id: number;
  channel: string;
  /** 'pending' | 'sent' | 'failed'. */
  status: string;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface NotificationTables {
  notifications: NotificationTable;
  notification_outbox: NotificationOutboxTable;
}
