// Development services: helpers shared by its sections (records, audit, scope).
import { buildCalendar, type WorkCalendar } from '../../../core/development/calendar.ts';
import type {
  CandidateRecord,
  CandidateStatus,
  StepRecord,
} from '../../../core/development/development.types.ts';
import { chinaDate } from '../../../core/shared/dates.ts';
import { denied } from '../../authz.ts';
import type { Actor, AppContext, RequestContext } from '../../context.ts';
import type { OrgRow } from '../../db/schema.ts';
import { notFound } from '../../http/errors.ts';
import { findOrgById } from '../orgs/orgs.repository.ts';
import * as repo from './development.repository.ts';

export const CANDIDATE_ID_CONTEXT = 'candidates.id_number';

export const PERSON_ID_CONTEXT = 'persons.id_number';

export const today = (ctx: AppContext) => chinaDate(ctx.now());

export async function loadCalendar(db: AppContext['db']): Promise<WorkCalendar> {
  return buildCalendar(
    (await repo.calendarDays(db)).map((d) => ({ date: d.day, kind: d.kind as 'holiday' | 'workday' })),
  );
}

export function toStepRecord(row: repo.StepRow): StepRecord {
  return {
    id: row.id,
    step: row.step_no,
    doneOn: row.done_on,
    data: JSON.parse(row.data) as Record<string, unknown>,
    materials: JSON.parse(row.materials) as string[],
    asHistory: row.as_history === 1,
  };
}

export function toRecord(row: repo.CandidateRow, steps: readonly repo.StepRow[]): CandidateRecord {
  return {
    id: row.id,
    name: row.name,
    birthDate: row.birth_date,
    appliedOn: row.applied_on,
    status: row.status as CandidateStatus,
    steps: steps.map(toStepRecord),
  };
}

export function auditBase(ctx: AppContext, rc: RequestContext) {
  const actor = rc.actor!;
  return {
    at: ctx.now().toISOString(),
    result: 'ok' as const,
    actorUserId: actor.userId,
    actorUsername: actor.username,
    requestId: rc.meta.requestId,
    ip: rc.meta.ip,
  };
}

export async function requireOrg(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  allowed: (a: Actor, path: string) => boolean,
): Promise<OrgRow> {
  const org = await findOrgById(ctx.db, id);
  if (!org) throw notFound('组织');
  if (!allowed(rc.actor!, org.path)) throw await denied(ctx, rc, 'org', id, 'scope');
  return org;
}

export async function requireCandidate(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  allowed: (a: Actor, path: string) => boolean,
): Promise<repo.CandidateRow> {
  const row = await repo.findCandidate(ctx.db, id);
  if (!row) throw notFound('发展对象记录');
  if (!allowed(rc.actor!, row.org_path)) throw await denied(ctx, rc, 'dev_candidate', id, 'scope');
  return row;
}

export function groupSteps(rows: readonly repo.StepRow[]): Map<number, repo.StepRow[]> {
  const by = new Map<number, repo.StepRow[]>();
  for (const s of rows) {
    const list = by.get(s.candidate_id);
    if (list) list.push(s);
    else by.set(s.candidate_id, [s]);
  }
  return by;
}
