// 考核 services: ranking of an organisation's children, 重新计算, weights and manual scores.
// load → decide (core rule) → persist → audit, one transaction per change.
import { validateManual, validateWeights } from '../../../core/assessment/assessment.rules.ts';
import type { ManualInput, WeightsInput } from '../../../core/assessment/assessment.schemas.ts';
import { LEVEL_LABELS, type AssessLevel } from '../../../core/assessment/assessment.types.ts';
import { chinaDate } from '../../../core/shared/dates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import { denied } from '../../authz.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import type { OrgRow } from '../../db/schema.ts';
import { badRequest, fromDecision, notFound } from '../../http/errors.ts';
import { hasAnyRole, inScope } from '../../http/policy.ts';
import { findOrgById, findOrgsByIds } from '../orgs/orgs.repository.ts';
import { refreshAlertsIn } from '../alerts/alerts.service.ts';
import { ASSESS_ALERT_SOURCE } from './assessment.alerts.ts';
import type { Measured } from './assessment.measure.ts';
import * as repo from './assessment.repository.ts';
import {
  computeOne,
  computeRanking,
  effectiveLibrary,
  levelOfKind,
  libraryOf,
} from './assessment.scoring.ts';

export const ASSESS_READERS = ['org_admin', 'worker'] as const;
export const ASSESS_WRITERS = ['org_admin'] as const;

const thisYear = (ctx: AppContext) => Number(chinaDate(ctx.now()).slice(0, 4));

function checkYear(ctx: AppContext, year: number) {
  if (year > thisYear(ctx)) throw badRequest('YEAR_FUTURE', '考核年度不能晚于本年度', 'year');
}

async function requireOrg(
  ctx: AppContext,
  rc: RequestContext,
  orgId: number | undefined,
  roles: readonly string[],
): Promise<OrgRow> {
  const actor = rc.actor!;
  const org = await findOrgById(ctx.db, orgId ?? actor.scopeOrgId);
  if (!org) throw notFound('组织');
  if (!hasAnyRole(actor, roles as never) || !inScope(actor, org.path))
    throw await denied(ctx, rc, 'org', org.id, 'scope');
  return org;
}

function audit(
  ctx: AppContext,
  rc: RequestContext,
  action: string,
  org: OrgRow,
  detail: Record<string, unknown>,
) {
  return {
    at: ctx.now().toISOString(),
    result: 'ok' as const,
    actorUserId: rc.actor?.userId ?? null,
    actorUsername: rc.actor?.username ?? null,
    requestId: rc.meta.requestId,
    ip: rc.meta.ip,
    action,
    objectType: 'org',
    objectId: org.id,
    scopePath: org.path,
    detail,
  };
}

const presentRow = (r: repo.ScoreRow) => ({
  orgId: r.org_id,
  orgCode: r.org_code,
  orgName: r.org_name,
  level: r.level,
  total: r.total,
  rank: r.rank,
  indicators: r.indicators,
});

/** The children of `orgId` ranked for the year: the stored snapshot, else computed now (not stored). */
export async function ranking(
  ctx: AppContext,
  rc: RequestContext,
  q: { orgId?: number | undefined; year?: number | undefined },
) {
  const org = await requireOrg(ctx, rc, q.orgId, ASSESS_READERS);
  const year = q.year ?? thisYear(ctx);
  checkYear(ctx, year);
  const stored = await repo.scoresOf(ctx.db, org.id, year);
  const rows = stored.length > 0 ? stored : await computeRanking(ctx, org, year);
  const canWrite = hasAnyRole(rc.actor!, ASSESS_WRITERS);
  return {
    data: {
      org: { id: org.id, code: org.code, name: org.name },
      year,
      computedAt: stored.length > 0 ? stored[0]!.computed_at : null,
      rows: rows.map(presentRow),
      policies: { recompute: canWrite, weights: canWrite, manual: canWrite },
    },
  };
}

