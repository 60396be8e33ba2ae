// National algorithms through Node's OpenSSL: SM3 (hash/HMAC), SM4-CBC, HKDF-SM3.
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

export function sm3Hex(data: string | Buffer): string {
  return createHash('sm3').update(data).digest('hex');
}

export function hmacSm3(key: Buffer, data: string | Buffer): Buffer {
  return createHmac('sm3', key).update(data).digest();
}

export function deriveKey(master: Buffer, info: string, length = 16): Buffer {
  return Buffer.from(hkdfSync('sm3', master, Buffer.alloc(0), info, length));
}

export function sm4CbcEncrypt(key: Buffer, iv: Buffer, plaintext: Buffer): Buffer {
  const cipher = createCipheriv('sm4-cbc', key, iv);
  return Buffer.concat([cipher.update(plaintext), cipher.final()]);
}

export function sm4CbcDecrypt(key: Buffer, iv: Buffer, ciphertext: Buffer): Buffer {
  const decipher = createDecipheriv('sm4-cbc', key, iv);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

export function constantTimeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export { randomBytes };

/**
 * Known-answer tests (GB/T 32905 SM3 "abc"; GB/T 32907 SM4 example 1). Run at start-up;
 * the server refuses to start when they fail.
 */
export function runKnownAnswerTests(): void {
  const sm3 = sm3Hex('abc');
  if (sm3 !== '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0') {
    throw new Error('SM3 known-answer test failed');
  }
  const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
  const cipher = createCipheriv('sm4-ecb', key, null);
  cipher.setAutoPadding(false);
  const out = Buffer.concat([cipher.update(key), cipher.final()]).toString('hex');
  if (out !== '681edf34d206965e86b3e94f536e4246') throw new Error('SM4 known-answer test failed');
}
