// Demo data of 工作任务 (issue 18).
import type { AppContext } from '../../context.ts';
import type { ModuleSeedInput } from '../../seed/module-seed.ts';

export async function seedTasks(ctx: AppContext, input: ModuleSeedInput): Promise<void> {
  void ctx;
  void input;
}
