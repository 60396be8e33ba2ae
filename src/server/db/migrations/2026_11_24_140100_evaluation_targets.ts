import type { Kysely } from 'kysely';
import { detectDialect, pathType, withId } from './migration-helpers.ts';

// Evaluation module (issue 7), second step: 党员目标管理 (target letters and half-yearly
// assessments), 失联登记 and the human decisions on 不合格党员处置 proposals.
export async function up(db: Kysely<any>): Promise<void> {
  const d = await detectDialect(db);
  const path = pathType(d);

  await withId(db.schema.createTable('target_letters'), d)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', path, (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('target_letters_person_year', ['person_id', 'year'])
    .execute();
  await db.schema
    .createIndex('target_letters_path')
    .on('target_letters')
    .columns(['org_path', 'year'])
    .execute();

  await withId(db.schema.createTable('target_assessments'), d)
    .addColumn('letter_id', 'integer', (c) => c.notNull().references('target_letters.id'))
    .addColumn('org_path', path, (c) => c.notNull())
    .addColumn('half', 'text', (c) => c.notNull())
    .addColumn('self_score', 'integer')
    .addColumn('self_note', 'text')
    .addColumn('self_at', 'text')
    .addColumn('peer_score', 'integer')
    .addColumn('org_score', 'integer')
    .addColumn('org_note', 'text')
    .addColumn('score_x10', 'integer')
    .addColumn('grade', 'text')
    .addColumn('assessed_at', 'text')
    .addColumn('assessed_by', 'integer')
    .addUniqueConstraint('target_assessments_letter_half', ['letter_id', 'half'])
    .execute();
  await db.schema
    .createIndex('target_assessments_path')
    .on('target_assessments')
    .column('org_path')
    .execute();

  await withId(db.schema.createTable('member_lost_contacts'), d)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', path, (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('since', 'text', (c) => c.notNull())
    .addColumn('searches', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('found_on', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('member_lost_contacts_path')
    .on('member_lost_contacts')
    .columns(['org_path', 'status'])
    .execute();

  await withId(db.schema.createTable('member_proposal_decisions'), d)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', path, (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('proposal', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('member_proposal_decisions_path')
    .on('member_proposal_decisions')
    .columns(['org_path', 'person_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
