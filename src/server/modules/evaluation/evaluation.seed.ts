import type { AppContext } from '../../context.ts';
import type { ModuleSeedInput } from '../../seed/module-seed.ts';

/** Demo data of the evaluation module (issue 7): runs after the base county is written. */
export async function seedEvaluation(_ctx: AppContext, _input: ModuleSeedInput): Promise<void> {}
