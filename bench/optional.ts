// Module scenarios call code that other engineers are still writing: load it by path at run
// time (a missing file or function becomes a "skipped" row, not a broken build).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type Loose = (...args: unknown[]) => Promise<unknown>;

/** The module at a path relative to the repository root, or null when the file does not exist. */
export async function importOptional(fromRoot: string): Promise<Record<string, unknown> | null> {
  const url = new URL(`../${fromRoot}`, import.meta.url);
  if (!existsSync(fileURLToPath(url))) return null;
  return (await import(url.href)) as Record<string, unknown>;
}

/** A function exported by a module, or null. */
export function exported(mod: Record<string, unknown> | null, name: string): Loose | null {
  const f = mod?.[name];
  return typeof f === 'function' ? (f as Loose) : null;
}

/** The number of rows in a result of unknown shape: arrays, {data: […]}, {rows: […]}, {findings: […]}. */
export function rowCount(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    for (const key of ['data', 'rows', 'findings', 'items', 'violations', 'members']) {
      if (key in o) {
        const n = rowCount(o[key]);
        if (n > 0) return n;
      }
    }
    return 1;
  }
  return value === undefined || value === null ? 0 : 1;
}
