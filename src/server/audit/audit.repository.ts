// Append-only, hash-chained audit log. Each row's hash is HMAC-SM3 over its canonical
// content and the previous row's hash; audit_head serialises writers (its row lock on
// PostgreSQL, the single writer on SQLite). Always called inside the change's transaction:
// if the audit write fails, the change rolls back with it.
import type { Kysely, Transaction } from 'kysely';
import type { KeyRing } from '../crypto/keys.ts';
import { hmacSm3 } from '../crypto/sm.ts';
import type { AuditLogRow, DB } from '../db/schema.ts';
import type { AuditAnchor } from './audit-anchor.ts';

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

const SENSITIVE_KEYS =
  /^(password|newPassword|oldPassword|currentPassword|idNumber|id_number|phone|token|csrf)/i;

/** Masks sensitive values in before/after details; the audit log never holds secrets. */
export function sanitiseDetail(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sanitiseDetail);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      out[k] = SENSITIVE_KEYS.test(k) && v != null ? '***' : sanitiseDetail(v);
    return out;
  }
  return value;
}

// Node ≥ 20 has String.prototype.toWellFormed (ES2024; our TypeScript lib is ES2023).
const toWellFormed = (String.prototype as unknown as { toWellFormed?: (this: string) => string })
  .toWellFormed;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The text exactly as both engines store it: lone surrogates (which SQLite keeps as ill-formed
 * bytes and PostgreSQL's driver turns into U+FFFD) and NUL (which PostgreSQL rejects) become
 * U+FFFD. Applied before hashing AND inserting, so the hash covers what is stored.
 */
export function storableText(value: string): string {
  const wellFormed = toWellFormed ? toWellFormed.call(value) : value.replace(LONE_SURROGATE, '\uFFFD');
  return wellFormed.includes('\0') ? wellFormed.replaceAll('\0', '\uFFFD') : wellFormed;
}

function storableDetail(value: unknown): unknown {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) return value.map(storableDetail);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[storableText(k)] = storableDetail(v);
    return out;
  }
  return value;
}

const nullableText = (value: string | null | undefined): string | null =>
  value == null ? null : storableText(value);

