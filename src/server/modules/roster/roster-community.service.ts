// 在职党员到社区报到 (issue 4, item 6). The member's own branch (home side) registers an
// in-service member with a community branch (社区党组织), which may lie outside the home subtree.
// Who sees what: the home side sees its members' registrations and their hours; the community
// side sees the members registered with it (name and home organisation only: no ID number or
// phone) and is the only side that records volunteer service.
import {
  checkEnd,
  checkMayRecord,
  checkService,
  hoursByMonth,
  hoursInYear,
  REGISTRATION_STATUS_LABEL,
  registrationStatus,
} from '../../../core/roster/community.rules.ts';
import type {
  CommunityEndInput,
  CommunityListQuery,
  CommunityRegisterInput,
  VolunteerServiceInput,
  VolunteerServicePatch,
} from '../../../core/roster/roster.schemas.ts';
import { isBranchKind } from '../../../core/org/org.types.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { chinaDate } from '../../../core/shared/dates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import { denied } from '../../authz.ts';
import { AppError, badRequest, fromDecision, notFound } from '../../http/errors.ts';
import { inScope } from '../../http/policy.ts';
import * as crepo from './roster-community.repository.ts';
import * as repo from './roster.repository.ts';

const today = (ctx: AppContext) => chinaDate(ctx.now());

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

function sides(rc: RequestContext, r: crepo.RegistrationRow) {
  const a = rc.actor!;
  return { home: inScope(a, r.home_org_path), community: inScope(a, r.community_org_path) };
}

function present(rc: RequestContext, r: crepo.RegistrationRow, hours: number) {
  const s = sides(rc, r);
  const status = registrationStatus(r.ended_on);
  return {
    id: Number(r.id),
    personId: Number(r.person_id),
    personName: r.person_name,
    homeOrg: { id: Number(r.home_org_id), name: r.home_org_name, code: r.home_org_code },
    communityOrg: { id: Number(r.community_org_id), name: r.community_org_name, code: r.community_org_code },
    registeredOn: r.registered_on,
    endedOn: r.ended_on,
    endReason: r.end_reason,
    status,
    statusLabel: REGISTRATION_STATUS_LABEL[status],
    hours,
    side: s.home && s.community ? ('both' as const) : s.home ? ('home' as const) : ('community' as const),
    mayRecord: s.community && r.ended_on === null,
    /** The home side ends the registration, as it registered it. */
    mayEnd: s.home && r.ended_on === null,
    /** The community side corrects or deletes the records it made, also after the end. */
    mayEditServices: s.community,
  };
}

const yearOf = (ctx: AppContext, year: number | undefined) => year ?? Number(today(ctx).slice(0, 4));

export async function listCommunity(ctx: AppContext, rc: RequestContext, q: CommunityListQuery) {
  const org = await repo.findOrgById(ctx.db, q.orgId);
  if (!org) throw notFound('组织');
  if (!inScope(rc.actor!, org.path)) throw await denied(ctx, rc, 'org', q.orgId, 'scope');
  const year = yearOf(ctx, q.year);
  const rows = await crepo.listRegistrations(ctx.db, org.path, q.status);
  const records = await crepo.servicesOf(
    ctx.db,
    rows.map((r) => Number(r.id)),
    `${year}-01-01`,
    `${year}-12-31`,
  );
  const per = new Map<number, Array<{ servedOn: string; halfHours: number }>>();
  for (const s of records) {
    const list = per.get(Number(s.registration_id)) ?? [];
    list.push({ servedOn: s.served_on, halfHours: Number(s.half_hours) });
    per.set(Number(s.registration_id), list);
  }
  const all = records.map((s) => ({ servedOn: s.served_on, halfHours: Number(s.half_hours) }));
  const items = rows.map((r) => present(rc, r, hoursInYear(per.get(Number(r.id)) ?? [], year)));
  return {
    data: {
      year,
      items,
      months: hoursByMonth(all, year),
      totalHours: hoursInYear(all, year),
      withoutService: items.filter((i) => i.endedOn === null && i.hours === 0).length,
    },
  };
}

async function requireRegistration(ctx: AppContext, rc: RequestContext, id: number) {
  const row = await crepo.findRegistration(ctx.db, id);
  if (!row) throw notFound('社区报到');
  const s = sides(rc, row);
  if (!s.home && !s.community) throw await denied(ctx, rc, 'roster_community_registration', id, 'scope');
  return row;
}

