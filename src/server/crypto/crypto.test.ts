import { describe, expect, it } from 'vitest';
import { blindIndex, decryptField, encryptField } from './field-crypto.ts';
import { ephemeralKeyRing } from './keys.ts';
import { runKnownAnswerTests } from './sm.ts';

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
});
