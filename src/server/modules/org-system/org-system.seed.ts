import type { AppContext } from '../../context.ts';
import type { ModuleSeedInput } from '../../seed/module-seed.ts';

/** Demo data of the org-system module (issue 3): runs after the base county is written. */
export async function seedOrgSystem(_ctx: AppContext, _input: ModuleSeedInput): Promise<void> {}
