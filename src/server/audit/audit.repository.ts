// Append-only, hash-chained audit log. Each row's hash is HMAC-SM3 over its canonical
// content and the previous row's hash; audit_head serialises writers (its row lock on
// PostgreSQL, the single writer on SQLite). Always called inside the change's transaction:
// if the audit write fails, the change rolls back with it.
import type { Kysely, Transaction } from 'kysely';
import type { KeyRing } from '../crypto/keys.ts';
import { hmacSm3 } from '../crypto/sm.ts';
import type { AuditLogRow, DB } from '../db/schema.ts';

export type AuditResult = 'ok' | 'denied' | 'failed';

export interface AuditEntry {
  action: string;
  result: AuditResult;
  actorUserId?: number | null;
  actorUsername?: string | null;
  objectType?: string | null;
  objectId?: string | number | null;
  scopePath?: string | null;
  requestId?: string | null;
  ip?: string | null;
  detail?: Record<string, unknown>;
  at: string;
}

const SENSITIVE_KEYS = /^(password|newPassword|oldPassword|currentPassword|idNumber|id_number|phone|token|csrf)/i;

/** Masks sensitive values in before/after details; the audit log never holds secrets. */
export function sanitiseDetail(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sanitiseDetail);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SENSITIVE_KEYS.test(k) && v != null ? '***' : sanitiseDetail(v);
    return out;
  }
  return value;
}

function canonical(row: Omit<AuditLogRow, 'hash'>): string {
  return JSON.stringify([
    row.seq, row.at, row.actor_user_id, row.actor_username, row.action, row.object_type, row.object_id,
    row.scope_path, row.result, row.request_id, row.ip, row.detail, row.key_version, row.prev_hash,
  ]);
}

function rowHash(ring: KeyRing, row: Omit<AuditLogRow, 'hash'>): string {
  const keys = ring.versions.get(row.key_version);
  if (!keys) throw new Error(`audit key version ${row.key_version} is unknown`);
  return hmacSm3(keys.audit, canonical(row)).toString('hex');
}

export async function appendAudit(trx: Transaction<DB>, ring: KeyRing, entry: AuditEntry): Promise<number> {
  const head = await trx
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  const row: Omit<AuditLogRow, 'hash'> = {
    seq: Number(head.seq),
    at: entry.at,
    actor_user_id: entry.actorUserId ?? null,
    actor_username: entry.actorUsername ?? null,
    action: entry.action,
    object_type: entry.objectType ?? null,
    object_id: entry.objectId == null ? null : String(entry.objectId),
    scope_path: entry.scopePath ?? null,
    result: entry.result,
    request_id: entry.requestId ?? null,
    ip: entry.ip ?? null,
    detail: JSON.stringify(sanitiseDetail(entry.detail ?? {})),
    key_version: ring.currentVersion,
    prev_hash: head.hash,
  };
  const hash = rowHash(ring, row);
  await trx.insertInto('audit_log').values({ ...row, hash }).execute();
  await trx.updateTable('audit_head').set({ hash }).where('id', '=', 1).execute();
  return row.seq;
}

export interface VerifyReport {
  ok: boolean;
  checked: number;
  /** The first row that fails, and why. */
  firstBad?: { seq: number; reason: string };
}

export async function verifyAuditChain(
  db: Kysely<DB>,
  ring: KeyRing,
  onProgress?: (checked: number, total: number) => void,
): Promise<VerifyReport> {
  const head = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  const total = Number(head.seq);
  let expectedSeq = 1;
  let prevHash = '';
  let checked = 0;
  const batch = 5000;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(batch)
      .execute();
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq !== expectedSeq) return { ok: false, checked, firstBad: { seq: expectedSeq, reason: `第${expectedSeq}条记录缺失（被删除）` } };
      if (r.prev_hash !== prevHash) return { ok: false, checked, firstBad: { seq, reason: '与前一条记录的链接断开（记录被删除或重排）' } };
      const { hash, ...rest } = r;
      let computed: string;
      try {
        computed = rowHash(ring, { ...rest, seq, key_version: Number(r.key_version), actor_user_id: r.actor_user_id == null ? null : Number(r.actor_user_id) });
      } catch (e) {
        return { ok: false, checked, firstBad: { seq, reason: (e as Error).message } };
      }
      if (computed !== hash) return { ok: false, checked, firstBad: { seq, reason: '记录内容被篡改（哈希不符）' } };
      prevHash = hash;
      expectedSeq++;
      checked++;
    }
    onProgress?.(checked, total);
    if (rows.length < batch) break;
  }
  if (checked !== total) return { ok: false, checked, firstBad: { seq: checked + 1, reason: `链尾缺失：应有${total}条，实有${checked}条` } };
  if (head.hash !== prevHash) return { ok: false, checked, firstBad: { seq: total, reason: '链头哈希与最后一条记录不符' } };
  return { ok: true, checked };
}
