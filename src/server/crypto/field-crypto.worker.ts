// Worker thread body: encrypts field values (encryptField, SM4-CBC + HMAC-SM3) for the main
// thread, so a bulk import encrypts one batch while the main thread writes the previous one.
// It receives only the current field-encryption keys, never the audit or blind-index keys.
import { parentPort } from 'node:worker_threads';
import type { KeyRing } from './keys.ts';
import { encryptField } from './field-crypto.ts';

export interface EncryptRequest {
  id: number;
  version: number;
  fieldEnc: Uint8Array;
  fieldMac: Uint8Array;
  /** [context, plaintext] pairs. */
  items: [string, string][];
}

export type EncryptResponse = { id: number; values: string[] } | { id: number; error: string };

parentPort!.on('message', (req: EncryptRequest) => {
  try {
    const keys = { fieldEnc: Buffer.from(req.fieldEnc), fieldMac: Buffer.from(req.fieldMac), audit: Buffer.alloc(0) };
    const ring: KeyRing = { currentVersion: req.version, versions: new Map([[req.version, keys]]), blindIndex: Buffer.alloc(0) };
    const values = req.items.map(([context, plaintext]) => encryptField(ring, context, plaintext));
    parentPort!.postMessage({ id: req.id, values } satisfies EncryptResponse);
  } catch (e) {
    parentPort!.postMessage({ id: req.id, error: e instanceof Error ? e.message : String(e) } satisfies EncryptResponse);
  }
});
