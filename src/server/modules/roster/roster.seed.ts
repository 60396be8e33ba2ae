import type { AppContext } from '../../context.ts';
import type { ModuleSeedInput } from '../../seed/module-seed.ts';

/** Demo data of the roster module (issue 4): runs after the base county is written. */
export async function seedRoster(_ctx: AppContext, _input: ModuleSeedInput): Promise<void> {}
