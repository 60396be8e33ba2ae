// External anchors of the audit chain. The chain proves that no row inside it was changed, but
// not that its tail is complete: someone with database access can delete the last rows and point
// audit_head at the new last row. Signed checkpoints (seq, hash, time) appended to a JSON-lines
// file kept outside the database bind the chain: `audit verify` refuses a chain that ends before
// an anchored seq or whose anchored row has another hash. The MAC (HMAC-SM3, a key derived from
// the audit-chain key of the key ring) means a checkpoint cannot be forged without the keys.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import type { AppConfig } from '../config.ts';
import type { KeyRing } from '../crypto/keys.ts';
import { constantTimeEqual, deriveKey, hmacSm3 } from '../crypto/sm.ts';
import type { DB } from '../db/schema.ts';
import { appendAudit } from './audit.repository.ts';

/** `checkpoint`: the chain reached (seq, hash). `reset`: a restore rewound the chain to (seq, hash). */
export type AnchorKind = 'checkpoint' | 'reset';

export interface AuditAnchor {
  v: 1;
  kind: AnchorKind;
  seq: number;
  hash: string;
  /** Hash of row 1: which chain this is (a replaced database is another chain). '' when empty. */
  genesis: string;
  at: string;
  keyVersion: number;
  /** Who wrote it: server, cli, backup, restore. */
  by: string;
  mac: string;
}

export const ANCHOR_FILE_NAME = 'audit-anchors.jsonl';

/** DANGJIAN_AUDIT_ANCHOR_FILE, or audit-anchors.jsonl beside the key file (beside the SQLite file by default). */
export function anchorFilePath(
  config: Pick<AppConfig, 'keyFile'>,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const configured = env.DANGJIAN_AUDIT_ANCHOR_FILE?.trim();
  return configured ? resolve(configured) : join(dirname(config.keyFile), ANCHOR_FILE_NAME);
}

/** How often the server anchors: DANGJIAN_AUDIT_ANCHOR_MINUTES (default 5). */
export function anchorIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  const minutes = Number(env.DANGJIAN_AUDIT_ANCHOR_MINUTES ?? 5);
  return Math.max(1000, (Number.isFinite(minutes) && minutes > 0 ? minutes : 5) * 60_000);
}

function anchorKey(ring: KeyRing, version: number): Buffer | null {
  const keys = ring.versions.get(version);
  return keys ? deriveKey(keys.audit, 'dangjian audit anchor', 32) : null;
}

function macInput(a: Omit<AuditAnchor, 'mac'>): string {
  return JSON.stringify([a.v, a.kind, a.seq, a.hash, a.genesis, a.at, a.keyVersion, a.by]);
}

/** The signed checkpoint of the chain's current head. */
export async function anchorOfHead(
  db: Kysely<DB>,
  ring: KeyRing,
  options: { kind?: AnchorKind; by: string; at: string },
): Promise<AuditAnchor> {
  const head = await db
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  const first = await db.selectFrom('audit_log').select('hash').where('seq', '=', 1).executeTakeFirst();
  return signAnchor(ring, {
    kind: options.kind ?? 'checkpoint',
    seq: Number(head.seq),
    hash: head.hash,
    genesis: first?.hash ?? '',
    at: options.at,
    by: options.by,
  });
}

export function signAnchor(
  ring: KeyRing,
  fields: Omit<AuditAnchor, 'v' | 'mac' | 'keyVersion'>,
): AuditAnchor {
  const unsigned = { v: 1 as const, ...fields, keyVersion: ring.currentVersion };
  return {
    ...unsigned,
    mac: hmacSm3(anchorKey(ring, ring.currentVersion)!, macInput(unsigned)).toString('hex'),
  };
}

