// 流动党员: out-flow and in-flow registrations, contact records (with organisational life at the
// destination), the overdue-contact flag for members abroad for study. load → decide (core
// floating.rules) → persist → audit, one transaction per change.
import { checkContact, checkFloatingDates, floatingStatus } from '../../../core/roster/floating.rules.ts';
import type {
  FloatingContactInput,
  FloatingCreateInput,
  FloatingListQuery,
} from '../../../core/roster/roster.schemas.ts';
import type { FloatingDirection, FloatingKind } from '../../../core/roster/floating.rules.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { chinaDate } from '../../../core/shared/dates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import { refreshAlertsIn } from '../alerts/alerts.service.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import { denied } from '../../authz.ts';
import { AppError, badRequest, fromDecision, notFound } from '../../http/errors.ts';
import { inScope } from '../../http/policy.ts';
import * as frepo from './roster-floating.repository.ts';
import * as repo from './roster.repository.ts';

const today = (ctx: AppContext) => chinaDate(ctx.now());

function rules(ctx: AppContext, on: string) {
  return {
    contactMonths: ruleValue<number>(ctx.config.rulebook, 'roster.abroad.contactMonths', on),
    awayMonths: ruleValue<number>(ctx.config.rulebook, 'roster.transfer.awayMonths', on),
  };
}

function present(r: frepo.FloatingRow, on: string, rule: ReturnType<typeof rules>) {
  const status = floatingStatus(
    {
      direction: r.direction as FloatingDirection,
      kind: r.kind as FloatingKind,
      since: r.since,
      lastContactOn: r.last_contact_on,
      endedOn: r.ended_on,
    },
    on,
    rule,
  );
  return {
    id: Number(r.id),
    personId: r.person_id === null ? null : Number(r.person_id),
    personName: r.person_name,
    org: { id: Number(r.org_id), name: r.org_name, code: r.org_code },
    direction: r.direction as FloatingDirection,
    kind: r.kind as FloatingKind,
    destination: r.destination,
    origin: r.origin,
    since: r.since,
    endedOn: r.ended_on,
    lastContactOn: r.last_contact_on,
    contacts: Number(r.contacts),
    ...status,
  };
}

function audit(ctx: AppContext, rc: RequestContext) {
  const a = rc.actor!;
  return {
    at: ctx.now().toISOString(),
    result: 'ok' as const,
    actorUserId: a.userId,
    actorUsername: a.username,
    requestId: rc.meta.requestId,
    ip: rc.meta.ip,
  };
}

async function requireFloating(ctx: AppContext, rc: RequestContext, id: number) {
  const row = await frepo.findFloating(ctx.db, id);
  if (!row) throw notFound('流动党员登记');
  if (!inScope(rc.actor!, row.org_path)) throw await denied(ctx, rc, 'roster_floating', id, 'scope');
  return row;
}

export async function listFloating(ctx: AppContext, rc: RequestContext, q: FloatingListQuery) {
  const org = await repo.findOrgById(ctx.db, q.orgId);
  if (!org) throw notFound('组织');
  if (!inScope(rc.actor!, org.path)) throw await denied(ctx, rc, 'org', q.orgId, 'scope');
  const on = today(ctx);
  const rule = rules(ctx, on);
  const items = (await frepo.listFloating(ctx.db, org.path, q.status, on)).map((r) => present(r, on, rule));
  const shown = q.overdue === '1' ? items.filter((i) => i.contactOverdue || i.transferDue) : items;
  return {
    data: {
      items: shown,
      summary: {
        out: items.filter((i) => i.direction === 'out').length,
        in: items.filter((i) => i.direction === 'in').length,
        abroadStudy: items.filter((i) => i.kind === 'abroad_study').length,
        contactOverdue: items.filter((i) => i.contactOverdue).length,
        transferDue: items.filter((i) => i.transferDue).length,
      },
      rules: rule,
    },
  };
}

export async function getFloating(ctx: AppContext, rc: RequestContext, id: number) {
  const row = await requireFloating(ctx, rc, id);
  const on = today(ctx);
  const contacts = await frepo.contactsOf(ctx.db, id);
  return {
    data: {
      ...present(row, on, rules(ctx, on)),
      contactRecords: contacts.map((c) => ({
        id: Number(c.id),
        contactedOn: c.contacted_on,
        method: c.method,
        note: c.note,
        joinedLocalLife: c.joined_local_life === 1,
        recordedBy: c.recorded_by,
      })),
    },
  };
}

