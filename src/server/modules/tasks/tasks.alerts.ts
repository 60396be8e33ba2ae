// 工作任务 alert sources (预警), listed in ../alert-sources.ts: 逾期未报 on the receiving
// organisation, and 超过减负上限 on the issuing one (this month and last, so the monthly review sees it).
import type { AlertFinding } from '../../../core/alerts/alerts.rules.ts';
import { addMonths } from '../../../core/shared/dates.ts';
import { targetStatus, type TargetState } from '../../../core/tasks/tasks.rules.ts';
import type { AlertSource } from '../alerts/alerts.registry.ts';
import * as repo from './tasks.repository.ts';

const overdue: AlertSource = {
  id: 'tasks.overdue',
  codes: [
    {
      code: 'TASK_OVERDUE',
      label: '任务逾期未报送',
      group: '评议考核',
      role: 'worker',
      page: (orgId) => `/orgs/${orgId}/tasks`,
    },
  ],
  async find(_ctx, db, scopePath, today) {
    const out: AlertFinding[] = [];
    for (const g of await repo.targetsUnder(db, scopePath)) {
      const s = targetStatus(
        { deadline: g.deadline, state: g.state as TargetState, submittedOn: g.submitted_on },
        today,
      );
      if (s !== 'overdue') continue;
      out.push({
        code: 'TASK_OVERDUE',
        orgId: g.org_id,
        orgPath: g.org_path,
        subjectType: 'task_target',
        subjectId: String(g.id),
        subjectLabel: g.org_name,
        since: g.deadline,
        due: g.deadline,
        detail: `${g.issuer_name}下达的“${g.title}”已于${g.deadline}截止，${g.org_name}尚未报送${g.state === 'returned' ? '（报送被退回后未重新报送）' : ''}`,
        link: `/tasks/${g.task_id}`,
      });
    }
    return out;
  },
};

const overCap: AlertSource = {
  id: 'tasks.overcap',
  codes: [
    {
      code: 'TASK_OVER_CAP',
      label: '下达任务超过减负上限',
      group: '评议考核',
      role: 'org_admin',
      page: (orgId) => `/orgs/${orgId}/tasks`,
    },
  ],
  async find(_ctx, db, scopePath, today) {
    const since = addMonths(`${today.slice(0, 7)}-01`, -1);
    const byIssuerMonth = new Map<
      string,
      { orgId: number; path: string; name: string; month: string; n: number }
    >();
    for (const t of await repo.overCapUnder(db, scopePath, since)) {
      const key = `${t.issuer_org_id}:${t.issued_on.slice(0, 7)}`;
      const e = byIssuerMonth.get(key) ?? {
        orgId: t.issuer_org_id,
        path: t.issuer_path,
        name: t.issuer_name,
        month: t.issued_on.slice(0, 7),
        n: 0,
      };
      e.n += 1;
      byIssuerMonth.set(key, e);
    }
    return [...byIssuerMonth.values()].map((e) => ({
      code: 'TASK_OVER_CAP',
      orgId: e.orgId,
      orgPath: e.path,
      subjectType: 'task_month',
      subjectId: `${e.orgId}:${e.month}`,
      subjectLabel: e.name,
      since: `${e.month}-01`,
      detail: `${e.name}${Number(e.month.slice(5))}月下达任务超过减负上限${e.n}项`,
      link: `/orgs/${e.orgId}/tasks?tab=outbox`,
    }));
  },
};

export const tasksAlerts: readonly AlertSource[] = [overdue, overCap];
