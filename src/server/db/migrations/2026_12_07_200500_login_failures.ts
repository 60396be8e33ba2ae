import type { Kysely } from 'kysely';

// Failed logins for usernames that name no usable account (none, or disabled), keyed by the
// normalised username. They are counted and locked exactly as an account's, so that an unknown
// name answers like a known one and lockout does not tell which accounts exist (issue 17).
// No account is ever created for such a name.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('login_failures')
    .addColumn('username_key', 'text', (c) => c.primaryKey())
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_failures_updated_idx').on('login_failures').column('updated_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_failures').execute();
}
