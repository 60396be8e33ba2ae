import { describe, expect, it } from 'vitest';
import { blindIndex, decryptField, encryptField } from './field-crypto.ts';
import { ephemeralKeyRing } from './keys.ts';
import { createCipheriv, randomBytes } from 'node:crypto';
import { runKnownAnswerTests, sm4CbcDecrypt, sm4CbcEncrypt } from './sm.ts';

describe('national-algorithm crypto', () => {
  it('passes the SM3/SM4 known-answer tests', () => {
    expect(() => runKnownAnswerTests()).not.toThrow();
  });

  it('round-trips a field and uses a fresh IV each time', () => {
    const ring = ephemeralKeyRing();
    const a = encryptField(ring, 'persons.id_number', '330102198001010012');
    const b = encryptField(ring, 'persons.id_number', '330102198001010012');
    expect(a).not.toBe(b);
    expect(decryptField(ring, 'persons.id_number', a)).toBe('330102198001010012');
  });

  it('rejects a ciphertext moved to another column or tampered with', () => {
    const ring = ephemeralKeyRing();
    const a = encryptField(ring, 'persons.id_number', '13812345678');
    expect(() => decryptField(ring, 'persons.phone', a)).toThrow(/integrity/);
    const parts = a.split('.');
    parts[2] = Buffer.from('tampered-data-16').toString('base64url');
    expect(() => decryptField(ring, 'persons.id_number', parts.join('.'))).toThrow(/integrity/);
  });

  it('blind index is deterministic per key and differs across keys', () => {
    const r1 = ephemeralKeyRing();
    const r2 = ephemeralKeyRing();
    expect(blindIndex(r1, 'id', 'X')).toBe(blindIndex(r1, 'id', 'X'));
    expect(blindIndex(r1, 'id', 'X')).not.toBe(blindIndex(r2, 'id', 'X'));
  });

  it('SM4-CBC over the reused block cipher equals OpenSSL sm4-cbc for every length', () => {
    const key = randomBytes(16);
    for (let n = 0; n <= 70; n++) {
      const iv = randomBytes(16);
      const pt = randomBytes(n);
      const c = createCipheriv('sm4-cbc', key, iv);
      const expected = Buffer.concat([c.update(pt), c.final()]);
      expect(sm4CbcEncrypt(key, iv, pt).equals(expected)).toBe(true);
      expect(sm4CbcDecrypt(key, iv, expected).equals(pt)).toBe(true);
    }
  });

  it('gives every field its own IV across pool refills', () => {
    const ring = ephemeralKeyRing();
    const ivs = new Set<string>();
    for (let i = 0; i < 10_000; i++)
      ivs.add(encryptField(ring, 'persons.phone', '13812345678').split('.')[1]!);
    expect(ivs.size).toBe(10_000);
  });
});
