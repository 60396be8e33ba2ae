import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../src/server/audit/audit.repository.ts';
import { ephemeralKeyRing } from '../src/server/crypto/keys.ts';
import { describeEachEngine } from './db-harness.ts';

const ring = ephemeralKeyRing();

describeEachEngine('audit log', (use, engine) => {
  const write = async (n: number) => {
    const { db } = use();
    for (let i = 0; i < n; i++) {
      await db.transaction().execute((trx) =>
        appendAudit(trx, ring, { at: new Date(Date.UTC(2026, 10, 23, 0, i)).toISOString(), action: 'test.write', result: 'ok', actorUsername: 'tester', detail: { i, password: 'secret' } }),
      );
    }
  };

  /** What an intruder with raw database access would do: bypass the append-only trigger. */
  const asIntruder = async (statement: ReturnType<typeof sql>) => {
    const { db } = use();
    if (engine === 'sqlite') {
      await sql`drop trigger audit_log_no_update`.execute(db);
      await sql`drop trigger audit_log_no_delete`.execute(db);
      await statement.execute(db);
      await sql`create trigger audit_log_no_update before update on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
      await sql`create trigger audit_log_no_delete before delete on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
    } else {
      await sql`alter table audit_log disable trigger audit_log_no_update`.execute(db);
      await statement.execute(db);
      await sql`alter table audit_log enable trigger audit_log_no_update`.execute(db);
    }
  };

  it('chains rows and verifies a clean log; secrets in details are masked', async () => {
    await write(5);
    const report = await verifyAuditChain(use().db, ring);
    expect(report).toEqual({ ok: true, checked: 5 });
    const row = await use().db.selectFrom('audit_log').select('detail').where('seq', '=', 1).executeTakeFirstOrThrow();
    expect(JSON.parse(row.detail)).toEqual({ i: 0, password: '***' });
  });

  it('the application cannot update or delete audit rows', async () => {
    const { db } = use();
    await expect(db.updateTable('audit_log').set({ action: 'x' }).where('seq', '=', 1).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').where('seq', '=', 1).execute()).rejects.toThrow(/append-only/);
  });

  it('a failed audit write rolls back the change it belongs to', async () => {
    const { db } = use();
    const before = await db.selectFrom('settings').selectAll().execute();
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('settings').values({ key: 'audited-change', value: '1', updated_at: '2026-11-23T00:00:00Z' }).execute();
        // A key version the ring does not have: the audit write throws.
        await appendAudit(trx, { ...ring, currentVersion: 99 }, { at: '2026-11-23T00:00:00Z', action: 'x', result: 'ok' });
      }),
    ).rejects.toThrow();
    expect(await db.selectFrom('settings').selectAll().execute()).toEqual(before);
  });

  it('reports the first tampered row', async () => {
    await asIntruder(sql`update audit_log set actor_username = 'someone-else' where seq = 3`);
    const report = await verifyAuditChain(use().db, ring);
    expect(report.ok).toBe(false);
    expect(report.firstBad).toMatchObject({ seq: 3 });
    expect(report.firstBad!.reason).toMatch(/篡改/);
    await asIntruder(sql`update audit_log set actor_username = 'tester' where seq = 3`);
    expect((await verifyAuditChain(use().db, ring)).ok).toBe(true);
  });

  it('detects a deleted row', async () => {
    await asIntruder(sql`delete from audit_log where seq = 2`);
    const report = await verifyAuditChain(use().db, ring);
    expect(report.ok).toBe(false);
    expect(report.firstBad!.seq).toBe(2);
  });
});
