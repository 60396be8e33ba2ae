// Encryption in the worker thread gives what encryptField gives: values the main thread's
// decryptField opens, each with a fresh IV, in request order, for concurrent requests too.
import { afterAll, describe, expect, it } from 'vitest';
import { decryptField } from './field-crypto.ts';
import { encryptFieldsOffThread, stopFieldCryptoWorker } from './field-crypto-pool.ts';
import { ephemeralKeyRing } from './keys.ts';

describe('encryptFieldsOffThread', () => {
  afterAll(stopFieldCryptoWorker);
  const ring = ephemeralKeyRing();

  it('encrypts in order, decryptable on the main thread, with the context bound', async () => {
    const items: [string, string][] = [
      ['persons.id_number', '11010519491231002X'],
      ['persons.phone', '13800138000'],
      ['roster_profiles.address', '浙江省枫林县城关镇解放路1号'],
      ['persons.id_number', '11010519491231002X'],
    ];
    const values = await encryptFieldsOffThread(ring, items);
    expect(values.map((v, i) => decryptField(ring, items[i]![0], v))).toEqual(items.map(([, p]) => p));
    expect(values[0]).not.toBe(values[3]); // fresh IV each time
    expect(() => decryptField(ring, 'persons.phone', values[0]!)).toThrow(/integrity/);
  });

  it('answers concurrent requests each with its own values', async () => {
    const batches = Array.from({ length: 5 }, (_, b) =>
      Array.from({ length: 200 }, (_, i): [string, string] => ['persons.phone', `139${String(b * 1000 + i).padStart(8, '0')}`]),
    );
    const results = await Promise.all(batches.map((batch) => encryptFieldsOffThread(ring, batch)));
    results.forEach((values, b) =>
      expect(values.map((v) => decryptField(ring, 'persons.phone', v))).toEqual(batches[b]!.map(([, p]) => p)),
    );
    expect(await encryptFieldsOffThread(ring, [])).toEqual([]);
  });
});
