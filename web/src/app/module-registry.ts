// Feature modules register here; the router mounts their routes inside the signed-in layout
// and the layout shows their menu entries.
import { orgSystemModule } from '../features/org-system/routes';
import { rosterModule } from '../features/roster/routes';
import { orgLifeModule } from '../features/org-life/routes';
import { developmentModule } from '../features/development/routes';
import { evaluationModule } from '../features/evaluation/routes';
import { commitmentsModule } from '../features/commitments/routes';
import { workbenchModule } from '../features/workbench/routes';
import { responsibilityModule } from '../features/responsibility/routes';
import { tasksModule } from '../features/tasks/routes';
import { inspectionModule } from '../features/inspection/routes';
import { assessmentModule } from '../features/assessment/routes';
import { problemsModule } from '../features/problems/routes';
import { duesModule } from '../features/dues/routes';
import type { ModuleNavItem } from './module-types';

const MODULES = [
  workbenchModule,
  orgSystemModule,
  rosterModule,
  orgLifeModule,
  developmentModule,
  evaluationModule,
  commitmentsModule,
  responsibilityModule,
  tasksModule,
  inspectionModule,
  assessmentModule,
  problemsModule,
  duesModule,
];

export const MODULE_ROUTES = MODULES.flatMap((m) => m.routes);
export const MODULE_NAV: ModuleNavItem[] = MODULES.flatMap((m) => m.nav);
