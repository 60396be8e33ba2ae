// Every scheduled job, in one static list.
import { refreshAlerts } from '../modules/alerts/alerts.service.ts';
import { refreshIndicators } from '../modules/indicators/indicators.service.ts';
import {
  notifyDevelopmentDeadlines,
  notifyTermsDue,
  sendDailyDigests,
} from '../modules/notifications/notifications.jobs.ts';
import { generateCurrentMonth } from '../modules/dues/dues-ledger.jobs.ts';
import { remindTaskDeadlines } from '../modules/tasks/tasks.jobs.ts';
import type { ScheduledJob } from './job-runner.ts';

export const SCHEDULED_JOBS: readonly ScheduledJob[] = [
  {
    name: 'indicators.refresh',
    label: '工作台指标每小时重算（本月，按组织树逐级汇总）',
    every: 60 * 60 * 1000,
    run: async (ctx) => `已更新${(await refreshIndicators(ctx)).rows}项`,
  },
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
  {
    name: 'notifications.development',
    label: '发展党员期限提醒（通知所在党支部的党务工作者）',
    every: 'daily',
    run: async (ctx) => {
      const r = await notifyDevelopmentDeadlines(ctx);
      return `临近期限${r.found}项，新发通知${r.created}条`;
    },
  },
  {
    name: 'notifications.terms',
    label: '临近换届提醒（通知本组织和上级组织）',
    every: 'daily',
    run: async (ctx) => {
      const r = await notifyTermsDue(ctx);
      return `临近换届${r.found}个组织，新发通知${r.created}条`;
    },
  },
  {
    name: 'tasks.remind',
    label: '工作任务截止提醒（截止前若干天及逾期时通知未报送的组织）',
    every: 'daily',
    run: async (ctx) => {
      const r = await remindTaskDeadlines(ctx);
      return `待提醒${r.found}项，新发通知${r.created}条`;
    },
  },
  {
    name: 'dues.ledger',
    label: '生成本月党费台账（每月1日起逐日补齐新入党、转入和基数变动的党员）',
    every: 'daily',
    run: async (ctx, rc) => {
      const r = await generateCurrentMonth(ctx, rc);
      return `${r.month}新增${r.created}条，更新${r.updated}条，缺少缴费基数${r.withoutBase}人`;
    },
  },
  // After the other jobs, so the digest counts what they sent today and the refreshed alerts.
  {
    name: 'notifications.digest',
    label: '每日通知汇总（未读通知和本组织预警）',
    every: 'daily',
    run: async (ctx) => {
      const r = await sendDailyDigests(ctx);
      return `汇总${r.found}人，新发通知${r.created}条`;
    },
  },
];
