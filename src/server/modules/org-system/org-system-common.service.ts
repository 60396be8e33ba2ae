// Org-system services: helpers shared by its sections (scope, audit, term rules).
import { type ElectionRules } from '../../../core/org-system/election.rules.ts';
import { termStatus, termYears, type TermYearsRule } from '../../../core/org-system/terms.rules.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { chinaDate } from '../../../core/shared/dates.ts';
import { denied } from '../../authz.ts';
import type { Actor, AppContext, RequestContext } from '../../context.ts';
import type { OrgRow } from '../../db/schema.ts';
import { notFound } from '../../http/errors.ts';
import * as repo from './org-system.repository.ts';
import { refreshAlertsIn } from '../alerts/alerts.service.ts';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

export type Check = (actor: Actor, path: string) => boolean;

export const today = (ctx: AppContext) => chinaDate(ctx.now());

export async function requireOrg(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  allowed: Check,
): Promise<OrgRow> {
  const row = await repo.findOrg(ctx.db, id);
  if (!row) throw notFound('组织');
  if (!allowed(rc.actor!, row.path)) throw await denied(ctx, rc, 'org', id, 'scope');
  return row;
}

export async function requireObject<T extends { org_path: string }>(
  ctx: AppContext,
  rc: RequestContext,
  type: string,
  id: number,
  row: T | undefined,
  what: string,
  allowed: Check,
): Promise<T> {
  if (!row) throw notFound(what);
  if (!allowed(rc.actor!, row.org_path)) throw await denied(ctx, rc, type, id, 'scope');
  return row;
}

export function audit(
  ctx: AppContext,
  rc: RequestContext,
  action: string,
  objectType: string,
  objectId: number,
  scopePath: string,
  detail: Record<string, unknown>,
) {
  const actor = rc.actor!;
  return {
    at: ctx.now().toISOString(),
    result: 'ok' as const,
    actorUserId: actor.userId,
    actorUsername: actor.username,
    requestId: rc.meta.requestId,
    ip: rc.meta.ip,
    action,
    objectType,
    objectId,
    scopePath,
    detail,
  };
}

export function electionRules(ctx: AppContext, on: string): ElectionRules {
  const book = ctx.config.rulebook;
  return {
    quorumRatio: ruleValue(book, 'org.election.quorumRatio', on),
    minContestRatio: ruleValue(book, 'org.election.minContestRatio', on),
    electedMajority: ruleValue(book, 'orgSystem.election.electedMajority', on),
    contestFromSeats: ruleValue(book, 'orgSystem.election.contestFromSeats', on),
    maxSeats: ruleValue<{ hardMax: number }>(book, 'org.branch.committeeSize', on).hardMax,
  };
}

export function yearsFor(ctx: AppContext, org: OrgRow, on: string): number {
  return termYears(org.kind, org.sector, ruleValue<TermYearsRule>(ctx.config.rulebook, 'org.term.years', on));
}

export function statusOf(ctx: AppContext, end: string) {
  return termStatus(
    end,
    today(ctx),
    ruleValue<number>(ctx.config.rulebook, 'org.term.reminderMonths', today(ctx)),
  );
}

/**
 * 预警: 逾期/临近换届 and 书记空缺 open and close with the record that changes them, inside the
 * write's transaction, for the organisation it touched.
 */
export async function refreshOrgSystemAlerts(
  ctx: AppContext,
  trx: Transaction<DB>,
  orgPath: string,
): Promise<void> {
  await refreshAlertsIn(ctx, trx, ['org-system.terms', 'org-system.structure'], orgPath);
}