/** Appends one checkpoint as a line, fsynced; the file is created with mode 0600. */
export function appendAnchor(file: string, anchor: AuditAnchor): void {
  mkdirSync(dirname(file), { recursive: true });
  const fd = openSync(file, 'a', 0o600);
  try {
    writeSync(fd, JSON.stringify(anchor) + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export interface AnchorFile {
  file: string;
  exists: boolean;
  /** Checkpoints whose MAC verifies with this key ring, in file order. */
  valid: AuditAnchor[];
  /** Lines that do not parse or whose MAC does not verify (another deployment, a torn write, forgery). */
  invalid: number;
}

export function readAnchors(file: string, ring: KeyRing): AnchorFile {
  if (!existsSync(file)) return { file, exists: false, valid: [], invalid: 0 };
  const valid: AuditAnchor[] = [];
  let invalid = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const a = JSON.parse(line) as AuditAnchor;
      const key = anchorKey(ring, Number(a.keyVersion));
      const ok =
        a.v === 1 &&
        (a.kind === 'checkpoint' || a.kind === 'reset') &&
        Number.isSafeInteger(a.seq) &&
        typeof a.hash === 'string' &&
        typeof a.genesis === 'string' &&
        typeof a.mac === 'string' &&
        key !== null &&
        constantTimeEqual(hmacSm3(key, macInput(a)), Buffer.from(a.mac, 'hex'));
      if (ok) valid.push(a);
      else invalid++;
    } catch {
      invalid++;
    }
  }
  return { file, exists: true, valid, invalid };
}

/**
 * Audits the anchoring (action audit.anchor) and then anchors the head, which includes that row.
 * Returns the checkpoint written.
 */
export async function writeAuditedAnchor(
  db: Kysely<DB>,
  ring: KeyRing,
  options: {
    file: string;
    by: string;
    actorUsername: string;
    now: Date;
    kind?: AnchorKind;
    detail?: Record<string, unknown>;
  },
): Promise<AuditAnchor> {
  const at = options.now.toISOString();
  await db.transaction().execute((trx) =>
    appendAudit(trx, ring, {
      at,
      action: options.kind === 'reset' ? 'audit.anchor.reset' : 'audit.anchor',
      result: 'ok',
      actorUsername: options.actorUsername,
      objectType: 'audit_log',
      detail: { file: options.file, by: options.by, ...options.detail },
    }),
  );
  const anchor = await anchorOfHead(db, ring, { kind: options.kind ?? 'checkpoint', by: options.by, at });
  appendAnchor(options.file, anchor);
  return anchor;
}

/**
 * The server's periodic checkpoints: every `everyMs` (and at stop) when rows other than its own
 * anchoring records were written since the last one. Failures are reported, never fatal.
 */
export function startAuditAnchoring(
  ctx: { db: Kysely<DB>; ring: KeyRing; now: () => Date },
  options: { file: string; everyMs: number; onError?: (error: unknown) => void },
): { stop(): Promise<void>; tick(): Promise<AuditAnchor | null> } {
  let lastSeq: number | null = null;
  let running: Promise<AuditAnchor | null> = Promise.resolve(null);
  const once = async (): Promise<AuditAnchor | null> => {
    if (lastSeq !== null) {
      const moved = await ctx.db
        .selectFrom('audit_log')
        .select('seq')
        .where('seq', '>', lastSeq)
        .where('action', '<>', 'audit.anchor')
        .limit(1)
        .executeTakeFirst();
      if (!moved) return null;
    }
    const anchor = await writeAuditedAnchor(ctx.db, ctx.ring, {
      file: options.file,
      by: 'server',
      actorUsername: 'system:server',
      now: ctx.now(),
    });
    lastSeq = anchor.seq;
    return anchor;
  };
  const tick = () => {
    running = running.then(once).catch((error: unknown) => {
      options.onError?.(error);
      return null;
    });
    return running;
  };
  const timer = setInterval(() => void tick(), options.everyMs);
  timer.unref();
  return {
    tick,
    async stop() {
      clearInterval(timer);
      await tick();
    },
  };
}
