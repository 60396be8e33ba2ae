// Each module registers its routes here; app.ts calls them in this order.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { registerOrgSystemRoutes } from './org-system/org-system.routes.ts';
import { registerRosterRoutes } from './roster/roster.routes.ts';
import { registerOrgLifeRoutes } from './org-life/org-life.routes.ts';
import { registerDevelopmentRoutes } from './development/development.routes.ts';
import { registerEvaluationRoutes } from './evaluation/evaluation.routes.ts';
import { registerCommitmentsRoutes } from './commitments/commitments.routes.ts';
import { registerAlertRoutes } from './alerts/alerts.routes.ts';
import { registerWorkbenchRoutes } from './workbench/workbench.routes.ts';
import { registerSearchRoutes } from './search/search.routes.ts';
import { registerNotificationRoutes } from './notifications/notifications.routes.ts';
import { registerResponsibilityRoutes } from './responsibility/responsibility.routes.ts';
import { registerTasksRoutes } from './tasks/tasks.routes.ts';
import { registerInspectionRoutes } from './inspection/inspection.routes.ts';
import { registerAssessmentRoutes } from './assessment/assessment.routes.ts';
import { registerProblemsRoutes } from './problems/problems.routes.ts';
import { registerDuesRoutes } from './dues/dues.routes.ts';

export const MODULE_ROUTES: ReadonlyArray<(app: FastifyInstance, ctx: AppContext) => void> = [
  registerOrgSystemRoutes,
  registerRosterRoutes,
  registerOrgLifeRoutes,
  registerDevelopmentRoutes,
  registerEvaluationRoutes,
  registerCommitmentsRoutes,
  registerAlertRoutes,
  registerWorkbenchRoutes,
  registerSearchRoutes,
  registerNotificationRoutes,
  registerResponsibilityRoutes,
  registerTasksRoutes,
  registerInspectionRoutes,
  registerAssessmentRoutes,
  registerProblemsRoutes,
  registerDuesRoutes,
];