function canonical(row: Omit<AuditLogRow, 'hash'>): string {
  return JSON.stringify([
    row.seq,
    row.at,
    row.actor_user_id,
    row.actor_username,
    row.action,
    row.object_type,
    row.object_id,
    row.scope_path,
    row.result,
    row.request_id,
    row.ip,
    row.detail,
    row.key_version,
    row.prev_hash,
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
    at: storableText(entry.at),
    actor_user_id: entry.actorUserId ?? null,
    actor_username: nullableText(entry.actorUsername),
    action: storableText(entry.action),
    object_type: nullableText(entry.objectType),
    object_id: entry.objectId == null ? null : storableText(String(entry.objectId)),
    scope_path: nullableText(entry.scopePath),
    result: storableText(entry.result),
    request_id: nullableText(entry.requestId),
    ip: nullableText(entry.ip),
    detail: JSON.stringify(storableDetail(sanitiseDetail(entry.detail ?? {}))),
    key_version: ring.currentVersion,
    prev_hash: head.hash,
  };
  const hash = rowHash(ring, row);
  await trx
    .insertInto('audit_log')
    .values({ ...row, hash })
    .execute();
  await trx.updateTable('audit_head').set({ hash }).where('id', '=', 1).execute();
  return row.seq;
}

export interface VerifyReport {
  ok: boolean;
  checked: number;
  /** The first row that fails, and why. */
  firstBad?: { seq: number; reason: string };
  /** With anchors: the latest external checkpoint that applies to this chain (null: none). */
  anchor?: { seq: number; at: string; kind: string; by: string } | null;
  /** With anchors: how many external checkpoints were compared with the chain. */
  anchorsChecked?: number;
}

/**
 * The checkpoints that bind this chain: those of the same chain (same first row), from the last
 * `reset` (a restore legitimately rewinds the chain) on. An empty chain is bound by every one.
 */
export function applicableAnchors(anchors: readonly AuditAnchor[], genesis: string | null): AuditAnchor[] {
  if (genesis === null) return anchors.filter((a) => a.seq > 0);
  const same = anchors.filter((a) => a.genesis === genesis);
  let from = 0;
  same.forEach((a, i) => {
    if (a.kind === 'reset') from = i;
  });
  return same.slice(from);
}

/**
 * Verifies the chain row by row; with `anchors` (MAC-checked checkpoints from the anchor file,
 * audit-anchor.ts) also that no anchored row was cut off the tail or rewritten.
 */
export async function verifyAuditChain(
  db: Kysely<DB>,
  ring: KeyRing,
  onProgress?: (checked: number, total: number) => void,
  options: { anchors?: readonly AuditAnchor[] } = {},
): Promise<VerifyReport> {
  const head = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  const total = Number(head.seq);
  let applicable: AuditAnchor[] = [];
  const due = new Map<number, AuditAnchor[]>();
  if (options.anchors) {
    const first = await db.selectFrom('audit_log').select('hash').where('seq', '=', 1).executeTakeFirst();
    applicable = applicableAnchors(options.anchors, first?.hash ?? null);
    for (const a of applicable) due.set(a.seq, [...(due.get(a.seq) ?? []), a]);
  }
  const latest = applicable.at(-1);
  const finish = (report: VerifyReport): VerifyReport =>
    options.anchors
      ? {
          ...report,
          anchor: latest ? { seq: latest.seq, at: latest.at, kind: latest.kind, by: latest.by } : null,
          anchorsChecked: applicable.length,
        }
      : report;
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
      if (seq !== expectedSeq)
        return finish({
          ok: false,
          checked,
          firstBad: { seq: expectedSeq, reason: `第${expectedSeq}条记录缺失（被删除）` },
        });
      if (r.prev_hash !== prevHash)
        return finish({
          ok: false,
          checked,
          firstBad: { seq, reason: '与前一条记录的链接断开（记录被删除或重排）' },
        });
      const { hash, ...rest } = r;
      let computed: string;
      try {
        computed = rowHash(ring, {
          ...rest,
          seq,
          key_version: Number(r.key_version),
          actor_user_id: r.actor_user_id == null ? null : Number(r.actor_user_id),
        });
      } catch (e) {
        return finish({ ok: false, checked, firstBad: { seq, reason: (e as Error).message } });
      }
      if (computed !== hash)
        return finish({ ok: false, checked, firstBad: { seq, reason: '记录内容被篡改（哈希不符）' } });
      const anchored = due.get(seq)?.find((a) => a.hash !== hash);
      if (anchored)
        return finish({
          ok: false,
          checked,
          firstBad: { seq, reason: `与外部审计锚点（${anchored.at}）不符：该条及之前的日志被改写或替换` },
        });
      prevHash = hash;
      expectedSeq++;
      checked++;
    }
    onProgress?.(checked, total);
    if (rows.length < batch) break;
  }
  if (checked !== total)
    return finish({
      ok: false,
      checked,
      firstBad: { seq: checked + 1, reason: `链尾缺失：应有${total}条，实有${checked}条` },
    });
  if (head.hash !== prevHash)
    return finish({ ok: false, checked, firstBad: { seq: total, reason: '链头哈希与最后一条记录不符' } });
  const beyond = applicable.reduce<AuditAnchor | undefined>(
    (max, a) => (a.seq > checked && (!max || a.seq > max.seq) ? a : max),
    undefined,
  );
  if (beyond) {
    return finish({
      ok: false,
      checked,
      firstBad: {
        seq: checked + 1,
        reason: `链尾被截断：外部审计锚点（${beyond.at}）已记录至第${beyond.seq}条，数据库仅有${checked}条`,
      },
    });
  }
  return finish({ ok: true, checked });
}
