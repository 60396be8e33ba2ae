// DUES_REMIT_GAP (预警, issue 19 part C): an organisation that has not remitted to its parent
// exactly what it collected for a period once the period's grace (rulebook) has passed. The alert
// sits on the organisation that must remit; the last 24 periods are looked at.
import type { AlertFinding } from '../../../../core/alerts/alerts.rules.ts';
import { addMonthsTo, checkPeriod, remitDueOn, yuan } from '../../../../core/dues/relief.rules.ts';
import { ruleValue } from '../../../../core/rulebook/rulebook.ts';
import { addDays } from '../../../../core/shared/dates.ts';
import { pathUpperBound } from '../../../db/dialect.ts';
import type { AlertSource } from '../../alerts/alerts.registry.ts';
import { REMIT_SOURCE } from './relief.common.ts';
import { figuresOf, periodFigures } from './remit-figures.ts';

const WINDOW_MONTHS = 24;
const BRANCH_KINDS = ['党支部', '联合党支部', '临时党支部'];

export const remitGapAlert: AlertSource = {
  id: REMIT_SOURCE,
  codes: [
    {
      code: 'DUES_REMIT_GAP',
      label: '党费未足额上缴',
      group: '组织',
      role: 'org_admin',
      page: (orgId) => `/orgs/${orgId}/dues/overview`,
    },
  ],
  async find(ctx, db, scopePath, today) {
    const grace = ruleValue<number>(ctx.config.rulebook, 'dues.remit.graceDays', today);
    const orgs = await db
      .selectFrom('orgs')
      .select(['id', 'name', 'path', 'kind', 'parent_id'])
      .where('path', '>=', scopePath)
      .where('path', '<', pathUpperBound(scopePath))
      .where('parent_id', 'is not', null)
      .where('kind', '!=', '党小组')
      .execute();
    const month = today.slice(0, 7);
    const from = addMonthsTo(month, -WINDOW_MONTHS);
    const to = addMonthsTo(month, -1);
    const figures = await periodFigures(
      db,
      orgs.map((o) => Number(o.id)),
      from,
      to,
    );
    const out: AlertFinding[] = [];
    for (const o of orgs) {
      for (let period = from; period <= to; period = addMonthsTo(period, 1)) {
        const f = figuresOf(figures, Number(o.id), period);
        const collectedFen = f.directFen + f.receivedFen;
        const c = checkPeriod(
          { collectedFen, remittedFen: f.remittedFen, bankFen: f.bankFen },
          period,
          today,
          grace,
          true,
        );
        if (!c.remitOverdue) continue;
        const due = remitDueOn(period, grace);
        out.push({
          code: 'DUES_REMIT_GAP',
          orgId: Number(o.id),
          orgPath: o.path,
          subjectType: 'dues_remit_period',
          subjectId: `${o.id}:${period}`,
          subjectLabel: `${o.name}${period}`,
          since: addDays(due, 1),
          due,
          detail:
            c.remitGapFen > 0
              ? `${o.name}${period}收缴党费${yuan(collectedFen)}元，已上缴${yuan(f.remittedFen)}元，尚有${yuan(c.remitGapFen)}元未上缴`
              : `${o.name}${period}上缴党费${yuan(f.remittedFen)}元，比收缴的${yuan(collectedFen)}元多${yuan(-c.remitGapFen)}元，请核对`,
          link: BRANCH_KINDS.includes(o.kind) ? `/orgs/${o.id}/dues` : `/orgs/${o.id}/dues/overview`,
        });
      }
    }
    return out;
  },
};
