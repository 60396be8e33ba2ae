import type { AppContext } from '../../context.ts';
import type { ModuleSeedInput } from '../../seed/module-seed.ts';

/** Demo data of the org-life module (issue 5): runs after the base county is written. */
export async function seedOrgLife(_ctx: AppContext, _input: ModuleSeedInput): Promise<void> {}