export async function getRegistration(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  year: number | undefined,
) {
  const row = await requireRegistration(ctx, rc, id);
  const y = yearOf(ctx, year);
  const records = await crepo.serviceRecords(ctx.db, id);
  const forYear = records.map((s) => ({ servedOn: s.served_on, halfHours: Number(s.half_hours) }));
  return {
    data: {
      ...present(rc, row, hoursInYear(forYear, y)),
      year: y,
      months: hoursByMonth(forYear, y),
      records: records.map((s) => ({
        id: Number(s.id),
        servedOn: s.served_on,
        activity: s.activity,
        hours: Number(s.half_hours) / 2,
        recordedBy: s.recorded_by,
        correctedBy: s.updated_by,
      })),
    },
  };
}

/** The home side registers its member with a community branch (one active registration per member). */
export async function register(ctx: AppContext, rc: RequestContext, input: CommunityRegisterInput) {
  const on = today(ctx);
  const m = await repo.memberById(ctx.db, input.personId, on);
  if (!m) throw notFound('党员');
  if (!m.org_id || !m.org_path)
    throw badRequest('NO_MEMBERSHIP', '该党员当前没有所在党组织，不能到社区报到', 'personId');
  if (!inScope(rc.actor!, m.org_path)) throw await denied(ctx, rc, 'person', input.personId, 'scope');
  const c = (await repo.findOrgsByCodes(ctx.db, [input.communityOrgCode])).get(input.communityOrgCode);
  if (!c)
    throw badRequest(
      'COMMUNITY_NOT_FOUND',
      `社区党组织编码“${input.communityOrgCode}”不存在`,
      'communityOrgCode',
    );
  if (c.status !== 'active' || !isBranchKind(c.kind) || c.sector !== '社区')
    throw badRequest(
      'NOT_A_COMMUNITY_BRANCH',
      '报到的党组织应为在册的社区党组织（社区领域的党支部或党委）',
      'communityOrgCode',
    );
  if (input.registeredOn > on)
    throw badRequest('REGISTERED_IN_FUTURE', '报到日期不能晚于今天', 'registeredOn');
  if (await crepo.activeRegistrationOf(ctx.db, input.personId))
    throw new AppError('conflict', 'ALREADY_REGISTERED', '该党员已到社区报到（同一时间只在一个社区报到）', {
      personId: '已到社区报到',
    });
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const id = await crepo.insertRegistration(trx, {
      person_id: input.personId,
      home_org_id: Number(m.org_id),
      home_org_path: m.org_path!,
      community_org_id: c.id,
      community_org_path: c.path,
      registered_on: input.registeredOn,
      ended_on: null,
      created_by: rc.actor!.username,
      created_at: now,
      updated_at: now,
    });
    // The member record's 到社区报到 flag and community follow the registration.
    await repo.upsertProfile(trx, input.personId, { community_report: 1, community_org_id: c.id }, now);
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'roster.community.register',
      objectType: 'roster_community_registration',
      objectId: id,
      scopePath: m.org_path,
      detail: { personId: input.personId, communityOrgId: c.id, registeredOn: input.registeredOn },
    });
    return { data: present(rc, (await crepo.findRegistration(trx, id))!, 0) };
  });
}

/** The community side records a volunteer service (date, activity, hours). */
export async function recordService(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  input: VolunteerServiceInput,
) {
  const row = await requireRegistration(ctx, rc, id);
  if (!inScope(rc.actor!, row.community_org_path))
    throw await denied(ctx, rc, 'roster_community_registration', id, 'community-side-only');
  const open = checkMayRecord(row.ended_on);
  if (!open.ok) throw fromDecision(open, 'conflict');
  const on = today(ctx);
  const d = checkService({
    servedOn: input.servedOn,
    hours: input.hours,
    registeredOn: row.registered_on,
    endedOn: row.ended_on,
    today: on,
    minHours: ruleValue<number>(ctx.config.rulebook, 'roster.community.minHours', on),
    maxHours: ruleValue<number>(ctx.config.rulebook, 'roster.community.maxHours', on),
  });
  if (!d.ok) throw fromDecision(d);
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const sid = await crepo.insertService(trx, {
      registration_id: id,
      served_on: input.servedOn,
      activity: input.activity,
      half_hours: d.value,
      recorded_by: rc.actor!.username,
      created_at: now,
    });
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'roster.community.service',
      objectType: 'roster_community_registration',
      objectId: id,
      scopePath: row.community_org_path,
      detail: { serviceId: sid, servedOn: input.servedOn, hours: input.hours },
    });
    return {
      data: { id: sid, servedOn: input.servedOn, activity: input.activity, hours: d.value / 2 },
    };
  });
}

