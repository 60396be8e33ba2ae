// 党费 demo data (issue 19): bases and the ledger first, then payments, then 减免 and 上缴.
import type { AppContext } from '../../context.ts';
import type { ModuleSeedInput } from '../../seed/module-seed.ts';
import { seedDuesBases } from './dues-bases.seed.ts';
import { seedDuesPayments } from './dues-payments.seed.ts';
import { seedDuesRelief } from './dues-relief.seed.ts';

export async function seedDues(ctx: AppContext, input: ModuleSeedInput): Promise<void> {
  await seedDuesBases(ctx, input);
  await seedDuesPayments(ctx, input);
  await seedDuesRelief(ctx, input);
}
