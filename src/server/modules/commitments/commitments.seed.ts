import type { AppContext } from '../../context.ts';
import type { ModuleSeedInput } from '../../seed/module-seed.ts';

/** Demo data of the commitments module (issue 8): runs after the base county is written. */
export async function seedCommitments(_ctx: AppContext, _input: ModuleSeedInput): Promise<void> {}
