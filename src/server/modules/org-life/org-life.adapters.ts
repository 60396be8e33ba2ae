// Outside-world adapters: attachment storage on disk and notification delivery, behind
// interfaces so a deployment can swap them (object storage, SMS gateway) without touching services.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AppContext } from '../../context.ts';

export interface AttachmentStorage {
  put(content: Buffer): { key: string; sha256: string };
  get(key: string): Buffer | null;
}

/** Content-addressed files under <data dir>/org-life-attachments/ab/abcdef…; keys are hex only. */
export function diskStorage(root: string): AttachmentStorage {
  const pathOf = (key: string) => {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new Error('bad storage key');
    return join(root, key.slice(0, 2), key);
  };
  return {
    put(content) {
      const sha256 = createHash('sha256').update(content).digest('hex');
      const file = pathOf(sha256);
      if (!existsSync(file)) {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, content, { mode: 0o600 });
      }
      return { key: sha256, sha256 };
    },
    get(key) {
      const file = pathOf(key);
      return existsSync(file) ? readFileSync(file) : null;
    },
  };
}

/** The data directory: beside the key file (which sits beside a SQLite database). */
export function storageFor(ctx: AppContext): AttachmentStorage {
  return diskStorage(join(process.env.DANGJIAN_DATA_DIR ?? dirname(ctx.config.keyFile), 'org-life-attachments'));
}

/** Magic bytes must match the declared type: a renamed executable is not a photo. */
export function sniffMatches(mime: string, content: Buffer): boolean {
  if (mime === 'image/jpeg') return content.length > 3 && content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff;
  if (mime === 'image/png') return content.length > 8 && content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  if (mime === 'application/pdf') return content.length > 4 && content.subarray(0, 5).toString('latin1') === '%PDF-';
  return false;
}

export interface Notifier {
  /** Delivers one digest to one person by email/SMS; the in-app table is always written. */
  sendDigest(to: { personId: number; username: string | null }, lines: string[]): Promise<void>;
}

/** The default adapter only logs (no gateway configured). */
export const loggingNotifier: Notifier = {
  sendDigest(to, lines) {
    process.stderr.write(`[org-life digest] person ${to.personId}${to.username ? ` (${to.username})` : ''}: ${lines.length} 条待办\n`);
    return Promise.resolve();
  },
};

// ---------- sign-in tokens: HMAC-signed, short-lived, bound to one meeting ----------

function tokenKey(ctx: AppContext): Buffer {
  const keys = ctx.ring.versions.get(ctx.ring.currentVersion)!;
  return createHmac('sha256', keys.audit).update('dangjian org-life sign-in token').digest();
}

export function signToken(ctx: AppContext, meetingId: number, expiresAtMs: number): string {
  const body = `${meetingId}.${expiresAtMs}`;
  const mac = createHmac('sha256', tokenKey(ctx)).update(body).digest('base64url');
  return `${Buffer.from(body).toString('base64url')}.${mac}`;
}

/** The token's meeting and expiry when its MAC is genuine; null for a forged or malformed token. */
export function openToken(ctx: AppContext, token: string): { meetingId: number; expiresAtMs: number } | null {
  const [b, mac] = token.split('.');
  if (!b || !mac) return null;
  const body = Buffer.from(b, 'base64url').toString();
  const m = /^(\d+)\.(\d+)$/.exec(body);
  if (!m) return null;
  const expected = createHmac('sha256', tokenKey(ctx)).update(body).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { meetingId: Number(m[1]), expiresAtMs: Number(m[2]) };
}
