// 党费 demo data, part C: 补交, 减免, 上缴 (issue 19).
import type { AppContext } from '../../context.ts';
import type { ModuleSeedInput } from '../../seed/module-seed.ts';

export async function seedDuesRelief(ctx: AppContext, input: ModuleSeedInput): Promise<void> {
  void ctx;
  void input;
}
