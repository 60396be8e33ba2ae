// Near-duplicate minutes: Chinese character shingles, MinHash signatures and LSH buckets.
// Candidate pairs come from equal buckets (never all pairs); the exact Jaccard of the
// shingle sets confirms them. Pure and deterministic (fixed hash coefficients).

export const SHINGLE = 3;
export const NUM_HASHES = 96;
export const BANDS = 12;
export const ROWS = NUM_HASHES / BANDS;

/** Keeps the letters and digits of any script; punctuation and whitespace carry no content. */
export function normalise(text: string): string {
  return text.replace(/[^\p{L}\p{N}]/gu, '');
}

/** The text compared: the organisation's own name removed, so a copy with the name swapped still matches. */
export function similarityText(text: string, orgName: string): string {
  return orgName ? text.split(orgName).join('') : text;
}

/**
 * The set of character k-shingles of the normalised text, each as a 32-bit hash (collisions
 * are negligible at a few hundred shingles per record and cost far less than strings).
 */
export function shingles(text: string, k = SHINGLE): Set<number> {
  return shinglesOfNormalised(normalise(text), k);
}

/** `shingles` of a text already through `normalise` (saves a second pass over big batches). */
export function shinglesOfNormalised(norm: string, k = SHINGLE): Set<number> {
  const codes: number[] = [];
  for (const ch of norm) codes.push(ch.codePointAt(0)!);
  const out = new Set<number>();
  if (codes.length === 0) return out;
  const n = Math.min(k, codes.length);
  for (let i = 0; i + n <= codes.length; i++) {
    let h = 0x811c9dc5;
    for (let j = 0; j < n; j++) h = Math.imul(h ^ codes[i + j]!, 0x01000193);
    out.add(mix(h >>> 0));
  }
  return out;
}

export function jaccard<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (a.size === 0 && b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let inter = 0;
  for (const s of small) if (large.has(s)) inter++;
  return inter / (a.size + b.size - inter);
}

function mix(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * One-permutation MinHash: each shingle hash falls into one of NUM_HASHES bins by its low
 * bits and the bin keeps its minimum; empty bins borrow from the next non-empty bin
 * (rotation densification). One hash per shingle instead of NUM_HASHES.
 */
export function minhash(set: ReadonlySet<number>): number[] {
  const sig = new Array<number>(NUM_HASHES).fill(-1);
  for (const h0 of set) {
    const h = mix(h0 ^ 0x9e3779b9);
    const bin = h % NUM_HASHES;
    const v = mix(h ^ 0x27d4eb2d);
    if (sig[bin] === -1 || v < sig[bin]!) sig[bin] = v;
  }
  for (let i = 0; i < NUM_HASHES; i++) {
    if (sig[i] !== -1) continue;
    for (let j = 1; j < NUM_HASHES; j++) {
      const src = sig[(i + j) % NUM_HASHES]!;
      if (src !== -1 && !Number.isNaN(src)) {
        sig[i] = (src + j * 0x9e3779b1) >>> 0;
        break;
      }
    }
  }
  return sig;
}

/** Estimated Jaccard from two signatures. */
export function signatureSimilarity(a: readonly number[], b: readonly number[]): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/** One bucket per band: two texts share a bucket when all ROWS values of the band agree. */
export function lshBuckets(sig: readonly number[]): string[] {
  const out: string[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = 0x811c9dc5 ^ b;
    for (let r = 0; r < ROWS; r++) h = mix(h ^ sig[b * ROWS + r]!);
    out.push(h.toString(16).padStart(8, '0'));
  }
  return out;
}

export interface Doc {
  id: number;
  text: string;
}

export interface SimilarPair {
  a: number;
  b: number;
  similarity: number;
}

/** In-memory finder (for tests and small sets): LSH candidates, confirmed by exact Jaccard. */
export function findSimilar(docs: readonly Doc[], threshold: number, minChars = 1): SimilarPair[] {
  const sets = new Map<number, Set<number>>();
  const buckets = new Map<string, number[]>();
  for (const d of docs) {
    if (normalise(d.text).length < minChars) continue;
    const set = shingles(d.text);
    sets.set(d.id, set);
    lshBuckets(minhash(set)).forEach((bucket, band) => {
      const key = band + ':' + bucket;
      const list = buckets.get(key);
      if (list) list.push(d.id);
      else buckets.set(key, [d.id]);
    });
  }
  const seen = new Set<string>();
  const out: SimilarPair[] = [];
  for (const ids of buckets.values()) {
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const [a, b] = ids[i]! < ids[j]! ? [ids[i]!, ids[j]!] : [ids[j]!, ids[i]!];
        const key = a + '-' + b;
        if (seen.has(key)) continue;
        seen.add(key);
        const s = jaccard(sets.get(a)!, sets.get(b)!);
        if (s >= threshold) out.push({ a, b, similarity: s });
      }
    }
  }
  return out.sort((x, y) => y.similarity - x.similarity || x.a - y.a || x.b - y.b);
}