/** 重新计算: computes and stores the year's snapshot of `orgId`'s children. */
export async function recompute(ctx: AppContext, rc: RequestContext, input: { orgId: number; year: number }) {
  const org = await requireOrg(ctx, rc, input.orgId, ASSESS_WRITERS);
  checkYear(ctx, input.year);
  return storeRanking(ctx, rc, org, input.year);
}

/** Computes and stores one assessor's snapshot (also the seed's and the CLI's way in). */
export async function storeRanking(
  ctx: AppContext,
  rc: RequestContext,
  org: OrgRow,
  year: number,
  pre?: Measured,
) {
  const rows = await computeRanking(ctx, org, year, pre);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.replaceScores(trx, org.id, year, rows);
    // 党建考核得分偏低 opens or closes with the stored scores.
    await refreshAlertsIn(ctx, trx, [ASSESS_ALERT_SOURCE], org.path);
    await appendAudit(
      trx,
      ctx.ring,
      audit(ctx, rc, 'assessment.recompute', org, {
        after: { year, rows: rows.map((r) => ({ org: r.org_code, total: r.total, rank: r.rank })) },
      }),
    );
  });
  return {
    data: { year, computedAt: rows[0]?.computed_at ?? ctx.now().toISOString(), rows: rows.map(presentRow) },
  };
}

export async function getWeights(
  ctx: AppContext,
  rc: RequestContext,
  q: { orgId?: number | undefined; year?: number | undefined; level: AssessLevel },
) {
  const org = await requireOrg(ctx, rc, q.orgId, ASSESS_READERS);
  const year = q.year ?? thisYear(ctx);
  const lib = await effectiveLibrary(ctx, ctx.db, org, year, q.level);
  const setBy = lib.setBy === null ? null : (await findOrgsByIds(ctx.db, [lib.setBy]))[0];
  return {
    data: {
      org: { id: org.id, name: org.name },
      year,
      level: q.level,
      levelLabel: LEVEL_LABELS[q.level],
      indicators: lib.defs,
      sum: lib.defs.reduce((s, d) => s + d.weight, 0),
      source: setBy ? `${setBy.name}设置（${lib.updatedAt?.slice(0, 10) ?? ''}）` : '规则库默认权重',
      defaults: libraryOf(ctx, q.level, year).map((d) => ({ key: d.key, weight: d.weight })),
      canEdit: hasAnyRole(rc.actor!, ASSESS_WRITERS),
    },
  };
}

/** Weights of one level for a year: every indicator named, pending ones 0, summing to 100. */
export async function putWeights(ctx: AppContext, rc: RequestContext, input: WeightsInput) {
  const org = await requireOrg(ctx, rc, input.orgId, ASSESS_WRITERS);
  const d = validateWeights(libraryOf(ctx, input.level, input.year), input.weights);
  if (!d.ok) throw fromDecision(d);
  const weights = d.value.map((x) => ({ key: x.key, weight: x.weight }));
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.upsertWeights(trx, {
      org_id: org.id,
      org_path: org.path,
      year: input.year,
      level: input.level,
      weights: JSON.stringify(weights),
      updated_by: rc.actor!.userId,
      updated_at: ctx.now().toISOString(),
    });
    await appendAudit(
      trx,
      ctx.ring,
      audit(ctx, rc, 'assessment.weights.set', org, {
        before: before ? { weights: JSON.parse(before) as unknown } : null,
        after: { year: input.year, level: input.level, weights },
      }),
    );
  });
  return getWeights(ctx, rc, { orgId: org.id, year: input.year, level: input.level });
}

