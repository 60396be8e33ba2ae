// Module demo seeds, run in this order after the base county (orgs, people, accounts).
import type { AppContext } from '../context.ts';
import { seedOrgSystem } from '../modules/org-system/org-system.seed.ts';
import { seedRoster } from '../modules/roster/roster.seed.ts';
import { seedOrgLife } from '../modules/org-life/org-life.seed.ts';
import { seedDevelopment } from '../modules/development/development.seed.ts';
import { seedEvaluation } from '../modules/evaluation/evaluation.seed.ts';
import { seedCommitments } from '../modules/commitments/commitments.seed.ts';
import { seedResponsibility } from '../modules/responsibility/responsibility.seed.ts';
import { seedTasks } from '../modules/tasks/tasks.seed.ts';
import { seedInspection } from '../modules/inspection/inspection.seed.ts';
import { seedProblems } from '../modules/problems/problems.seed.ts';
import { seedAssessment } from '../modules/assessment/assessment.seed.ts';
import { seedDues } from '../modules/dues/dues.seed.ts';
import { refreshAlerts } from '../modules/alerts/alerts.service.ts';
import { seedNotifications } from '../modules/notifications/notifications.seed.ts';
import { refreshIndicatorHistory } from '../modules/indicators/indicators.service.ts';

export interface ModuleSeedInput {
  /** The demo's "today" (ISO date); module data is dated relative to it. */
  today: string;
  scale: 'county' | 'city' | 'province';
  /** A module-specific deterministic seed number for its PRNG. */
  seed: number;
  onProgress?: (done: number, total: number, phase: string) => void;
}

export const MODULE_SEEDS: ReadonlyArray<{ name: string; run: (ctx: AppContext, input: ModuleSeedInput) => Promise<void> }> = [
  { name: 'org-system', run: seedOrgSystem },
  { name: 'roster', run: seedRoster },
  { name: 'org-life', run: seedOrgLife },
  { name: 'development', run: seedDevelopment },
  { name: 'evaluation', run: seedEvaluation },
  { name: 'commitments', run: seedCommitments },
  { name: 'responsibility', run: seedResponsibility },
  { name: 'tasks', run: seedTasks },
  { name: 'inspection', run: seedInspection },
  { name: 'dues', run: seedDues },
  // Last: the alert registry finds what the modules' seeds left to be found.
  { name: 'alerts', run: async (ctx) => void (await refreshAlerts(ctx)) },
  // After the alerts: a township turns some of them into rectification items.
  { name: 'problems', run: seedProblems },
  // After the alerts: the digest counts them; meetings to come notify their attendees.
  { name: 'notifications', run: seedNotifications },
  // The workbench's figures for the last 12 months (trends), from what the seeds recorded.
  { name: 'indicators', run: async (ctx) => void (await refreshIndicatorHistory(ctx)) },
  // Last: the year's assessment scores read everything above.
  { name: 'assessment', run: seedAssessment },
];

/** Runs every module's demo seed; each runs its own transactions and audits itself. */
export async function runModuleSeeds(ctx: AppContext, base: Omit<ModuleSeedInput, 'seed'>): Promise<void> {
  let n = 0;
  for (const m of MODULE_SEEDS) {
    n += 1;
    base.onProgress?.(n - 1, MODULE_SEEDS.length, m.name);
    await m.run(ctx, { ...base, seed: 20261123 + n });
  }
}
