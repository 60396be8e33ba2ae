import { sql, type Kysely } from 'kysely';
import { detectDialect, pathType, withId } from './migration-helpers.ts';

// In-app notifications (issue 17 item 3) and their delivery outbox, one row per channel, so that
// SMS or WeChat can be added later without touching the events that notify.
export async function up(db: Kysely<any>): Promise<void> {
  const d = await detectDialect(db);
  await withId(db.schema.createTable('notifications'), d)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('org_id', 'integer', (c) => c.references('orgs.id'))
    .addColumn('org_path', pathType(d))
    .addColumn('dedupe_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  // A daily job that runs twice (or on two nodes) notifies once per recipient and key.
  await db.schema
    .createIndex('notifications_dedupe_key')
    .on('notifications')
    .columns(['user_id', 'dedupe_key'])
    .unique()
    .execute();
  await db.schema
    .createIndex('notifications_user_idx')
    .on('notifications')
    .columns(['user_id', 'created_at'])
    .execute();
  await sql`create index notifications_unread_idx on notifications (user_id) where read_at is null`.execute(
    db,
  );
  await withId(db.schema.createTable('notification_outbox'), d)
    .addColumn('notification_id', 'integer', (c) => c.notNull().references('notifications.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema
    .createIndex('notification_outbox_key')
    .on('notification_outbox')
    .columns(['notification_id', 'channel'])
    .unique()
    .execute();
  await db.schema
    .createIndex('notification_outbox_status_idx')
    .on('notification_outbox')
    .columns(['status', 'channel'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notification_outbox').execute();
  await db.schema.dropTable('notifications').execute();
}