/** Manual indicators of `orgId`'s children for the year, with what was entered. */
export async function listManual(
  ctx: AppContext,
  rc: RequestContext,
  q: { orgId?: number | undefined; year?: number | undefined },
) {
  const org = await requireOrg(ctx, rc, q.orgId, ASSESS_READERS);
  const year = q.year ?? thisYear(ctx);
  const children = await repo.childrenOf(ctx.db, org.id);
  const entries = await repo.manualOf(
    ctx.db,
    children.map((c) => c.id),
    year,
  );
  const defsBy = new Map<AssessLevel, Awaited<ReturnType<typeof effectiveLibrary>>['defs']>();
  for (const level of new Set(children.map((c) => levelOfKind(c.kind))))
    defsBy.set(level, (await effectiveLibrary(ctx, ctx.db, org, year, level)).defs);
  return {
    data: {
      year,
      rows: children.map((c) => ({
        orgId: c.id,
        orgCode: c.code,
        orgName: c.name,
        indicators: (defsBy.get(levelOfKind(c.kind)) ?? [])
          .filter((d) => d.kind === 'manual')
          .map((d) => {
            const e = entries.find((x) => x.org_id === c.id && x.key === d.key);
            return {
              key: d.key,
              label: d.label,
              weight: d.weight,
              score: e?.score ?? null,
              evidence: e?.evidence ?? null,
              enteredAt: e?.entered_at ?? null,
            };
          }),
      })),
      canEdit: hasAnyRole(rc.actor!, ASSESS_WRITERS),
    },
  };
}

/** A manual score, by the assessing level (never the organisation itself), with evidence. */
export async function enterManual(ctx: AppContext, rc: RequestContext, input: ManualInput) {
  const actor = rc.actor!;
  const org = await requireOrg(ctx, rc, input.orgId, ASSESS_WRITERS);
  if (org.path === actor.scopePath || org.parent_id === null)
    throw await denied(ctx, rc, 'org', org.id, 'self-assessment');
  checkYear(ctx, input.year);
  const parent = (await findOrgById(ctx.db, org.parent_id))!;
  const lib = await effectiveLibrary(ctx, ctx.db, parent, input.year, levelOfKind(org.kind));
  const d = validateManual(
    lib.defs.find((x) => x.key === input.key),
    input.score,
    input.evidence,
  );
  if (!d.ok) throw fromDecision(d);
  const evidence = input.evidence.trim();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const r = await repo.upsertManual(trx, {
      assessor_org_id: parent.id,
      org_id: org.id,
      org_path: org.path,
      year: input.year,
      key: input.key,
      score: input.score,
      evidence,
      entered_by: actor.userId,
      entered_at: ctx.now().toISOString(),
    });
    await appendAudit(
      trx,
      ctx.ring,
      audit(ctx, rc, 'assessment.manual.score', org, {
        before: r.before,
        after: { year: input.year, key: input.key, score: input.score, evidence },
      }),
    );
    return r.id;
  });
  return { data: { id, orgId: org.id, year: input.year, key: input.key, score: input.score, evidence } };
}

/** One organisation's own breakdown (计算依据 for branch grading): stored, else computed now. */
export async function evidence(
  ctx: AppContext,
  rc: RequestContext,
  q: { orgId: number; year?: number | undefined },
) {
  const org = await requireOrg(ctx, rc, q.orgId, ASSESS_READERS);
  const year = q.year ?? thisYear(ctx);
  checkYear(ctx, year);
  return { data: await breakdownOf(ctx, org, year) };
}

export async function breakdownOf(ctx: AppContext, org: OrgRow, year: number) {
  const stored = await repo.scoreOfOrg(ctx.db, org.id, year);
  if (stored) return { ...presentRow(stored), year, computedAt: stored.computed_at };
  const parentPath =
    org.parent_id === null ? null : ((await findOrgById(ctx.db, org.parent_id))?.path ?? null);
  const s = await computeOne(ctx, { ...org, parentPath }, year);
  return {
    orgId: org.id,
    orgCode: org.code,
    orgName: org.name,
    level: s.level,
    total: s.total,
    rank: null,
    indicators: s.indicators,
    year,
    computedAt: null,
  };
}
