// 督查 alert sources (预警), listed in ../alert-sources.ts. Both alerts sit on the issuing
// committee: it is the one that must visit, or turn a serious finding into 整改; the inspected
// branch can do neither.
import type { AlertFinding } from '../../../core/alerts/alerts.rules.ts';
import { findingOpenTooLong, targetStatus } from '../../../core/inspection/inspection.rules.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { addDays } from '../../../core/shared/dates.ts';
import type { AlertSource } from '../alerts/alerts.registry.ts';
import { openSeriousFindingsIssuedUnder, targetsIssuedUnder } from './inspection.repository.ts';

const visitAlerts: AlertSource = {
  id: 'inspection.visits',
  codes: [
    {
      code: 'INSPECTION_OVERDUE',
      label: '督查逾期未开展',
      group: '评议考核',
      role: 'org_admin',
      page: (orgId) => `/orgs/${orgId}/inspections`,
    },
  ],
  async find(_ctx, db, scopePath, today) {
    const out: AlertFinding[] = [];
    for (const t of await targetsIssuedUnder(db, scopePath)) {
      if (targetStatus(t.planned_on, t.visit_id === null ? null : t.planned_on, today) !== 'overdue')
        continue;
      out.push({
        code: 'INSPECTION_OVERDUE',
        orgId: t.plan_org_id,
        orgPath: t.plan_org_path,
        subjectType: 'inspection_target',
        subjectId: String(t.id),
        subjectLabel: t.org_name,
        since: t.planned_on,
        due: t.planned_on,
        detail: `督查计划“${t.plan_title}”原定${t.planned_on}督查${t.org_name}，至今未登记督查记录`,
        link: `/inspections/plans/${t.plan_id}`,
      });
    }
    return out;
  },
};

const findingAlerts: AlertSource = {
  id: 'inspection.findings',
  codes: [
    {
      code: 'INSPECTION_FINDING_OPEN',
      label: '督查严重问题未转整改',
      group: '评议考核',
      role: 'org_admin',
      page: (orgId) => `/orgs/${orgId}/inspections`,
    },
  ],
  async find(ctx, db, scopePath, today) {
    const days = ruleValue<number>(ctx.config.rulebook, 'inspection.finding.openDays', today);
    const out: AlertFinding[] = [];
    for (const f of await openSeriousFindingsIssuedUnder(db, scopePath)) {
      const finding = { severity: f.severity, recordedOn: f.recorded_on, rectItemId: f.rect_item_id };
      if (!findingOpenTooLong(finding, days, today)) continue;
      out.push({
        code: 'INSPECTION_FINDING_OPEN',
        orgId: f.plan_org_id,
        orgPath: f.plan_org_path,
        subjectType: 'inspection_finding',
        subjectId: String(f.id),
        subjectLabel: f.org_name,
        since: addDays(f.recorded_on, days + 1),
        due: addDays(f.recorded_on, days),
        detail: `${f.org_name}督查发现的严重问题“${f.text.slice(0, 40)}”登记已超过${days}天，尚未转为整改事项`,
        link: `/inspections/visits/${f.visit_id}`,
      });
    }
    return out;
  },
};

export const inspectionAlerts: readonly AlertSource[] = [visitAlerts, findingAlerts];
