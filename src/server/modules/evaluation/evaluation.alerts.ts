// 评议考核's alert sources (预警): rectifications (整改) past their deadline and not closed, found
// by the 整改台账's own filter; members registered as lost contact (失联登记) still open.
import type { AlertFinding } from '../../../core/alerts/alerts.rules.ts';
import type { AlertSource } from '../alerts/alerts.registry.ts';
import { orgsByIdUnder } from '../alerts/alert-orgs.ts';
import { listRectifications } from './rectification/rectification.service.ts';
import { lostContactsUnder } from './targets.repository.ts';

/** Every overdue item of a scope (the board pages by 200; the registry needs them all). */
const ALL = Number.MAX_SAFE_INTEGER;

export const rectificationAlerts: AlertSource = {
  id: 'evaluation.rectifications',
  codes: [
    {
      code: 'RECTIFICATION_OVERDUE',
      label: '整改逾期未完成',
      group: '评议考核',
      role: 'org_admin',
      page: (orgId) => `/orgs/${orgId}/evaluation?tab=rectifications`,
    },
  ],
  async find(_ctx, db, scopePath, today) {
    const items = await listRectifications(db, scopePath, { overdueOn: today }, today, ALL);
    return items.map((r): AlertFinding => ({
      code: 'RECTIFICATION_OVERDUE',
      orgId: r.orgId,
      orgPath: r.orgPath,
      subjectType: 'rectification',
      subjectId: String(r.id),
      subjectLabel: r.owner?.name ?? r.title,
      since: r.deadline,
      due: r.deadline,
      detail: `整改事项“${r.title}”应于${r.deadline}前完成，${r.status === 'closure_requested' ? '已申请销号，待上级审核' : '尚未销号'}`,
    }));
  },
};

export const lostContactAlerts: AlertSource = {
  id: 'evaluation.lost-contacts',
  codes: [
    {
      code: 'LOST_CONTACT',
      label: '失去联系的党员',
      group: '党员',
      role: 'org_admin',
      page: (orgId) => `/orgs/${orgId}/evaluation?tab=proposals`,
    },
  ],
  async find(_ctx, db, scopePath) {
    const [rows, orgs] = await Promise.all([lostContactsUnder(db, scopePath), orgsByIdUnder(db, scopePath)]);
    const out: AlertFinding[] = [];
    for (const r of rows) {
      const org = orgs.get(r.org_id);
      if (!org) continue;
      out.push({
        code: 'LOST_CONTACT',
        orgId: r.org_id,
        orgPath: r.org_path,
        subjectType: 'lost-contact',
        subjectId: String(r.id),
        subjectLabel: r.name,
        since: r.since,
        detail: `${r.name}自${r.since}起失去联系（${org.name}已登记），应继续查找或按规定处置`,
      });
    }
    return out;
  },
};
