// Every module's alert sources (预警), in one static list like module-routes.ts.
import type { AlertSource } from './alerts/alerts.registry.ts';
import { reviewAlerts } from './commitments/commitments.alerts.ts';
import { developmentAlerts } from './development/development.alerts.ts';
import { lostContactAlerts, rectificationAlerts } from './evaluation/evaluation.alerts.ts';
import { complianceAlerts, planAlerts, planCopyAlerts, qualityAlerts } from './org-life/org-life.alerts.ts';
import { structureAlerts, termAlerts, weakAlerts } from './org-system/org-system.alerts.ts';
import { floatingAlerts, graduateAlerts, transferAlerts } from './roster/roster.alerts.ts';
import { responsibilityAlerts } from './responsibility/responsibility.alerts.ts';
import { tasksAlerts } from './tasks/tasks.alerts.ts';
import { inspectionAlerts } from './inspection/inspection.alerts.ts';
import { assessmentAlerts } from './assessment/assessment.alerts.ts';
import { problemsAlerts } from './problems/problems.alerts.ts';
import { duesAlerts } from './dues/dues.alerts.ts';

/**
 * A function, not a constant: sources import their module's services, which refresh alerts
 * through the registry, which reads this list — an import cycle in which a top-level array could
 * be built before a source module has finished loading.
 */
export const alertSources = (): readonly AlertSource[] => [
  structureAlerts,
  termAlerts,
  weakAlerts,
  complianceAlerts,
  qualityAlerts,
  planAlerts,
  planCopyAlerts,
  developmentAlerts,
  reviewAlerts,
  rectificationAlerts,
  lostContactAlerts,
  transferAlerts,
  graduateAlerts,
  floatingAlerts,
  ...responsibilityAlerts,
  ...tasksAlerts,
  ...inspectionAlerts,
  ...assessmentAlerts,
  ...problemsAlerts,
  ...duesAlerts,
];
