// 责任清单 (items per post holder, progress) and the year-end summary feeding 述职:
// load → decide (core rule) → persist → audit → refresh alerts, one transaction per change.
import {
  decideItem,
  decideProgress,
  dutyKindOf,
  itemStatus,
} from '../../../core/responsibility/responsibility.rules.ts';
import type {
  CreateItemInput,
  ItemProgressInput,
} from '../../../core/responsibility/responsibility.schemas.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import { denied, requireActor } from '../../authz.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import { badRequest, fromDecision, notFound } from '../../http/errors.ts';
import { hasAnyRole, inScope } from '../../http/policy.ts';
import { refreshAlertsIn } from '../alerts/alerts.service.ts';
import { findOrgById } from '../orgs/orgs.repository.ts';
import { entryBase, ITEMS_SOURCE, rule, scopeOrg, today } from './responsibility.common.ts';
import { RESP_WRITERS } from './responsibility.policy.ts';
import * as repo from './responsibility.repository.ts';

function presentProgress(p: repo.ProgressRow) {
  return {
    id: p.id,
    onDate: p.on_date,
    note: p.note,
    evidence: p.evidence,
    completes: p.completes === 1,
    actorName: p.actor_name,
  };
}

function presentItem(r: repo.ItemRow, day: string, progress: repo.ProgressRow[] = []) {
  return {
    id: r.id,
    orgId: r.org_id,
    year: r.year,
    personId: r.person_id,
    personName: r.person_name,
    post: r.post,
    dutyKind: r.duty_kind,
    contactOrgId: r.contact_org_id,
    contactOrgName: r.contact_org_name,
    content: r.content,
    deadline: r.deadline,
    evidenceRequirement: r.evidence_requirement,
    completedOn: r.completed_on,
    status: itemStatus({ deadline: r.deadline, completedOn: r.completed_on }, day),
    progress: progress.filter((p) => p.item_id === r.id).map(presentProgress),
  };
}

/** 责任清单 of one organisation and year, with its post holders today (for the form). */
export async function listItems(
  ctx: AppContext,
  rc: RequestContext,
  orgId: number | undefined,
  year: number,
) {
  const org = await scopeOrg(ctx, rc, orgId);
  const day = today(ctx);
  const items = await repo.itemsOf(ctx.db, org.id, year);
  const progress = await repo.progressOf(
    ctx.db,
    items.map((i) => i.id),
  );
  return {
    data: {
      org: { id: org.id, name: org.name },
      year,
      today: day,
      holders: await repo.postHolders(ctx.db, org.id, day),
      items: items.map((i) => presentItem(i, day, progress)),
    },
  };
}

export async function createItem(ctx: AppContext, rc: RequestContext, input: CreateItemInput) {
  const actor = requireActor(rc);
  const org = await findOrgById(ctx.db, input.orgId);
  if (!org) throw badRequest('ORG_NOT_FOUND', '组织不存在', 'orgId');
  if (!hasAnyRole(actor, RESP_WRITERS) || !inScope(actor, org.path))
    throw await denied(ctx, rc, 'org', org.id, 'scope');
  const day = today(ctx);
  const contact = input.contactOrgId === undefined ? null : await findOrgById(ctx.db, input.contactOrgId);
  if (input.contactOrgId !== undefined && !contact)
    throw badRequest('CONTACT_NOT_FOUND', '联系点组织不存在', 'contactOrgId');
  const name = await repo.personName(ctx.db, input.personId);
  if (!name) throw badRequest('PERSON_NOT_FOUND', '责任人不存在', 'personId');
  const dutyKind = dutyKindOf(
    input.post,
    rule<string[]>(ctx, 'responsibility.posts.first', day),
    rule<string[]>(ctx, 'responsibility.posts.dual', day),
  );
  const d = decideItem(
    {
      year: input.year,
      deadline: input.deadline,
      dutyKind,
      holdsPost: await repo.holdsPost(ctx.db, input.personId, org.id, input.post, day),
      orgPath: org.path,
      contactOrgPath: contact?.path ?? null,
    },
    day,
  );
  if (!d.ok) throw fromDecision(d);
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.insertItem(trx, {
      org_id: org.id,
      org_path: org.path,
      year: input.year,
      person_id: input.personId,
      person_name: name,
      post: input.post,
      duty_kind: dutyKind,
      contact_org_id: contact?.id ?? null,
      contact_org_name: contact?.name ?? null,
      content: input.content,
      deadline: input.deadline,
      evidence_requirement: input.evidenceRequirement,
      completed_on: null,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await appendAudit(trx, ctx.ring, {
      ...entryBase(ctx, rc, 'resp.item'),
      action: 'resp.item.create',
      objectId: row.id,
      scopePath: org.path,
      detail: { after: presentItem(row, day) },
    });
    await refreshAlertsIn(ctx, trx, [ITEMS_SOURCE], org.path);
    return { data: presentItem(row, day) };
  });
}

