// Demo data of 党建责任制 (issue 18).
import type { AppContext } from '../../context.ts';
import type { ModuleSeedInput } from '../../seed/module-seed.ts';

export async function seedResponsibility(ctx: AppContext, input: ModuleSeedInput): Promise<void> {
  void ctx;
  void input;
}
