// Work a module must do when a subtree moves, beyond the carried paths (which move by
// themselves, see db/carried-paths.ts): e.g. per-ancestor counters that depend on the tree.
import type { Transaction } from 'kysely';
import type { AppContext } from '../context.ts';
import type { DB } from '../db/schema.ts';
import { rebuildCompliance } from './org-life/org-life.compliance.ts';

export interface SubtreeMove {
  oldPrefix: string;
  newPrefix: string;
}

export const SUBTREE_MOVED_HOOKS: ReadonlyArray<(ctx: AppContext, trx: Transaction<DB>, move: SubtreeMove) => Promise<void>> = [
  // Compliance counters are kept per ancestor: recompute them for the new shape of the tree.
  async (ctx, trx) => {
    await rebuildCompliance(ctx, trx);
  },
];
