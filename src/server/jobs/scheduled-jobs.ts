// Every scheduled job, in one static list.
import { refreshAlerts } from '../modules/alerts/alerts.service.ts';
import type { ScheduledJob } from './job-runner.ts';

export const SCHEDULED_JOBS: readonly ScheduledJob[] = [
  {
    name: 'alerts.refresh',
    label: '预警每日复核（按日期变化的条件：临近/逾期、到期未办）',
    every: 'daily',
    run: async (ctx) => {
      const r = await refreshAlerts(ctx);
      const sum = (k: 'opened' | 'closed') => r.reduce((n, s) => n + s[k], 0);
      return `新增${sum('opened')}条，关闭${sum('closed')}条`;
    },
  },
];
