// Demo data of 督查 (issue 18).
import type { AppContext } from '../../context.ts';
import type { ModuleSeedInput } from '../../seed/module-seed.ts';

export async function seedInspection(ctx: AppContext, input: ModuleSeedInput): Promise<void> {
  void ctx;
  void input;
}
