// Every module's alert sources (预警), in one static list like module-routes.ts.
import type { AlertSource } from './alerts/alerts.registry.ts';
import { structureAlerts, termAlerts, weakAlerts } from './org-system/org-system.alerts.ts';

export const ALERT_SOURCES: readonly AlertSource[] = [structureAlerts, termAlerts, weakAlerts];
