// Demo data of 考核 (issue 18).
import type { AppContext } from '../../context.ts';
import type { ModuleSeedInput } from '../../seed/module-seed.ts';

export async function seedAssessment(ctx: AppContext, input: ModuleSeedInput): Promise<void> {
  void ctx;
  void input;
}
