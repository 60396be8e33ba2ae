// 留党察看 (issue 16): recording a decision and ending it (恢复党员权利 / 撤销处分). load → decide
// (core discipline.rules) → persist → audit, one transaction per change. A member under it has no
// 表决权、选举权和被选举权 and cannot introduce an applicant (党章 第四十条; the development and
// org-system modules read underProbationOn).
import {
  decideEndDiscipline,
  decideRecordDiscipline,
  disciplineStatus,
  effectiveEnd,
  underProbation,
  type DisciplineRecord,
} from '../../../core/roster/discipline.rules.ts';
import type { EndDisciplineBody, RecordDisciplineBody } from '../../../core/roster/discipline.schemas.ts';
import { chinaDate } from '../../../core/shared/dates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import { denied } from '../../authz.ts';
import { fromDecision, notFound } from '../../http/errors.ts';
import { inScope } from '../../http/policy.ts';
import * as drepo from './roster-discipline.repository.ts';
import * as repo from './roster.repository.ts';

const today = (ctx: AppContext) => chinaDate(ctx.now());

const asRecord = (r: drepo.DisciplineRow): DisciplineRecord => ({
  id: Number(r.id),
  kind: r.kind,
  startOn: r.start_on,
  endOn: r.end_on,
  endedOn: r.ended_on,
  endOutcome: r.end_outcome,
});

export function presentDiscipline(r: drepo.DisciplineRow, on: string) {
  const rec = asRecord(r);
  return {
    id: Number(r.id),
    kind: r.kind,
    startOn: r.start_on,
    endOn: r.end_on,
    decisionNo: r.decision_no,
    reason: r.reason,
    endedOn: r.ended_on,
    endOutcome: r.end_outcome,
    endNote: r.end_note,
    status: disciplineStatus(rec, on),
    /** Under it today: no 表决权、选举权和被选举权, cannot be an 入党介绍人. */
    active: underProbation(rec, on),
    effectiveEnd: effectiveEnd(rec),
  };
}

/** The member's records as the profile page shows them. */
export async function disciplineOf(ctx: AppContext, personId: number) {
  const on = today(ctx);
  return (await drepo.disciplinesOf(ctx.db, personId)).map((r) => presentDiscipline(r, on));
}

/** The member's current (or last) membership decides the scope, as for the profile. */
async function requireMember(ctx: AppContext, rc: RequestContext, personId: number) {
  const row = await repo.memberById(ctx.db, personId, today(ctx));
  if (!row) throw notFound('党员');
  let path = row.org_path;
  let orgId = row.org_id === null ? null : Number(row.org_id);
  if (!path) {
    const last = (await repo.membershipHistory(ctx.db, personId)).at(-1);
    path = last?.org_path ?? null;
    orgId = last ? Number(last.org_id) : null;
  }
  if (!path || orgId === null || !inScope(rc.actor!, path))
    throw await denied(ctx, rc, 'person', personId, 'scope');
  return { row, path, orgId };
}

function audit(
  ctx: AppContext,
  rc: RequestContext,
  action: string,
  id: number,
  path: string,
  detail: Record<string, unknown>,
) {
  const a = rc.actor!;
  return {
    at: ctx.now().toISOString(),
    result: 'ok' as const,
    actorUserId: a.userId,
    actorUsername: a.username,
    requestId: rc.meta.requestId,
    ip: rc.meta.ip,
    action,
    objectType: 'roster_discipline',
    objectId: id,
    scopePath: path,
    detail,
  };
}

export async function recordDiscipline(
  ctx: AppContext,
  rc: RequestContext,
  personId: number,
  input: RecordDisciplineBody,
) {
  const { row, path, orgId } = await requireMember(ctx, rc, personId);
  const onStart = await repo.memberById(ctx.db, personId, input.startOn);
  const existing = (await drepo.disciplinesOf(ctx.db, personId)).map(asRecord);
  const d = decideRecordDiscipline(
    input,
    { name: row.name, categoryOnStart: onStart?.category ?? null, existing },
    ctx.config.rulebook,
    today(ctx),
  );
  if (!d.ok) throw fromDecision(d, d.code === 'DISCIPLINE_OVERLAP' ? 'conflict' : 'bad_request');
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.now().toISOString();
    const saved = await drepo.insertDiscipline(trx, {
      person_id: personId,
      org_id: orgId,
      org_path: path,
      kind: input.kind,
      start_on: input.startOn,
      end_on: d.value.endOn,
      decision_no: input.decisionNo,
      reason: input.reason ?? null,
      ended_on: null,
      end_outcome: null,
      end_note: null,
      created_by: rc.actor!.username,
      created_at: now,
      updated_at: now,
    });
    await appendAudit(
      trx,
      ctx.ring,
      audit(ctx, rc, 'roster.discipline.record', Number(saved.id), path, {
        personId,
        after: {
          kind: input.kind,
          startOn: input.startOn,
          endOn: d.value.endOn,
          years: d.value.years,
          decisionNo: input.decisionNo,
        },
      }),
    );
    return { data: presentDiscipline(saved, today(ctx)) };
  });
}

export async function endDiscipline(
  ctx: AppContext,
  rc: RequestContext,
  personId: number,
  disciplineId: number,
  input: EndDisciplineBody,
) {
  const { path } = await requireMember(ctx, rc, personId);
  const r = await drepo.findDiscipline(ctx.db, disciplineId);
  if (!r || Number(r.person_id) !== personId) throw notFound('留党察看记录');
  const d = decideEndDiscipline(asRecord(r), input, today(ctx));
  if (!d.ok) throw fromDecision(d, d.code === 'DISCIPLINE_ENDED' ? 'conflict' : 'bad_request');
  return ctx.db.transaction().execute(async (trx) => {
    const saved = await drepo.updateDiscipline(trx, disciplineId, {
      ended_on: input.on,
      end_outcome: input.outcome,
      end_note: input.note ?? null,
      updated_at: ctx.now().toISOString(),
    });
    await appendAudit(
      trx,
      ctx.ring,
      audit(ctx, rc, 'roster.discipline.end', disciplineId, path, {
        personId,
        before: { endedOn: r.ended_on, endOutcome: r.end_outcome },
        after: { endedOn: input.on, endOutcome: input.outcome, note: input.note ?? null },
      }),
    );
    return { data: presentDiscipline(saved, today(ctx)) };
  });
}