export async function createFloating(ctx: AppContext, rc: RequestContext, input: FloatingCreateInput) {
  const actor = rc.actor!;
  const on = today(ctx);
  const d = checkFloatingDates(input.since, null, on);
  if (!d.ok) throw fromDecision(d);
  let org: { id: number; path: string };
  let personId: number | null = null;
  let personName: string;
  if (input.direction === 'out') {
    if (!input.personId) throw badRequest('PERSON_REQUIRED', '登记流出须选择本组织的党员', 'personId');
    const m = await repo.memberById(ctx.db, input.personId, on);
    if (!m) throw notFound('党员');
    if (!m.org_id || !m.org_path)
      throw badRequest('NO_MEMBERSHIP', '该党员当前没有所在党组织，不能登记流出', 'personId');
    if (!inScope(actor, m.org_path)) throw await denied(ctx, rc, 'person', input.personId, 'scope');
    org = { id: Number(m.org_id), path: m.org_path };
    personId = input.personId;
    personName = m.name;
  } else {
    if (!input.orgId) throw badRequest('ORG_REQUIRED', '登记流入须选择流入地党组织', 'orgId');
    const target = await repo.findOrgById(ctx.db, input.orgId);
    if (!target) throw notFound('组织');
    if (!inScope(actor, target.path)) throw await denied(ctx, rc, 'org', input.orgId, 'scope');
    org = { id: target.id, path: target.path };
    if (input.personId) {
      const m = await repo.memberById(ctx.db, input.personId, on);
      if (!m) throw notFound('党员');
      personId = input.personId;
      personName = m.name;
    } else if (input.personName) personName = input.personName;
    else throw badRequest('PERSON_NAME_REQUIRED', '登记系统外流入党员须填写姓名', 'personName');
    if (!input.origin) throw badRequest('ORIGIN_REQUIRED', '登记流入须填写原所在党组织', 'origin');
  }
  if (personId !== null) {
    const open = (await frepo.activeFloatingOf(ctx.db, personId, on)).filter(
      (f) => f.direction === input.direction,
    );
    if (open.length > 0)
      throw new AppError(
        'conflict',
        'FLOATING_OPEN',
        `该党员已有未结束的流${input.direction === 'out' ? '出' : '入'}登记，请先结束原登记`,
        { personId: '已有未结束的登记' },
      );
  }
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const id = await frepo.insertFloating(trx, {
      person_id: personId,
      person_name: personName,
      org_id: org.id,
      org_path: org.path,
      direction: input.direction,
      kind: input.kind,
      destination: input.destination,
      origin: input.origin ?? null,
      since: input.since,
      ended_on: null,
      created_by: actor.username,
      created_at: now,
      updated_at: now,
    });
    if (input.direction === 'out' && personId !== null)
      await frepo.setProfileFloating(
        trx,
        personId,
        { destination: input.destination, since: input.since },
        now,
      );
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'roster.floating.create',
      objectType: 'roster_floating',
      objectId: id,
      scopePath: org.path,
      detail: { direction: input.direction, kind: input.kind, personId, since: input.since },
    });
    // A registration entered late may already be past its contact interval.
    await refreshAlertsIn(ctx, trx, ['roster.floating'], org.path);
    const row = (await frepo.findFloating(trx, id))!;
    return { data: present(row, on, rules(ctx, on)) };
  });
}

export async function addContact(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  input: FloatingContactInput,
) {
  const row = await requireFloating(ctx, rc, id);
  const on = today(ctx);
  const d = checkContact(input.contactedOn, { since: row.since, endedOn: row.ended_on }, on);
  if (!d.ok) throw fromDecision(d);
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const contactId = await frepo.insertContact(trx, {
      floating_id: id,
      contacted_on: input.contactedOn,
      method: input.method,
      note: input.note ?? null,
      joined_local_life: input.joinedLocalLife ? 1 : 0,
      recorded_by: rc.actor!.username,
      created_at: now,
    });
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'roster.floating.contact',
      objectType: 'roster_floating',
      objectId: id,
      scopePath: row.org_path,
      detail: {
        contactId,
        contactedOn: input.contactedOn,
        method: input.method,
        joinedLocalLife: input.joinedLocalLife,
      },
    });
    await refreshAlertsIn(ctx, trx, ['roster.floating'], row.org_path);
    return { data: present((await frepo.findFloating(trx, id))!, on, rules(ctx, on)) };
  });
}

export async function endFloating(ctx: AppContext, rc: RequestContext, id: number, endedOn: string) {
  const row = await requireFloating(ctx, rc, id);
  const on = today(ctx);
  if (row.ended_on !== null)
    throw new AppError('conflict', 'FLOATING_ENDED', `该流动登记已于${row.ended_on}结束`);
  if (endedOn > on) throw badRequest('END_IN_FUTURE', '结束日期不能晚于今天', 'endedOn');
  const d = checkFloatingDates(row.since, endedOn, on);
  if (!d.ok) throw fromDecision(d);
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    await frepo.endFloating(trx, id, endedOn, now);
    if (row.direction === 'out' && row.person_id !== null)
      await frepo.setProfileFloating(trx, Number(row.person_id), null, now);
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'roster.floating.end',
      objectType: 'roster_floating',
      objectId: id,
      scopePath: row.org_path,
      detail: { before: { endedOn: null }, after: { endedOn } },
    });
    await refreshAlertsIn(ctx, trx, ['roster.floating'], row.org_path);
    return { data: present((await frepo.findFloating(trx, id))!, on, rules(ctx, on)) };
  });
}
