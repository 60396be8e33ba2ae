// Key material comes from configuration, never from code: a key file (default
// data/keys.json, mode 0600) or DANGJIAN_MASTER_KEY. Keys are versioned so that
// field encryption and audit MACs can rotate; the blind-index key is fixed per deployment
// (rotating it means re-indexing).
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { deriveKey, randomBytes } from './sm.ts';

export interface KeyRing {
  currentVersion: number;
  /** Per version: SM4 key, HMAC key for encrypt-then-MAC, audit chain key. */
  versions: Map<number, { fieldEnc: Buffer; fieldMac: Buffer; audit: Buffer }>;
  blindIndex: Buffer;
}

interface KeyFile {
  current: number;
  masters: Record<string, string>;
  blindIndexMaster: string;
}

function ringFrom(file: KeyFile): KeyRing {
  const versions = new Map<number, { fieldEnc: Buffer; fieldMac: Buffer; audit: Buffer }>();
  for (const [v, hex] of Object.entries(file.masters)) {
    const master = Buffer.from(hex, 'hex');
    if (master.length < 32) throw new Error(`key version ${v} is shorter than 32 bytes`);
    versions.set(Number(v), {
      fieldEnc: deriveKey(master, 'dangjian field sm4', 16),
      fieldMac: deriveKey(master, 'dangjian field mac', 32),
      audit: deriveKey(master, 'dangjian audit chain', 32),
    });
  }
  if (!versions.has(file.current)) throw new Error(`current key version ${file.current} is missing`);
  return {
    currentVersion: file.current,
    versions,
    blindIndex: deriveKey(Buffer.from(file.blindIndexMaster, 'hex'), 'dangjian blind index', 32),
  };
}

export function newKeyFile(): KeyFile {
  return {
    current: 1,
    masters: { '1': randomBytes(32).toString('hex') },
    blindIndexMaster: randomBytes(32).toString('hex'),
  };
}

/** Loads the key ring; creates the key file when it does not exist and `createIfMissing`. */
export function loadKeyRing(options: { keyFile: string; masterKeyEnv?: string; createIfMissing: boolean }): {
  ring: KeyRing;
  created: boolean;
} {
  if (options.masterKeyEnv) {
    const master = options.masterKeyEnv.trim();
    return {
      ring: ringFrom({ current: 1, masters: { '1': master }, blindIndexMaster: master }),
      created: false,
    };
  }
  if (existsSync(options.keyFile)) {
    return { ring: ringFrom(JSON.parse(readFileSync(options.keyFile, 'utf8')) as KeyFile), created: false };
  }
  if (!options.createIfMissing) throw new Error(`key file ${options.keyFile} not found`);
  const file = newKeyFile();
  mkdirSync(dirname(options.keyFile), { recursive: true });
  writeFileSync(options.keyFile, JSON.stringify(file, null, 2), { mode: 0o600 });
  chmodSync(options.keyFile, 0o600);
  return { ring: ringFrom(file), created: true };
}

/** A ring for tests, from fixed random bytes per process. */
export function ephemeralKeyRing(): KeyRing {
  return ringFrom(newKeyFile());
}