export async function addProgress(ctx: AppContext, rc: RequestContext, id: number, input: ItemProgressInput) {
  const actor = requireActor(rc);
  const item = await repo.findItem(ctx.db, id);
  if (!item) throw notFound('责任事项');
  if (!hasAnyRole(actor, RESP_WRITERS) || !inScope(actor, item.org_path))
    throw await denied(ctx, rc, 'resp.item', id, 'scope');
  const day = today(ctx);
  const d = decideProgress(
    {
      completedOn: item.completed_on,
      evidenceRequirement: item.evidence_requirement,
      createdOn: item.created_at.slice(0, 10),
    },
    input,
    day,
  );
  if (!d.ok) throw fromDecision(d, d.code === 'ITEM_DONE' ? 'conflict' : 'bad_request');
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const p = await repo.insertProgress(trx, {
      item_id: item.id,
      org_path: item.org_path,
      on_date: input.onDate,
      note: input.note,
      evidence: input.evidence,
      completes: input.completes ? 1 : 0,
      actor_user_id: actor.userId,
      actor_name: actor.displayName,
      created_at: now,
    });
    if (input.completes) await repo.completeItem(trx, item.id, input.onDate, now);
    await appendAudit(trx, ctx.ring, {
      ...entryBase(ctx, rc, 'resp.item'),
      action: input.completes ? 'resp.item.complete' : 'resp.item.progress',
      objectId: item.id,
      scopePath: item.org_path,
      detail: { progress: presentProgress(p) },
    });
    await refreshAlertsIn(ctx, trx, [ITEMS_SOURCE], item.org_path);
    const after = (await repo.findItem(trx, item.id))!;
    return { data: presentItem(after, day, await repo.progressOf(trx, [item.id])) };
  });
}

export interface ResponsibilitySummary {
  orgId: number;
  year: number;
  items: number;
  done: number;
  overdue: number;
  inProgress: number;
  /** Per post holder: what the 述职 of each 班子成员 reports. */
  byPerson: Array<{
    personId: number;
    personName: string;
    post: string;
    items: number;
    done: number;
    overdue: number;
  }>;
  progressNotes: Array<{
    itemId: number;
    personName: string;
    post: string;
    content: string;
    onDate: string;
    note: string;
    evidence: string;
  }>;
}

/**
 * 年度履责情况 of one organisation (its own 责任清单): counts and every progress note, for the
 * 述职评议 of that organisation. No authorisation here: callers check the scope.
 */
export async function responsibilitySummary(
  ctx: AppContext,
  orgId: number,
  year: number,
): Promise<ResponsibilitySummary> {
  const day = today(ctx);
  const items = await repo.itemsOf(ctx.db, orgId, year);
  const progress = await repo.progressOf(
    ctx.db,
    items.map((i) => i.id),
  );
  const status = new Map(
    items.map((i) => [i.id, itemStatus({ deadline: i.deadline, completedOn: i.completed_on }, day)]),
  );
  const byPerson = new Map<string, ResponsibilitySummary['byPerson'][number]>();
  for (const i of items) {
    const key = `${i.person_id}:${i.post}`;
    const p = byPerson.get(key) ?? {
      personId: i.person_id,
      personName: i.person_name,
      post: i.post,
      items: 0,
      done: 0,
      overdue: 0,
    };
    p.items += 1;
    if (status.get(i.id) === '已完成') p.done += 1;
    if (status.get(i.id) === '逾期') p.overdue += 1;
    byPerson.set(key, p);
  }
  const itemById = new Map(items.map((i) => [i.id, i]));
  const count = (s: string) => [...status.values()].filter((x) => x === s).length;
  return {
    orgId,
    year,
    items: items.length,
    done: count('已完成'),
    overdue: count('逾期'),
    inProgress: count('进行中'),
    byPerson: [...byPerson.values()],
    progressNotes: progress.map((p) => {
      const i = itemById.get(p.item_id)!;
      return {
        itemId: i.id,
        personName: i.person_name,
        post: i.post,
        content: i.content,
        onDate: p.on_date,
        note: p.note,
        evidence: p.evidence,
      };
    }),
  };
}

export async function getSummary(
  ctx: AppContext,
  rc: RequestContext,
  orgId: number | undefined,
  year: number,
) {
  const org = await scopeOrg(ctx, rc, orgId);
  return { data: { orgName: org.name, ...(await responsibilitySummary(ctx, org.id, year)) } };
}