/**
 * 报到结束 (moved house, changed job): the home side ends the registration; the member record's
 * 到社区报到 flag and community are cleared in the same transaction.
 */
export async function endRegistration(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  input: CommunityEndInput,
) {
  const row = await requireRegistration(ctx, rc, id);
  if (!inScope(rc.actor!, row.home_org_path))
    throw await denied(ctx, rc, 'roster_community_registration', id, 'home-side-only');
  const d = checkEnd({
    registeredOn: row.registered_on,
    endedOn: row.ended_on,
    endOn: input.endedOn,
    today: today(ctx),
    lastServedOn: await crepo.lastServedOn(ctx.db, id),
  });
  if (!d.ok) throw fromDecision(d, d.code === 'REGISTRATION_ENDED' ? 'conflict' : 'bad_request');
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const ended = await crepo.endRegistration(trx, id, {
      ended_on: input.endedOn,
      end_reason: input.reason,
      ended_by: rc.actor!.username,
      ended_at: now,
    });
    if (!ended) throw new AppError('conflict', 'REGISTRATION_ENDED', '该社区报到已结束');
    const personId = Number(row.person_id);
    await repo.upsertProfile(trx, personId, { community_report: 0, community_org_id: null }, now);
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'roster.community.end',
      objectType: 'roster_community_registration',
      objectId: id,
      scopePath: row.home_org_path,
      detail: {
        personId,
        before: { endedOn: null, communityOrgId: Number(row.community_org_id) },
        after: { endedOn: input.endedOn, communityOrgId: null },
        reason: input.reason,
      },
    });
    const year = yearOf(ctx, undefined);
    const served = await crepo.servicesOf(trx, [id], `${year}-01-01`, `${year}-12-31`);
    const hours = hoursInYear(
      served.map((x) => ({ servedOn: x.served_on, halfHours: Number(x.half_hours) })),
      year,
    );
    return { data: present(rc, (await crepo.findRegistration(trx, id))!, hours) };
  });
}

/** A service record of a registration the caller records for (the community side, as recordService). */
async function requireServiceRecord(ctx: AppContext, rc: RequestContext, id: number, serviceId: number) {
  const row = await requireRegistration(ctx, rc, id);
  if (!inScope(rc.actor!, row.community_org_path))
    throw await denied(ctx, rc, 'roster_community_registration', id, 'community-side-only');
  const record = await crepo.findService(ctx.db, id, serviceId);
  if (!record) throw notFound('志愿服务记录');
  return { row, record };
}

const recordValues = (r: { served_on: string; activity: string; half_hours: number }) => ({
  servedOn: r.served_on,
  activity: r.activity,
  hours: Number(r.half_hours) / 2,
});

/** Corrects a service record (date, activity, hours), checked like a new record. */
export async function updateService(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  serviceId: number,
  patch: VolunteerServicePatch,
) {
  const { row, record } = await requireServiceRecord(ctx, rc, id, serviceId);
  const before = recordValues(record);
  const after = {
    servedOn: patch.servedOn ?? before.servedOn,
    activity: patch.activity ?? before.activity,
    hours: patch.hours ?? before.hours,
  };
  const on = today(ctx);
  const d = checkService({
    servedOn: after.servedOn,
    hours: after.hours,
    registeredOn: row.registered_on,
    endedOn: row.ended_on,
    today: on,
    minHours: ruleValue<number>(ctx.config.rulebook, 'roster.community.minHours', on),
    maxHours: ruleValue<number>(ctx.config.rulebook, 'roster.community.maxHours', on),
  });
  if (!d.ok) throw fromDecision(d);
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    await crepo.updateService(trx, id, serviceId, {
      served_on: after.servedOn,
      activity: after.activity,
      half_hours: d.value,
      updated_by: rc.actor!.username,
      updated_at: now,
    });
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'roster.community.service.update',
      objectType: 'roster_community_registration',
      objectId: id,
      scopePath: row.community_org_path,
      detail: { serviceId, before, after },
    });
    return { data: { id: serviceId, ...after } };
  });
}

/** Deletes a service record entered by mistake. */
export async function deleteService(ctx: AppContext, rc: RequestContext, id: number, serviceId: number) {
  const { row, record } = await requireServiceRecord(ctx, rc, id, serviceId);
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await crepo.deleteService(trx, id, serviceId))) throw notFound('志愿服务记录');
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'roster.community.service.delete',
      objectType: 'roster_community_registration',
      objectId: id,
      scopePath: row.community_org_path,
      detail: { serviceId, before: recordValues(record) },
    });
    return { data: { id: serviceId, deleted: true } };
  });
}
