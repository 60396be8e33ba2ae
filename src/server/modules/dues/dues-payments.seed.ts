// 党费 demo data, part B: payments and the gateway (issue 19).
import type { AppContext } from '../../context.ts';
import type { ModuleSeedInput } from '../../seed/module-seed.ts';

export async function seedDuesPayments(ctx: AppContext, input: ModuleSeedInput): Promise<void> {
  void ctx;
  void input;
}
