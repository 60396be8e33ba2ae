// Org-life services: series issued from above.
import type { SeriesInput } from '../../../core/org-life/org-life.schemas.ts';
import { isBranchKind } from '../../../core/org/org.types.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import { denied } from '../../authz.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import { badRequest, notFound } from '../../http/errors.ts';
import { findOrgsByIds } from '../orgs/orgs.repository.ts';
import { audit, checkTypeForOrg, expectedAttendees, requireOrg } from './org-life-common.service.ts';
import { createMeeting } from './org-life-meetings.service.ts';
import { canReport, canWriteLife } from './org-life.policy.ts';
import * as repo from './org-life.repository.ts';

export async function issueSeries(ctx: AppContext, rc: RequestContext, input: SeriesInput) {
  const actor = rc.actor!;
  const issuer = await requireOrg(ctx, rc, input.issuerOrgId, (p) => canWriteLife(actor, p));
  if (isBranchKind(issuer.kind) || issuer.kind === '党小组')
    throw badRequest(
      'ISSUER_NOT_COMMITTEE',
      '只有党委、党工委、党总支等上级组织可以下发会议通知',
      'issuerOrgId',
    );
  if (input.deadline < input.heldOn)
    throw badRequest('DEADLINE_BEFORE_DATE', '完成期限不能早于建议召开日期', 'deadline');
  const ids = [...new Set(input.orgIds)];
  const targets = await findOrgsByIds(ctx.db, ids);
  const full = await ctx.db
    .selectFrom('orgs')
    .selectAll()
    .where('id', 'in', ids.length ? ids : [0])
    .execute();
  if (targets.length !== ids.length)
    throw badRequest('ORG_NOT_FOUND', '所选党支部中有不存在的组织', 'orgIds');
  for (const t of full) {
    if (!t.path.startsWith(issuer.path) || t.id === issuer.id)
      throw badRequest('ORG_NOT_BELOW', `${t.name}不在${issuer.name}的下级范围内`, 'orgIds');
    if (t.status !== 'active') throw badRequest('ORG_DISSOLVED', `${t.name}已撤销`, 'orgIds');
    checkTypeForOrg(t, input.type);
  }
  return ctx.db.transaction().execute(async (trx) => {
    const series = await repo.insertSeries(trx, {
      issuer_org_id: issuer.id,
      org_path: issuer.path,
      type: input.type,
      theme: input.theme,
      materials: input.materials ?? null,
      held_on: input.heldOn,
      deadline: input.deadline,
      created_by: actor.userId,
      created_at: ctx.now().toISOString(),
    });
    const skipped: string[] = [];
    let created = 0;
    for (const t of full) {
      const people = await expectedAttendees(trx, t, input.type, input.heldOn);
      if (people.length === 0) {
        skipped.push(t.code);
        continue;
      }
      await createMeeting(ctx, trx, actor.userId, t, {
        type: input.type,
        title: input.theme,
        heldOn: input.heldOn,
        agenda: input.materials,
        seriesId: series.id,
      });
      created++;
    }
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc, 'life_series'),
      action: 'life.series.issue',
      objectId: series.id,
      scopePath: issuer.path,
      detail: { after: { theme: input.theme, type: input.type, orgs: ids.length, created, skipped } },
    });
    return {
      data: {
        id: series.id,
        theme: series.theme,
        type: series.type,
        heldOn: series.held_on,
        deadline: series.deadline,
        created,
        skipped,
      },
    };
  });
}

export async function getSeries(ctx: AppContext, rc: RequestContext, id: number) {
  const actor = rc.actor!;
  const s = await repo.findSeries(ctx.db, id);
  if (!s) throw notFound('会议通知');
  if (!canReport(actor, s.org_path)) throw await denied(ctx, rc, 'life_series', id, 'scope');
  const progress = await repo.seriesProgress(ctx.db, id);
  return {
    data: {
      id: s.id,
      theme: s.theme,
      type: s.type,
      materials: s.materials,
      heldOn: s.held_on,
      deadline: s.deadline,
      branches: progress.map((p) => ({
        meetingId: p.id,
        orgId: p.org_id,
        orgCode: p.code,
        orgName: p.name,
        status: p.status,
        heldOn: p.held_on,
      })),
      done: progress.filter((p) => p.status === 'held').length,
      total: progress.length,
    },
  };
}
