import type { Kysely } from 'kysely';
import { detectDialect, pathType, withId } from './migration-helpers.ts';

// 党费 (issue 19): bases, the monthly ledger, payments (append-only), gateway orders and
// events, 减免, 上缴 and bank figures. Money in integer fen, months 'YYYY-MM'.
export async function up(db: Kysely<any>): Promise<void> {
  const d = await detectDialect(db);
  await withId(db.schema.createTable('dues_bases'), d)
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('base_fen', 'integer')
    .addColumn('effective_month', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_by', 'integer')
    .addColumn('confirmed_at', 'text')
    .execute();
  await db.schema
    .createIndex('dues_bases_person_month')
    .on('dues_bases')
    .columns(['person_id', 'effective_month'])
    .execute();
  await db.schema.createIndex('dues_bases_path').on('dues_bases').column('org_path').execute();

  await withId(db.schema.createTable('dues_ledger'), d)
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('base_fen', 'integer')
    .addColumn('due_fen', 'integer', (c) => c.notNull())
    .addColumn('reduced_fen', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('paid_fen', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('paid_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('dues_ledger_person_month', ['person_id', 'month'])
    .execute();
  await db.schema
    .createIndex('dues_ledger_path_month')
    .on('dues_ledger')
    .columns(['org_path', 'month'])
    .execute();

  await withId(db.schema.createTable('dues_payments'), d)
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('months', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('receipt_no', 'text')
    .addColumn('order_no', 'text')
    .addColumn('ref_payment_id', 'integer')
    .addColumn('paid_on', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dues_payments_person').on('dues_payments').column('person_id').execute();
  await db.schema
    .createIndex('dues_payments_path_paid')
    .on('dues_payments')
    .columns(['org_path', 'paid_on'])
    .execute();
  // One payment per order is enforced in code (a partial unique index differs per engine).
  await db.schema.createIndex('dues_payments_order').on('dues_payments').column('order_no').execute();

  await withId(db.schema.createTable('dues_orders'), d)
    .addColumn('order_no', 'text', (c) => c.notNull().unique())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('months', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('gateway_txn', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('paid_at', 'text')
    .execute();

  await withId(db.schema.createTable('dues_gateway_events'), d)
    .addColumn('event_id', 'text', (c) => c.notNull().unique())
    .addColumn('order_no', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('signature_ok', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('dues_gateway_events_order')
    .on('dues_gateway_events')
    .column('order_no')
    .execute();

  await withId(db.schema.createTable('dues_reductions'), d)
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('from_month', 'text', (c) => c.notNull())
    .addColumn('to_month', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('monthly_fen', 'integer')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('branch_by', 'integer')
    .addColumn('branch_at', 'text')
    .addColumn('upper_by', 'integer')
    .addColumn('upper_at', 'text')
    .addColumn('note', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dues_reductions_person').on('dues_reductions').column('person_id').execute();
  await db.schema.createIndex('dues_reductions_path').on('dues_reductions').column('org_path').execute();

  await withId(db.schema.createTable('dues_remittances'), d)
    .addColumn('from_org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('from_org_path', pathType(d), (c) => c.notNull())
    .addColumn('to_org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('to_org_path', pathType(d), (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('remitted_on', 'text', (c) => c.notNull())
    .addColumn('bank_ref', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('dues_remittances_from')
    .on('dues_remittances')
    .columns(['from_org_path', 'period'])
    .execute();
  await db.schema
    .createIndex('dues_remittances_to')
    .on('dues_remittances')
    .columns(['to_org_path', 'period'])
    .execute();

  await withId(db.schema.createTable('dues_bank_figures'), d)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType(d), (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('bank_fen', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('dues_bank_figures_org_period', ['org_id', 'period'])
    .execute();
  await db.schema.createIndex('dues_bank_figures_path').on('dues_bank_figures').column('org_path').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'dues_bank_figures',
    'dues_remittances',
    'dues_reductions',
    'dues_gateway_events',
    'dues_orders',
    'dues_payments',
    'dues_ledger',
    'dues_bases',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
