// 党费 alert sources (预警), listed in ../alert-sources.ts.
import type { AlertSource } from '../alerts/alerts.registry.ts';
import { arrearsAlert } from './dues-arrears.alerts.ts';
import { remitGapAlert } from './relief/remit.alerts.ts';

export const duesAlerts: readonly AlertSource[] = [arrearsAlert, remitGapAlert];
