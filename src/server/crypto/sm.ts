// National algorithms through Node's OpenSSL: SM3 (hash/HMAC), SM4-CBC, HKDF-SM3.
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
  type Cipher,
} from 'node:crypto';

export function sm3Hex(data: string | Buffer): string {
  return createHash('sm3').update(data).digest('hex');
}

export function hmacSm3(key: Buffer, data: string | Buffer): Buffer {
  return createHmac('sm3', key).update(data).digest();
}

export function deriveKey(master: Buffer, info: string, length = 16): Buffer {
  return Buffer.from(hkdfSync('sm3', master, Buffer.alloc(0), info, length));
}

// SM4-CBC encryption of short fields: CBC chaining over one reusable SM4-ECB block cipher per
// key (an ECB cipher keeps no state between blocks), PKCS#7 padding as OpenSSL applies it.
// Byte-identical to createCipheriv('sm4-cbc') (tested) and about twice as fast for 16–64 bytes,
// because the key schedule is not redone per field.
const ecbByKey = new WeakMap<Buffer, Cipher>();

function ecbFor(key: Buffer): Cipher {
  let ecb = ecbByKey.get(key);
  if (!ecb) {
    ecb = createCipheriv('sm4-ecb', key, null);
    ecb.setAutoPadding(false);
    ecbByKey.set(key, ecb);
  }
  return ecb;
}

export function sm4CbcEncrypt(key: Buffer, iv: Buffer, plaintext: Buffer): Buffer {
  if (iv.length !== 16) throw new Error('SM4-CBC needs a 16-byte IV');
  const pad = 16 - (plaintext.length % 16);
  const out = Buffer.alloc(plaintext.length + pad, pad);
  plaintext.copy(out);
  const ecb = ecbFor(key);
  let prev = iv;
  for (let o = 0; o < out.length; o += 16) {
    for (let k = 0; k < 16; k++) out[o + k] = out[o + k]! ^ prev[k]!;
    const block = ecb.update(out.subarray(o, o + 16));
    block.copy(out, o);
    prev = block;
  }
  return out;
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
