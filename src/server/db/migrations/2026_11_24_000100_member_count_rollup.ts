import { sql, type Kysely } from 'kysely';
import { detectDialect } from './migration-helpers.ts';

// Subtree member counts without scanning the subtree's memberships (docs/performance.md
// finding 2, docs/decisions/0005): per organisation and category, the number of OPEN
// memberships (valid_to is null), kept by database triggers on both engines, so every module
// that writes memberships (roster import, transfers, development, org-system) keeps it exact
// without calling anyone. "Members on day D" = open − open starting after D + closed ones
// still running on D; the two corrections are read through the partial indexes below and are
// small for D near today (future-dated starts and scheduled ends).
export async function up(db: Kysely<any>): Promise<void> {
  const d = await detectDialect(db);
  await db.schema
    .createTable('org_member_counts')
    .addColumn('org_id', 'integer', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('members', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('org_member_counts_pk', ['org_id', 'category'])
    .execute();
  await db.schema
    .createIndex('memberships_open_from_idx')
    .on('memberships')
    .column('valid_from')
    .where(sql.ref('valid_to'), 'is', null)
    .execute();
  await db.schema
    .createIndex('memberships_closing_idx')
    .on('memberships')
    .columns(['valid_to', 'valid_from'])
    .where(sql.ref('valid_to'), 'is not', null)
    .execute();

  if (d === 'sqlite') {
    await sql`create trigger memberships_counts_insert after insert on memberships when new.valid_to is null
      begin
        insert into org_member_counts (org_id, category, members) values (new.org_id, new.category, 1)
          on conflict (org_id, category) do update set members = members + 1;
      end`.execute(db);
    await sql`create trigger memberships_counts_delete after delete on memberships when old.valid_to is null
      begin
        update org_member_counts set members = members - 1 where org_id = old.org_id and category = old.category;
      end`.execute(db);
    await sql`create trigger memberships_counts_update after update of org_id, category, valid_to on memberships
      begin
        update org_member_counts set members = members - 1
          where old.valid_to is null and org_id = old.org_id and category = old.category;
        insert into org_member_counts (org_id, category, members) select new.org_id, new.category, 1 where new.valid_to is null
          on conflict (org_id, category) do update set members = members + 1;
      end`.execute(db);
  } else {
    // Statement-level triggers with transition tables: a 100,000-row import costs two grouped
    // upserts, not 100,000. Rows are upserted in key order so concurrent writers do not deadlock.
    await sql`create function org_member_counts_apply() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') then
          insert into org_member_counts (org_id, category, members)
            select org_id, category, -count(*) from old_rows where valid_to is null group by org_id, category order by org_id, category
            on conflict (org_id, category) do update set members = org_member_counts.members + excluded.members;
        end if;
        if tg_op in ('UPDATE', 'INSERT') then
          insert into org_member_counts (org_id, category, members)
            select org_id, category, count(*) from new_rows where valid_to is null group by org_id, category order by org_id, category
            on conflict (org_id, category) do update set members = org_member_counts.members + excluded.members;
        end if;
        return null;
      end $$`.execute(db);
    await sql`create trigger memberships_counts_insert after insert on memberships
      referencing new table as new_rows for each statement execute function org_member_counts_apply()`.execute(
      db,
    );
    await sql`create trigger memberships_counts_update after update on memberships
      referencing old table as old_rows new table as new_rows for each statement execute function org_member_counts_apply()`.execute(
      db,
    );
    await sql`create trigger memberships_counts_delete after delete on memberships
      referencing old table as old_rows for each statement execute function org_member_counts_apply()`.execute(
      db,
    );
    await sql`create function org_member_counts_clear() returns trigger language plpgsql as $$
      begin delete from org_member_counts; return null; end $$`.execute(db);
    await sql`create trigger memberships_counts_truncate after truncate on memberships
      for each statement execute function org_member_counts_clear()`.execute(db);
  }

  await sql`insert into org_member_counts (org_id, category, members)
    select org_id, category, count(*) from memberships where valid_to is null group by org_id, category`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  const d = await detectDialect(db);
  for (const t of ['insert', 'update', 'delete', 'truncate']) {
    if (t === 'truncate' && d === 'sqlite') continue;
    await sql
      .raw(`drop trigger if exists memberships_counts_${t}${d === 'postgres' ? ' on memberships' : ''}`)
      .execute(db);
  }
  if (d === 'postgres') {
    await sql`drop function if exists org_member_counts_apply()`.execute(db);
    await sql`drop function if exists org_member_counts_clear()`.execute(db);
  }
  await db.schema.dropIndex('memberships_open_from_idx').execute();
  await db.schema.dropIndex('memberships_closing_idx').execute();
  await db.schema.dropTable('org_member_counts').execute();
}
