// The rectification (整改) engine. Other modules create and move items through these
// functions inside their own transaction (see README.md); routes call the request-level ones.
import type { Kysely, Transaction } from 'kysely';
import {
  decideTransition,
  isOverdue,
  validateDeadline,
  type RectificationAction,
  type RectificationStatus,
} from '../../../../core/rectification/rectification.rules.ts';
import { chinaDate } from '../../../../core/shared/dates.ts';
import { appendAudit } from '../../../audit/audit.repository.ts';
import { refreshAlertsIn } from '../../alerts/alerts.service.ts';
import type { Actor, AppContext } from '../../../context.ts';
import type { DB } from '../../../db/schema.ts';
import { fromDecision } from '../../../http/errors.ts';
import * as repo from './rectification.repository.ts';

export interface NewRectification {
  sourceType: string;
  sourceId: number | null;
  org: { id: number; path: string };
  owner?: { personId: number; name: string } | null;
  title: string;
  detail?: string;
  deadline: string;
}

/** Who acts, for the progress log and audit. */
export interface RectActor {
  userId: number | null;
  name: string | null;
  requestId?: string | null;
  ip?: string | null;
}

export function actorOf(actor: Actor, meta?: { requestId: string; ip: string }): RectActor {
  return {
    userId: actor.userId,
    name: actor.displayName,
    requestId: meta?.requestId ?? null,
    ip: meta?.ip ?? null,
  };
}

type ItemRow = NonNullable<Awaited<ReturnType<typeof repo.findItem>>>;

export function presentItem(row: ItemRow, today: string) {
  return {
    id: row.id,
    sourceType: row.source_type,
    sourceId: row.source_id,
    orgId: row.org_id,
    orgPath: row.org_path,
    owner: row.owner_person_id ? { personId: row.owner_person_id, name: row.owner_name } : null,
    title: row.title,
    detail: row.detail,
    deadline: row.deadline,
    status: row.status as RectificationStatus,
    evidence: row.evidence,
    reopenedCount: row.reopened_count,
    closedAt: row.closed_at,
    overdue: isOverdue({ status: row.status as RectificationStatus, deadline: row.deadline }, today),
    createdAt: row.created_at,
  };
}
export type RectificationDto = ReturnType<typeof presentItem>;

export async function createRectification(
  trx: Transaction<DB>,
  ctx: AppContext,
  input: NewRectification,
  by: RectActor,
): Promise<RectificationDto> {
  const today = chinaDate(ctx.now());
  const d = validateDeadline(input.deadline, today);
  if (!d.ok) throw fromDecision(d);
  const now = ctx.now().toISOString();
  const row = await repo.insertItem(trx, {
    source_type: input.sourceType,
    source_id: input.sourceId,
    org_id: input.org.id,
    org_path: input.org.path,
    owner_person_id: input.owner?.personId ?? null,
    owner_name: input.owner?.name ?? null,
    title: input.title,
    detail: input.detail ?? '',
    deadline: input.deadline,
    created_by: by.userId,
    created_at: now,
  });
  await appendAudit(trx, ctx.ring, {
    at: now,
    action: 'rectification.create',
    result: 'ok',
    actorUserId: by.userId,
    actorUsername: by.name,
    objectType: 'rectification',
    objectId: row.id,
    scopePath: row.org_path,
    requestId: by.requestId ?? null,
    ip: by.ip ?? null,
    detail: {
      after: {
        title: row.title,
        deadline: row.deadline,
        sourceType: row.source_type,
        sourceId: row.source_id,
      },
    },
  });
  return presentItem(row, today);
}

/** Moves an item: progress, request closure (with evidence), approve or reject (reopen). */
export async function transitionRectification(
  trx: Transaction<DB>,
  ctx: AppContext,
  row: ItemRow,
  action: RectificationAction,
  note: string,
  evidence: string | null,
  by: RectActor,
): Promise<RectificationDto> {
  const d = decideTransition(row.status as RectificationStatus, action, evidence);
  if (!d.ok) throw fromDecision(d, 'conflict');
  const now = ctx.now().toISOString();
  const next = d.value;
  const updated = await repo.updateItem(trx, row.id, {
    status: next,
    updated_at: now,
    ...(action === 'request_closure' ? { evidence } : {}),
    ...(action === 'approve' ? { closed_at: now } : {}),
    ...(action === 'reject' ? { reopened_count: row.reopened_count + 1 } : {}),
  });
  await repo.insertProgress(trx, {
    item_id: row.id,
    org_path: row.org_path,
    kind: action,
    note,
    evidence,
    actor_user_id: by.userId,
    actor_name: by.name,
    at: now,
  });
  await appendAudit(trx, ctx.ring, {
    at: now,
    action: `rectification.${action}`,
    result: 'ok',
    actorUserId: by.userId,
    actorUsername: by.name,
    objectType: 'rectification',
    objectId: row.id,
    scopePath: row.org_path,
    requestId: by.requestId ?? null,
    ip: by.ip ?? null,
    detail: { before: { status: row.status }, after: { status: next }, note },
  });
  // Approving closes an overdue item's alert (预警) in the same transaction.
  await refreshAlertsIn(ctx, trx, ['evaluation.rectifications'], row.org_path);
  return presentItem(updated, chinaDate(ctx.now()));
}

export async function findRectificationRow(db: Kysely<DB> | Transaction<DB>, id: number) {
  return repo.findItem(db, id);
}

export async function listRectifications(
  db: Kysely<DB> | Transaction<DB>,
  scopePath: string,
  filter: repo.ItemFilter,
  today: string,
  limit = 200,
) {
  return (await repo.listItems(db, scopePath, filter, limit)).map((r) => presentItem(r, today));
}

export async function rectificationProgress(db: Kysely<DB> | Transaction<DB>, itemId: number) {
  return (await repo.listProgress(db, itemId)).map((p) => ({
    id: p.id,
    kind: p.kind,
    note: p.note,
    evidence: p.evidence,
    actorName: p.actor_name,
    at: p.at,
  }));
}

/** Counts by status and overdue for a subtree (overdue is flagged to the owner org and every ancestor in scope). */
export async function summariseRectifications(
  db: Kysely<DB> | Transaction<DB>,
  scopePath: string,
  today: string,
  source?: { type: string; ids: readonly number[] },
) {
  return repo.summarise(db, scopePath, today, source);
}

/** What a person must still rectify, with overdue flagged (shown on the owner's own page). */
export async function ownedRectifications(db: Kysely<DB> | Transaction<DB>, personId: number, today: string) {
  return (await repo.listOwnedOpen(db, personId, 50)).map((r) => presentItem(r, today));
}
