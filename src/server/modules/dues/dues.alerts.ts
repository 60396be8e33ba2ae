// 党费 alert sources (预警), listed in ../alert-sources.ts.
import type { AlertSource } from '../alerts/alerts.registry.ts';

export const duesAlerts: readonly AlertSource[] = [];
