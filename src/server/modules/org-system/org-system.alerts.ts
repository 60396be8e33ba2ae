// The organisation system's alert sources (预警): structure checks and secretary vacancy, term
// status (临近/逾期换届) and automatic 软弱涣散 signals, found by the same reports as the
// 体检, 届期 and 软弱涣散 pages.
import type { AlertFinding } from '../../../core/alerts/alerts.rules.ts';
import { STRUCTURE_CHECKS } from '../../../core/org-system/org-system.types.ts';
import type { AlertSource } from '../alerts/alerts.registry.ts';
import { structureReport, termsReport, weakSignalsReport } from './org-system.reports.ts';
import { subtreeOrgs } from './org-system.repository.ts';

const orgPage = (orgId: number) => `/orgs/${orgId}/org-system`;
const healthPage = (orgId: number) => `/orgs/${orgId}/org-system/health`;
/** The 换届 tab, where 请示 → 批复 → 选举 → 报告 resolves a term alert. */
const renewalPage = (orgId: number) => `/orgs/${orgId}/org-system?tab=renewal`;

const CHECK_KEYS = new Map(Object.entries(STRUCTURE_CHECKS).map(([k, v]) => [v as string, k]));

export const structureAlerts: AlertSource = {
  id: 'org-system.structure',
  codes: [
    { code: 'SECRETARY_VACANT', label: '书记空缺', group: '组织', role: 'org_admin', page: orgPage },
    { code: 'STRUCTURE_ISSUE', label: '组织设置不规范', group: '组织', role: 'org_admin', page: healthPage },
  ],
  async find(ctx, db, scopePath, today) {
    const orgs = await subtreeOrgs(db, scopePath);
    const paths = new Map(orgs.map((o) => [o.id, o.path]));
    const findings = await structureReport(db, ctx.config.rulebook, { id: 0, path: scopePath }, today);
    const out: AlertFinding[] = [];
    for (const f of findings) {
      const orgPath = paths.get(f.orgId);
      if (!orgPath || f.severity === '提示') continue;
      const vacancy = f.check === STRUCTURE_CHECKS.secretaryVacant;
      const unit = (f.evidence as { unitId?: number }).unitId;
      out.push({
        code: vacancy ? 'SECRETARY_VACANT' : 'STRUCTURE_ISSUE',
        orgId: f.orgId,
        orgPath,
        subjectType: 'org',
        subjectId: vacancy
          ? String(f.orgId)
          : `${f.orgId}:${CHECK_KEYS.get(f.check) ?? f.check}${unit ? `:${unit}` : ''}`,
        subjectLabel: f.orgName,
        since: vacancy ? ((f.evidence as { vacantSince?: string | null }).vacantSince ?? null) : null,
        detail: `${f.check}：${f.detail}`,
      });
    }
    return out;
  },
};

export const termAlerts: AlertSource = {
  id: 'org-system.terms',
  codes: [
    { code: 'TERM_OVERDUE', label: '逾期未换届', group: '组织', role: 'org_admin', page: renewalPage },
    { code: 'TERM_DUE_SOON', label: '临近换届', group: '组织', role: 'org_admin', page: renewalPage },
  ],
  async find(ctx, db, scopePath, today) {
    const orgs = await subtreeOrgs(db, scopePath);
    const paths = new Map(orgs.map((o) => [o.id, o.path]));
    const rows = await termsReport(db, ctx.config.rulebook, { id: 0, path: scopePath }, today);
    const out: AlertFinding[] = [];
    for (const r of rows) {
      const orgPath = paths.get(r.orgId);
      if (!orgPath || !r.termEnd || (r.status !== '逾期未换届' && r.status !== '临近换届')) continue;
      const overdue = r.status === '逾期未换届';
      out.push({
        code: overdue ? 'TERM_OVERDUE' : 'TERM_DUE_SOON',
        orgId: r.orgId,
        orgPath,
        subjectType: 'org',
        subjectId: String(r.orgId),
        subjectLabel: r.orgName,
        since: overdue ? r.termEnd : null,
        due: r.termEnd,
        detail: overdue
          ? `${r.orgName}${r.number ? `第${r.number}届` : ''}任期已于${r.termEnd}届满，尚未换届`
          : `${r.orgName}${r.number ? `第${r.number}届` : ''}任期将于${r.termEnd}届满，应及时启动换届`,
      });
    }
    return out;
  },
};

export const weakAlerts: AlertSource = {
  id: 'org-system.weak',
  codes: [{ code: 'WEAK_SIGNAL', label: '软弱涣散迹象', group: '组织', role: 'org_admin', page: orgPage }],
  async find(ctx, db, scopePath, today) {
    const orgs = await subtreeOrgs(db, scopePath);
    const paths = new Map(orgs.map((o) => [o.id, o.path]));
    const rows = await weakSignalsReport(db, ctx.config.rulebook, { id: 0, path: scopePath }, today);
    return rows.flatMap((r) =>
      r.signals.map((s) => ({
        code: 'WEAK_SIGNAL',
        orgId: r.orgId,
        orgPath: paths.get(r.orgId) ?? '',
        subjectType: 'org',
        subjectId: `${r.orgId}:${s.code}`,
        subjectLabel: r.orgName,
        detail: `${s.label}：${s.detail}`,
      })),
    );
  },
};
