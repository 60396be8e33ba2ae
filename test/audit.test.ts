import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { anchorOfHead, appendAnchor, readAnchors } from '../src/server/audit/audit-anchor.ts';
import { appendAudit, storableText, verifyAuditChain } from '../src/server/audit/audit.repository.ts';
import { ephemeralKeyRing } from '../src/server/crypto/keys.ts';
import type { DB } from '../src/server/db/schema.ts';
import { describeEachEngine } from './db-harness.ts';

const ring = ephemeralKeyRing();

describeEachEngine('audit log', (use, engine) => {
  const write = async (n: number) => {
    const { db } = use();
    for (let i = 0; i < n; i++) {
      await db.transaction().execute((trx) =>
        appendAudit(trx, ring, {
          at: new Date(Date.UTC(2026, 10, 23, 0, i)).toISOString(),
          action: 'test.write',
          result: 'ok',
          actorUsername: 'tester',
          detail: { i, password: 'secret' },
        }),
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
      await sql`create trigger audit_log_no_update before update on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(
        db,
      );
      await sql`create trigger audit_log_no_delete before delete on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(
        db,
      );
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
    const row = await use()
      .db.selectFrom('audit_log')
      .select('detail')
      .where('seq', '=', 1)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.detail)).toEqual({ i: 0, password: '***' });
  });

  it('the application cannot update or delete audit rows', async () => {
    const { db } = use();
    await expect(
      db.updateTable('audit_log').set({ action: 'x' }).where('seq', '=', 1).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').where('seq', '=', 1).execute()).rejects.toThrow(/append-only/);
  });

  it('a failed audit write rolls back the change it belongs to', async () => {
    const { db } = use();
    const before = await db.selectFrom('settings').selectAll().execute();
    await expect(
      db.transaction().execute(async (trx) => {
        await trx
          .insertInto('settings')
          .values({ key: 'audited-change', value: '1', updated_at: '2026-11-23T00:00:00Z' })
          .execute();
        // A key version the ring does not have: the audit write throws.
        await appendAudit(
          trx,
          { ...ring, currentVersion: 99 },
          { at: '2026-11-23T00:00:00Z', action: 'x', result: 'ok' },
        );
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

/** Raw SQL as an intruder with database access (no keys) would run it, past the append-only trigger. */
async function intrude(
  db: Kysely<DB>,
  engine: string,
  statements: Array<ReturnType<typeof sql>>,
): Promise<void> {
  if (engine === 'sqlite') {
    await sql`drop trigger audit_log_no_update`.execute(db);
    await sql`drop trigger audit_log_no_delete`.execute(db);
  } else await sql`alter table audit_log disable trigger audit_log_no_update`.execute(db);
  for (const s of statements) await s.execute(db);
  if (engine === 'sqlite') {
    await sql`create trigger audit_log_no_update before update on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(
      db,
    );
    await sql`create trigger audit_log_no_delete before delete on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(
      db,
    );
  } else await sql`alter table audit_log enable trigger audit_log_no_update`.execute(db);
}

describeEachEngine('audit log: stored text and external anchors', (use, engine) => {
  const dir = mkdtempSync(join(tmpdir(), 'dangjian-anchor-'));
  const anchorFile = join(dir, 'audit-anchors.jsonl');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const at = (i: number) => new Date(Date.UTC(2026, 11, 1, 0, i)).toISOString();
  const write = async (from: number, n: number) => {
    for (let i = from; i < from + n; i++) {
      await use()
        .db.transaction()
        .execute((trx) =>
          appendAudit(trx, ring, {
            at: at(i),
            action: 'test.write',
            result: 'ok',
            actorUsername: 'tester',
            detail: { i },
          }),
        );
    }
  };

  it('hashes exactly what is stored: lone surrogates and NUL in any field verify afterwards', async () => {
    const { db } = use();
    await db.transaction().execute((trx) =>
      appendAudit(trx, ring, {
        at: at(0),
        action: 'auth.login',
        result: 'denied',
        actorUsername: 'a\ud800b\u0000c',
        objectType: 'user',
        objectId: 'x\udc00',
        ip: '127.0.0.1\u0000',
        detail: { username: 'a\ud800b', note: 'n\u0000m', ['k\udbff']: ['\udfff'] },
      }),
    );
    const row = await db.selectFrom('audit_log').selectAll().where('seq', '=', 1).executeTakeFirstOrThrow();
    expect(row.actor_username).toBe('a\uFFFDb\uFFFDc');
    expect(row.object_id).toBe('x\uFFFD');
    expect(JSON.parse(row.detail)).toEqual({
      username: 'a\uFFFDb',
      note: 'n\uFFFDm',
      ['k\uFFFD']: ['\uFFFD'],
    });
    expect(storableText('ok \ud83d\ude00')).toBe('ok \ud83d\ude00'); // a well-formed pair is kept
    expect(await verifyAuditChain(db, ring)).toEqual({ ok: true, checked: 1 });
  });

  it('a signed anchor outside the database exposes a cut-off tail that the chain alone accepts', async () => {
    const { db } = use();
    await write(1, 9); // rows 2..10
    appendAnchor(anchorFile, await anchorOfHead(db, ring, { by: 'test', at: at(10) }));
    const anchors = readAnchors(anchorFile, ring);
    expect(anchors).toMatchObject({ exists: true, invalid: 0 });
    expect(await verifyAuditChain(db, ring, undefined, { anchors: anchors.valid })).toMatchObject({
      ok: true,
      checked: 10,
      anchor: { seq: 10 },
      anchorsChecked: 1,
    });

    // Cut rows 8..10 and point the head at row 7.
    await intrude(db, engine, [
      sql`delete from audit_log where seq > 7`,
      sql`update audit_head set seq = 7, hash = (select hash from audit_log where seq = 7) where id = 1`,
    ]);
    expect(await verifyAuditChain(db, ring)).toEqual({ ok: true, checked: 7 }); // the defect without anchors
    const report = await verifyAuditChain(db, ring, undefined, {
      anchors: readAnchors(anchorFile, ring).valid,
    });
    expect(report.ok).toBe(false);
    expect(report.firstBad).toMatchObject({ seq: 8 });
    expect(report.firstBad!.reason).toMatch(/截断.*第10条/);
  });

  it('ignores forged or foreign anchor lines; a reset (restore) supersedes earlier anchors', async () => {
    const { db } = use();
    const forged = { ...(await anchorOfHead(db, ring, { by: 'forger', at: at(11) })), seq: 99 };
    appendAnchor(anchorFile, forged); // the MAC no longer matches
    appendAnchor(
      anchorFile,
      await anchorOfHead(db, ephemeralKeyRing(), { by: 'other deployment', at: at(11) }),
    );
    const read = readAnchors(anchorFile, ring);
    expect(read.invalid).toBe(2);
    expect(read.valid).toHaveLength(1);
    // The chain as it now is (rows 1..7, e.g. restored from a backup) is declared the new start.
    appendAnchor(anchorFile, await anchorOfHead(db, ring, { kind: 'reset', by: 'restore', at: at(12) }));
    await write(20, 2);
    const report = await verifyAuditChain(db, ring, undefined, {
      anchors: readAnchors(anchorFile, ring).valid,
    });
    expect(report).toMatchObject({
      ok: true,
      checked: 9,
      anchor: { seq: 7, kind: 'reset' },
      anchorsChecked: 1,
    });
  });

  it('an emptied chain is caught by any anchor of this deployment', async () => {
    const { db } = use();
    await intrude(db, engine, [
      sql`delete from audit_log`,
      sql`update audit_head set seq = 0, hash = '' where id = 1`,
    ]);
    const report = await verifyAuditChain(db, ring, undefined, {
      anchors: readAnchors(anchorFile, ring).valid,
    });
    expect(report).toMatchObject({ ok: false, checked: 0, firstBad: { seq: 1 } });
  });
});
