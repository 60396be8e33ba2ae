// 发展党员's alert sources (预警), found by the 自查自纠 audit (development.service auditSubtree):
// procedure violations of a candidate's record, and step deadlines coming within the rulebook's
// window (the audit's `upcoming`).
import type { AlertFinding } from '../../../core/alerts/alerts.rules.ts';
import type { AlertSource } from '../alerts/alerts.registry.ts';
import { orgsByCodeUnder } from '../alerts/alert-orgs.ts';
import { auditSubtree } from './development.service.ts';

const auditPage = (orgId: number) => `/orgs/${orgId}/development/audit`;
const candidatePage = (id: number) => `/development/candidates/${id}`;

export const developmentAlerts: AlertSource = {
  id: 'development.audit',
  codes: [
    {
      code: 'DEV_VIOLATION',
      label: '发展党员程序违规',
      group: '发展党员',
      role: 'worker',
      page: auditPage,
    },
    {
      code: 'DEV_DEADLINE',
      label: '发展党员环节即将到期',
      group: '发展党员',
      role: 'worker',
      page: auditPage,
    },
  ],
  async find(ctx, db, scopePath, today) {
    // The audit reads on the caller's connection (inside a write transaction, its own state).
    const [report, orgs] = await Promise.all([
      auditSubtree({ ...ctx, db }, scopePath, today),
      orgsByCodeUnder(db, scopePath),
    ]);
    const out: AlertFinding[] = [];
    for (const v of report.violations) {
      const org = orgs.get(v.orgCode);
      if (!org) continue;
      out.push({
        code: 'DEV_VIOLATION',
        orgId: org.id,
        orgPath: org.path,
        subjectType: 'candidate',
        subjectId: `${v.candidateId}:${v.step}:${v.code}`,
        subjectLabel: v.candidate,
        detail: `${v.candidate}：${v.detail}`,
        link: candidatePage(v.candidateId),
      });
    }
    for (const u of report.upcoming) {
      const org = orgs.get(u.orgCode);
      if (!org) continue;
      out.push({
        code: 'DEV_DEADLINE',
        orgId: org.id,
        orgPath: org.path,
        subjectType: 'candidate',
        subjectId: `${u.candidateId}:${u.step}`,
        subjectLabel: u.candidate,
        due: u.due,
        detail: `${u.candidate}：${u.what}（期限${u.due}）`,
        link: candidatePage(u.candidateId),
      });
    }
    return out;
  },
};
