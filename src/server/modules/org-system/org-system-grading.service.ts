// Org-system services: grading.
import { decideGrade } from '../../../core/org-system/grading.rules.ts';
import type { GradeInput } from '../../../core/org-system/org-system.schemas.ts';
import { type GradingScheme } from '../../../core/org-system/org-system.types.ts';
import { countByCheck } from '../../../core/org-system/structure.rules.ts';
import { isBranchKind } from '../../../core/org/org.types.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import type { OrgRow } from '../../db/schema.ts';
import { badRequest, conflict, fromDecision } from '../../http/errors.ts';
import { openWeakCaseOnLowestGrade } from '../assessment/assessment.feeds.ts';
import { audit, requireOrg, today } from './org-system-common.service.ts';
import { canApproveOs, canReadOs } from './org-system.policy.ts';
import { presentGrading } from './org-system.presenter.ts';
import { structureReport } from './org-system.reports.ts';
import * as repo from './org-system.repository.ts';

function schemes(ctx: AppContext, on: string) {
  return ruleValue<Record<string, GradingScheme>>(ctx.config.rulebook, 'orgSystem.grading.schemes', on);
}

export async function listGradings(ctx: AppContext, rc: RequestContext, orgId: number, year: number) {
  const org = await requireOrg(ctx, rc, orgId, canReadOs);
  const rows = await repo.gradingsUnder(ctx.db, org.path, year);
  const on = `${year}-12-31`;
  return {
    data: {
      year,
      schemes: schemes(ctx, on),
      defaultScheme: ruleValue<string>(ctx.config.rulebook, 'orgSystem.grading.defaultScheme', on),
      gradings: rows.map(presentGrading),
    },
  };
}

/** The rating organisation: the branch's nearest 党委/党工委 above it. */
async function raterOf(ctx: AppContext, org: OrgRow): Promise<OrgRow | undefined> {
  const ids = org.path
    .split('/')
    .filter(Boolean)
    .map(Number)
    .filter((x) => x !== org.id)
    .reverse();
  for (const id of ids) {
    const o = await repo.findOrg(ctx.db, id);
    if (o && (o.kind === '党委' || o.kind === '党工委')) return o;
  }
  return undefined;
}

export async function grade(ctx: AppContext, rc: RequestContext, orgId: number, input: GradeInput) {
  const org = await requireOrg(ctx, rc, orgId, canApproveOs);
  if (!isBranchKind(org.kind)) throw badRequest('GRADE_KIND', '只对党支部进行分类定级', 'orgId');
  const on = `${input.year}-12-31`;
  const schemeId =
    input.scheme ?? ruleValue<string>(ctx.config.rulebook, 'orgSystem.grading.defaultScheme', on);
  const scheme = schemes(ctx, on)[schemeId];
  if (!scheme) throw badRequest('GRADE_SCHEME', `定级方案“${schemeId}”不存在`, 'scheme');
  const rater = await raterOf(ctx, org);
  if (!rater) throw badRequest('GRADE_RATER', '未找到负责定级的上级党委', 'orgId');
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await repo.gradingOf(trx, org.id, input.year);
    if (existing && existing.scheme !== schemeId)
      throw conflict('GRADE_SCHEME_MISMATCH', `本年度已按“${existing.scheme}”方案定级`, 'scheme');
    const base = await repo.countBranchesUnder(trx, rater.path, ['党支部', '联合党支部', '临时党支部']);
    const already = await repo.countGrade(trx, rater.id, input.year, input.grade, org.id);
    const d = decideGrade({ scheme, grade: input.grade, ratedBase: base, alreadyWithGrade: already });
    if (!d.ok) throw fromDecision(d);
    const row = await repo.upsertGrading(trx, existing?.id ?? null, {
      org_id: org.id,
      org_path: org.path,
      rater_org_id: rater.id,
      year: input.year,
      scheme: schemeId,
      grade: input.grade,
      evidence: input.evidence,
      approved_on: input.approvedOn,
      approver_user_id: rc.actor!.userId,
      created_at: ctx.now().toISOString(),
    });
    // 三类 (the scheme's lowest grade) → a 软弱涣散 case, unless one is open (考核, issue 18).
    await openWeakCaseOnLowestGrade(trx, ctx, rc, {
      org,
      year: input.year,
      grade: input.grade,
      grades: scheme.grades,
      on: input.approvedOn,
    });
    await appendAudit(
      trx,
      ctx.ring,
      audit(ctx, rc, 'orgsys.grade', 'os_grading', row.id, org.path, {
        before: existing ? { grade: existing.grade } : null,
        after: { year: input.year, scheme: schemeId, grade: input.grade },
      }),
    );
    return { data: presentGrading(row) };
  });
}

export async function structureExport(ctx: AppContext, rc: RequestContext, orgId: number) {
  const org = await requireOrg(ctx, rc, orgId, canReadOs);
  const on = today(ctx);
  const findings = await structureReport(ctx.db, ctx.config.rulebook, org, on);
  const counts = countByCheck(findings);
  const { structureWorkbook } = await import('./org-system.xlsx.ts');
  const buffer = await structureWorkbook(org, on, findings, counts);
  await ctx.db.transaction().execute((trx) =>
    appendAudit(
      trx,
      ctx.ring,
      audit(ctx, rc, 'orgsys.structure.export', 'org', org.id, org.path, {
        format: 'xlsx',
        findings: findings.length,
        on,
      }),
    ),
  );
  return { buffer, filename: `${org.code}-组织体系体检-${on}.xlsx` };
}
