// 考核 alert sources (预警), listed in ../alert-sources.ts: an organisation whose stored annual
// score (this year's, else last year's) is below the rulebook's line, for its assessing level.
import type { AlertFinding } from '../../../core/alerts/alerts.rules.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import type { AlertSource } from '../alerts/alerts.registry.ts';

export const ASSESS_ALERT_SOURCE = 'assessment.low';

export const assessmentAlerts: readonly AlertSource[] = [
  {
    id: ASSESS_ALERT_SOURCE,
    codes: [
      {
        code: 'ASSESS_LOW',
        label: '党建考核得分偏低',
        group: '评议考核',
        role: 'org_admin',
        page: (orgId) => `/orgs/${orgId}/assessment`,
      },
    ],
    async find(ctx, db, scopePath, today) {
      const line = ruleValue<number>(ctx.config.rulebook, 'assessment.lowScore', today);
      const year = Number(today.slice(0, 4));
      const rows = await db
        .selectFrom('assess_scores')
        .select(['org_id', 'org_path', 'org_name', 'assessor_org_id', 'year', 'total', 'rank', 'computed_at'])
        .where('org_path', 'like', `${scopePath}%`)
        .where('year', 'in', [year, year - 1])
        .execute();
      // The latest year scored per organisation.
      const latest = new Map<number, (typeof rows)[number]>();
      for (const r of rows) {
        const id = Number(r.org_id);
        if ((latest.get(id)?.year ?? 0) < r.year) latest.set(id, r);
      }
      const out: AlertFinding[] = [];
      for (const r of latest.values()) {
        if (Number(r.total) >= line) continue;
        out.push({
          code: 'ASSESS_LOW',
          orgId: Number(r.org_id),
          orgPath: r.org_path,
          subjectType: 'org',
          subjectId: `${Number(r.org_id)}:${r.year}`,
          subjectLabel: r.org_name,
          since: r.computed_at.slice(0, 10),
          detail: `${r.year}年度党建考核${Number(r.total)}分，低于${line}分（第${Number(r.rank)}名）`,
          link: `/orgs/${Number(r.assessor_org_id)}/assessment`,
        });
      }
      return out;
    },
  },
];
