// 党费 demo data, part A: bases, ledger, reports (issue 19).
import type { AppContext } from '../../context.ts';
import type { ModuleSeedInput } from '../../seed/module-seed.ts';

export async function seedDuesBases(ctx: AppContext, input: ModuleSeedInput): Promise<void> {
  void ctx;
  void input;
}
