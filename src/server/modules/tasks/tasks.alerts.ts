// 工作任务 alert sources (预警), listed in ../alert-sources.ts.
import type { AlertSource } from '../alerts/alerts.registry.ts';

export const tasksAlerts: readonly AlertSource[] = [];
