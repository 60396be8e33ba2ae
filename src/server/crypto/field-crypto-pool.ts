// Field encryption off the main thread, for bulk writes (issue 4: a 100,000-row import spends
// ≈ 3 s encrypting). One worker per process, started on first use and unref'd (it never keeps
// the process alive); requests are matched by id. If the worker cannot run, encryption falls
// back to the calling thread, with the same output format (encryptField).
import { Worker } from 'node:worker_threads';
import { encryptField } from './field-crypto.ts';
import type { EncryptRequest, EncryptResponse } from './field-crypto.worker.ts';
import type { KeyRing } from './keys.ts';

let worker: Worker | null = null;
let unavailable = false;
let nextId = 1;
const pending = new Map<number, { resolve: (v: string[]) => void; reject: (e: Error) => void }>();

function failAll(error: Error): void {
  for (const p of pending.values()) p.reject(error);
  pending.clear();
  worker = null;
}

function getWorker(): Worker | null {
  if (worker || unavailable) return worker;
  try {
    const w = new Worker(new URL('./field-crypto.worker-boot.mjs', import.meta.url));
    w.unref();
    w.on('message', (m: EncryptResponse) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if ('error' in m) p.reject(new Error(`字段加密失败：${m.error}`));
      else p.resolve(m.values);
      if (pending.size === 0) w.unref();
    });
    w.on('error', (e) => failAll(e instanceof Error ? e : new Error(String(e))));
    w.on('exit', () => {
      if (worker === w) failAll(new Error('字段加密线程意外退出'));
    });
    worker = w;
  } catch {
    unavailable = true;
  }
  return worker;
}

/** Encrypts each [context, plaintext] pair with the ring's current keys, in a worker thread. */
export async function encryptFieldsOffThread(ring: KeyRing, items: [string, string][]): Promise<string[]> {
  if (items.length === 0) return [];
  const w = getWorker();
  if (!w) return items.map(([context, plaintext]) => encryptField(ring, context, plaintext));
  const keys = ring.versions.get(ring.currentVersion)!;
  const id = nextId++;
  const request: EncryptRequest = { id, version: ring.currentVersion, fieldEnc: keys.fieldEnc, fieldMac: keys.fieldMac, items };
  return new Promise<string[]>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.ref(); // keep the process alive while a request is outstanding
    w.postMessage(request);
  });
}

/** Stops the worker (tests, shutdown). */
export async function stopFieldCryptoWorker(): Promise<void> {
  const w = worker;
  worker = null;
  if (w) await w.terminate();
}
