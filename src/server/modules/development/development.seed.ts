import type { AppContext } from '../../context.ts';
import type { ModuleSeedInput } from '../../seed/module-seed.ts';

/** Demo data of the development module (issue 6): runs after the base county is written. */
export async function seedDevelopment(_ctx: AppContext, _input: ModuleSeedInput): Promise<void> {}
