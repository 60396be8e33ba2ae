// Demo data of 问题清单 (issue 18).
import type { AppContext } from '../../context.ts';
import type { ModuleSeedInput } from '../../seed/module-seed.ts';

export async function seedProblems(ctx: AppContext, input: ModuleSeedInput): Promise<void> {
  void ctx;
  void input;
}
