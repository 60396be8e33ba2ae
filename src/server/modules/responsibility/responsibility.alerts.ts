// 党建责任制 alert sources (预警), listed in ../alert-sources.ts: overdue 责任清单 items and
// 责任书 not signed for within the rulebook's days.
import type { AlertFinding } from '../../../core/alerts/alerts.rules.ts';
import { addDays } from '../../../core/shared/dates.ts';
import type { AlertSource } from '../alerts/alerts.registry.ts';
import { ackDays, ITEMS_SOURCE, LETTERS_SOURCE } from './responsibility.common.ts';
import * as repo from './responsibility.repository.ts';

const itemAlerts: AlertSource = {
  id: ITEMS_SOURCE,
  codes: [
    {
      code: 'RESP_ITEM_OVERDUE',
      label: '责任清单事项逾期未完成',
      group: '评议考核',
      role: 'org_admin',
      page: (orgId) => `/orgs/${orgId}/responsibility`,
    },
  ],
  async find(_ctx, db, scopePath, today) {
    const rows = await repo.overdueItemsUnder(db, scopePath, today);
    return rows.map((r): AlertFinding => ({
      code: 'RESP_ITEM_OVERDUE',
      orgId: r.org_id,
      orgPath: r.org_path,
      subjectType: 'resp.item',
      subjectId: String(r.id),
      subjectLabel: `${r.person_name}（${r.post}）`,
      since: addDays(r.deadline, 1),
      due: r.deadline,
      detail: `${r.year}年度责任清单事项“${r.content.slice(0, 40)}”应于${r.deadline}完成，尚未完成`,
      link: `/orgs/${r.org_id}/responsibility?year=${r.year}`,
    }));
  },
};

const letterAlerts: AlertSource = {
  id: LETTERS_SOURCE,
  codes: [
    {
      code: 'RESP_LETTER_UNSIGNED',
      label: '责任书逾期未签收',
      group: '评议考核',
      role: 'org_admin',
      page: (orgId) => `/orgs/${orgId}/responsibility`,
    },
  ],
  async find(ctx, db, scopePath, today) {
    const days = ackDays(ctx, today);
    // Overdue once issued_on + days < today, i.e. issued before today − days.
    const rows = await repo.unacknowledgedUnder(db, scopePath, addDays(today, -days));
    return rows.map((l): AlertFinding => ({
      code: 'RESP_LETTER_UNSIGNED',
      orgId: l.org_id,
      orgPath: l.org_path,
      subjectType: 'resp.letter',
      subjectId: String(l.id),
      subjectLabel: l.org_name,
      since: addDays(l.issued_on, days + 1),
      due: addDays(l.issued_on, days),
      detail: `${l.issuer_org_name}于${l.issued_on}下达的《${l.title}》超过${days}日未签收`,
      link: `/orgs/${l.org_id}/responsibility?year=${l.year}`,
    }));
  },
};

export const responsibilityAlerts: readonly AlertSource[] = [itemAlerts, letterAlerts];
