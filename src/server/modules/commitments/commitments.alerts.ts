// 公开承诺's alert source (预警): published commitments whose leader review (点评) is due or
// overdue by the rulebook cadence, found by the same function as the 待点评 list.
import type { AlertFinding } from '../../../core/alerts/alerts.rules.ts';
import type { AlertSource } from '../alerts/alerts.registry.ts';
import { orgsByIdUnder } from '../alerts/alert-orgs.ts';
import { overdueReviews } from './commitments.service.ts';

export const reviewAlerts: AlertSource = {
  id: 'commitments.reviews',
  codes: [
    {
      code: 'REVIEW_OVERDUE',
      label: '承诺到期未点评',
      group: '创先争优',
      role: 'org_admin',
      page: (orgId) => `/orgs/${orgId}/commitments`,
    },
  ],
  async find(ctx, db, scopePath, today) {
    const [rows, orgs] = await Promise.all([
      overdueReviews(db, ctx.config.rulebook, scopePath, today),
      orgsByIdUnder(db, scopePath),
    ]);
    const out: AlertFinding[] = [];
    for (const r of rows) {
      const org = orgs.get(r.orgId);
      if (!org) continue;
      out.push({
        code: 'REVIEW_OVERDUE',
        orgId: r.orgId,
        orgPath: org.path,
        subjectType: 'commitment',
        subjectId: String(r.id),
        subjectLabel: r.committerName,
        since: r.state === 'overdue' ? r.dueOn : null,
        due: r.dueOn,
        detail: `${r.committerName}的承诺“${r.title}”${r.state === 'overdue' ? `点评已于${r.dueOn}到期` : '今日到期应点评'}（上次点评：${r.lastReviewOn ?? '无'}；点评人：${r.reviewer}）`,
        link: `/commitments/${r.id}`,
      });
    }
    return out;
  },
};
