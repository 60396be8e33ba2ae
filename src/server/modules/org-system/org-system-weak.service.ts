// Org-system services: 软弱涣散 (weak and lax organisations).
import type { DesignateWeakInput } from '../../../core/org-system/org-system.schemas.ts';
import { type WeakCaseState, type WeakCriterion } from '../../../core/org-system/org-system.types.ts';
import { decideClose, decideCriteria } from '../../../core/org-system/weak.rules.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import { badRequest, conflict, fromDecision } from '../../http/errors.ts';
import { audit, requireObject, requireOrg, today } from './org-system-common.service.ts';
import { canApproveOs, canReadOs, canRecordOs } from './org-system.policy.ts';
import { presentWeakCase } from './org-system.presenter.ts';
import { weakSignalsReport } from './org-system.reports.ts';
import * as repo from './org-system.repository.ts';
import { actorOf } from '../evaluation/rectification/rectification.service.ts';
import { moveWeakItem, openWeakItem } from './org-system-weak-engine.ts';

export async function listWeak(ctx: AppContext, rc: RequestContext, orgId: number, year: number | undefined) {
  const org = await requireOrg(ctx, rc, orgId, canReadOs);
  const [cases, signals] = await Promise.all([
    repo.weakCasesUnder(ctx.db, org.path, year, 500),
    weakSignalsReport(ctx.db, ctx.config.rulebook, org, today(ctx)),
  ]);
  const progress = new Map<number, Awaited<ReturnType<typeof repo.progressOf>>>();
  for (const c of cases.slice(0, 50)) progress.set(c.id, await repo.progressOf(ctx.db, c.id));
  return {
    data: {
      criteria: ruleValue<WeakCriterion[]>(ctx.config.rulebook, 'orgSystem.weak.criteria', today(ctx)),
      cases: cases.map((c) => ({
        ...presentWeakCase(c),
        canClose: canApproveOs(rc.actor!, c.org_path),
        canRecord: canRecordOs(rc.actor!, c.org_path),
        progress: (progress.get(c.id) ?? []).map((p) => ({ id: p.id, on: p.on_date, note: p.note })),
      })),
      signals,
    },
  };
}

export async function designateWeak(
  ctx: AppContext,
  rc: RequestContext,
  orgId: number,
  input: DesignateWeakInput,
) {
  const org = await requireOrg(ctx, rc, orgId, canApproveOs);
  const d = decideCriteria(
    input.criteria,
    ruleValue<WeakCriterion[]>(ctx.config.rulebook, 'orgSystem.weak.criteria', input.designatedOn),
  );
  if (!d.ok) throw fromDecision(d);
  return ctx.db.transaction().execute(async (trx) => {
    if (await repo.openWeakCaseOf(trx, org.id))
      throw conflict('WEAK_OPEN', '该组织已有未销号的整顿', 'orgId');
    const row = await repo.insertWeakCase(trx, {
      org_id: org.id,
      org_path: org.path,
      year: input.year,
      designated_on: input.designatedOn,
      criteria: JSON.stringify(input.criteria),
      source: '人工认定',
      measures: input.measures,
      first_secretary: input.firstSecretary ?? null,
      village_cadres: input.villageCadres ?? null,
      created_by: rc.actor!.userId,
      now: ctx.now().toISOString(),
    });
    await openWeakItem(trx, ctx, row, actorOf(rc.actor!, rc.meta));
    await appendAudit(
      trx,
      ctx.ring,
      audit(ctx, rc, 'orgsys.weak.designate', 'os_weak_case', row.id, org.path, {
        after: presentWeakCase(row),
      }),
    );
    return { data: presentWeakCase(row) };
  });
}

export async function weakProgress(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  input: { on: string; note: string; submitForClosure?: boolean | undefined },
) {
  const c = await requireObject(
    ctx,
    rc,
    'os_weak_case',
    id,
    await repo.findWeakCase(ctx.db, id),
    '整顿记录',
    canRecordOs,
  );
  if (c.state === '已销号') throw conflict('WEAK_CLOSED', '该整顿已销号', 'state');
  if (input.on < c.designated_on) throw badRequest('WEAK_DATE', '进展日期不能早于认定日期', 'on');
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.now().toISOString();
    await repo.insertProgress(trx, {
      case_id: c.id,
      on_date: input.on,
      note: input.note,
      created_by: rc.actor!.userId,
      created_at: now,
    });
    const row = input.submitForClosure
      ? await repo.updateWeakCase(trx, c.id, { state: '待销号', updated_at: now })
      : c;
    const move = input.submitForClosure ? 'request_closure' : 'progress';
    await moveWeakItem(trx, ctx, c.id, move, input.note, actorOf(rc.actor!, rc.meta));
    await appendAudit(
      trx,
      ctx.ring,
      audit(ctx, rc, 'orgsys.weak.progress', 'os_weak_case', c.id, c.org_path, {
        after: { on: input.on, note: input.note, state: row.state },
      }),
    );
    return { data: presentWeakCase(row) };
  });
}

export async function closeWeak(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  input: { closedOn: string; reviewNote: string },
) {
  const c = await requireObject(
    ctx,
    rc,
    'os_weak_case',
    id,
    await repo.findWeakCase(ctx.db, id),
    '整顿记录',
    canRecordOs,
  );
  const entries = (await repo.progressOf(ctx.db, c.id)).length;
  const d = decideClose(c.state as WeakCaseState, entries, canApproveOs(rc.actor!, c.org_path));
  if (!d.ok) throw fromDecision(d, c.state === '已销号' ? 'conflict' : 'bad_request');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.updateWeakCase(trx, c.id, {
      state: '已销号',
      closed_on: input.closedOn,
      review_note: input.reviewNote,
      closed_by: rc.actor!.userId,
      updated_at: ctx.now().toISOString(),
    });
    await moveWeakItem(trx, ctx, c.id, 'close', input.reviewNote, actorOf(rc.actor!, rc.meta));
    await appendAudit(
      trx,
      ctx.ring,
      audit(ctx, rc, 'orgsys.weak.close', 'os_weak_case', c.id, c.org_path, {
        before: { state: c.state },
        after: { state: row.state, closedOn: input.closedOn },
      }),
    );
    return { data: presentWeakCase(row) };
  });
}
