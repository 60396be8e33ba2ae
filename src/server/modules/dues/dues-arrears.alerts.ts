// DUES_ARREARS (预警, issue 19 part A): a member with dues.arrearsAlertMonths or more unpaid
// months in a row (up to the last closed month, approved waivers ending a run) — on the branch
// where the member is due.
import type { AlertFinding } from '../../../core/alerts/alerts.rules.ts';
import { addMonths, lastClosedMonth } from '../../../core/dues/ledger.rules.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { pathUpperBound } from '../../db/dialect.ts';
import type { AlertSource } from '../alerts/alerts.registry.ts';
import { ARREARS_SOURCE } from './dues-common.ts';
import { consecutiveUnpaid } from './dues-ledger.repository.ts';

export const arrearsAlert: AlertSource = {
  id: ARREARS_SOURCE,
  codes: [
    {
      code: 'DUES_ARREARS',
      label: '党员连续欠缴党费',
      group: '党员',
      role: 'worker',
      page: (orgId) => `/orgs/${orgId}/dues`,
    },
  ],
  async find(ctx, db, scopePath, today) {
    const min = ruleValue<number>(ctx.config.rulebook, 'dues.arrearsAlertMonths', today);
    const lapse = ruleValue<number>(ctx.config.rulebook, 'dues.selfLapseMonths', today);
    const asOf = lastClosedMonth(today);
    const runs = await consecutiveUnpaid(db, scopePath, asOf);
    const ids = [...runs].filter(([, n]) => n >= min).map(([id]) => id);
    if (ids.length === 0) return [];
    const out: AlertFinding[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await db
        .selectFrom('dues_ledger as l')
        .innerJoin('persons as p', 'p.id', 'l.person_id')
        .select(['l.person_id', 'p.name', 'l.org_id', 'l.org_path'])
        .where('l.person_id', 'in', ids.slice(i, i + 500))
        .where('l.month', '=', asOf)
        .where('l.org_path', '>=', scopePath)
        .where('l.org_path', '<', pathUpperBound(scopePath))
        .execute();
      for (const r of rows) {
        const n = runs.get(r.person_id)!;
        const firstUnpaid = addMonths(asOf, -(n - 1));
        out.push({
          code: 'DUES_ARREARS',
          orgId: r.org_id,
          orgPath: r.org_path,
          subjectType: 'person',
          subjectId: String(r.person_id),
          subjectLabel: r.name,
          // Overdue once the first unpaid month is over.
          since: `${addMonths(firstUnpaid, 1)}-01`,
          detail: `${r.name}自${firstUnpaid}起已连续${n}个月未交纳党费${n >= lapse ? `，已满${lapse}个月，请支部按党章第九条研究处置` : ''}`,
        });
      }
    }
    return out;
  },
};
