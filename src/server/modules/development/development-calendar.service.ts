// Development services: work calendar and quotas.
import { appendAudit } from '../../audit/audit.repository.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import { badRequest } from '../../http/errors.ts';
import { auditBase, requireOrg } from './development-common.service.ts';
import { canReadDev, canSetQuota } from './development.policy.ts';
import * as repo from './development.repository.ts';

export async function calendar(ctx: AppContext, year: number | undefined) {
  const days = await repo.calendarDays(ctx.db);
  return {
    data: days
      .filter((d) => year === undefined || d.day.startsWith(`${year}-`))
      .map((d) => ({ date: d.day, kind: d.kind, name: d.name, source: d.source })),
  };
}

export async function putCalendar(
  ctx: AppContext,
  rc: RequestContext,
  input: { days: { date: string; kind: string; name: string }[]; source: string },
) {
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    await repo.upsertCalendarDays(
      trx,
      input.days.map((d) => ({
        day: d.date,
        kind: d.kind,
        name: d.name,
        source: input.source,
        updated_at: now,
      })),
    );
    await appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc),
      action: 'development.calendar.update',
      objectType: 'dev_calendar',
      detail: { source: input.source, days: input.days },
    });
    return { data: { updated: input.days.length } };
  });
}

export async function quotas(ctx: AppContext, rc: RequestContext, orgId: number, year: number, all = false) {
  const org = await requireOrg(ctx, rc, orgId, canReadDev);
  const actor = rc.actor!;
  if (all) {
    // Every 党委 (党工委) of the subtree, with or without a plan, and its 接收预备党员 approvals of the year.
    const [committees, rows, approved] = await Promise.all([
      repo.committeesUnder(ctx.db, org.path),
      repo.quotasUnder(ctx.db, org.path, year),
      repo.approvalPathsInYear(ctx.db, org.path, year),
    ]);
    return {
      data: committees.map((c) => {
        const q = rows.find((r) => r.org_id === c.id);
        const used = approved.filter((p) => p.startsWith(c.path)).length;
        return {
          orgId: c.id,
          orgName: c.name,
          orgCode: c.code,
          kind: c.kind,
          year,
          quota: q?.quota ?? null,
          used,
          remaining: q ? q.quota - used : null,
          canSet: canSetQuota(actor, c.path),
        };
      }),
      policies: { set: canSetQuota(actor, org.path) },
    };
  }
  const rows = await repo.quotasUnder(ctx.db, org.path, year);
  const used = await repo.approvalsUsed(
    ctx.db,
    rows.map((r) => r.org_path),
    year,
  );
  return {
    data: rows.map((r) => ({
      orgId: r.org_id,
      orgName: r.org_name,
      orgCode: r.org_code,
      year: r.year,
      quota: r.quota,
      used: used.get(r.org_path) ?? 0,
      remaining: r.quota - (used.get(r.org_path) ?? 0),
    })),
    policies: { set: canSetQuota(actor, org.path) },
  };
}

export async function setQuota(
  ctx: AppContext,
  rc: RequestContext,
  orgId: number,
  input: { year: number; quota: number },
) {
  const org = await requireOrg(ctx, rc, orgId, canSetQuota);
  if (org.kind !== '党委' && org.kind !== '党工委')
    throw badRequest('NOT_A_COMMITTEE', `发展名额下达到党委（党工委），${org.name}是${org.kind}`, 'orgId');
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const { before } = await repo.upsertQuota(trx, {
      org_id: org.id,
      org_path: org.path,
      year: input.year,
      quota: input.quota,
      updated_at: now,
    });
    await appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc),
      action: 'development.quota.set',
      objectType: 'org',
      objectId: org.id,
      scopePath: org.path,
      detail: { year: input.year, before, after: input.quota },
    });
    return { data: { orgId: org.id, year: input.year, quota: input.quota } };
  });
}
