// Roster services: members (list, profile, changes).
import { checkGraduate, graduateStanding } from '../../../core/roster/graduate.rules.ts';
import type { MemberListQuery, ProfileInput } from '../../../core/roster/roster.schemas.ts';
import { ageOn } from '../../../core/shared/dates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import { refreshAlertsIn } from '../alerts/alerts.service.ts';
import { denied } from '../../authz.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import { decryptField, encryptField } from '../../crypto/field-crypto.ts';
import { badRequest, fromDecision, notFound } from '../../http/errors.ts';
import { inScope } from '../../http/policy.ts';
import { auditBase, memberFilter, requireOrg, today, transferDueBefore } from './roster-common.service.ts';
import { disciplineOf } from './roster-discipline.service.ts';
import { graduateRules } from './roster-graduates.service.ts';
import { ADDRESS_CONTEXT } from './roster.import.ts';
import { mayUnmask, memberPolicies } from './roster.policy.ts';
import { cursorOf, presentMemberListItem } from './roster.presenter.ts';
import * as repo from './roster.repository.ts';

/** A contains-search counts at most this many members (then reports "1000+"). */
const CONTAINS_COUNT_CAP = 1000;

export async function listMembers(ctx: AppContext, rc: RequestContext, q: MemberListQuery) {
  const org = await requireOrg(ctx, rc, q.orgId);
  const f = memberFilter(ctx, org, q);
  const after = q.after ? { path: q.after.split('|')[0]!, id: Number(q.after.split('|')[1]) } : null;
  const rows = await repo.listMembers(ctx.db, f, after, q.limit + 1);
  const page = rows.slice(0, q.limit);
  // A contains-search cannot use the name index: its count stops at a cap (totalCapped).
  const capped = f.q !== undefined && f.match === 'contains';
  const counted = after ? null : await repo.countMembers(ctx.db, f, capped ? CONTAINS_COUNT_CAP : undefined);
  const totalCapped = counted !== null && capped && counted > CONTAINS_COUNT_CAP;
  const total = counted === null ? null : totalCapped ? CONTAINS_COUNT_CAP : counted;
  return {
    data: {
      items: page.map((r) => presentMemberListItem(r, f.on, transferDueBefore(ctx, f.on))),
      nextCursor: rows.length > q.limit ? cursorOf(page.at(-1)!) : null,
      total,
      totalCapped,
    },
    policies: memberPolicies(rc.actor!),
  };
}

/** The member's current (or, after leaving, last) membership decides who may see the record. */
async function requireMember(ctx: AppContext, rc: RequestContext, personId: number) {
  const on = today(ctx);
  const row = await repo.memberById(ctx.db, personId, on);
  if (!row) throw notFound('党员');
  let path = row.org_path;
  if (!path) {
    const history = await repo.membershipHistory(ctx.db, personId);
    path = history.at(-1)?.org_path ?? null;
  }
  if (!path || !inScope(rc.actor!, path)) throw await denied(ctx, rc, 'person', personId, 'scope');
  return { row, path };
}

async function groupAndCommunity(ctx: AppContext, ids: Array<number | null | undefined>) {
  const wanted = ids.filter((x): x is number => typeof x === 'number');
  const out = new Map<number, { id: number; name: string; code: string }>();
  for (const id of wanted) {
    const o = await repo.findOrgById(ctx.db, id);
    if (o) out.set(id, { id: o.id, name: o.name, code: o.code });
  }
  return out;
}

export async function getMember(ctx: AppContext, rc: RequestContext, personId: number) {
  const { row } = await requireMember(ctx, rc, personId);
  const on = today(ctx);
  const history = await repo.membershipHistory(ctx.db, personId);
  const refs = await groupAndCommunity(ctx, [row.group_org_id, row.community_org_id]);
  return {
    data: {
      personId,
      name: row.name,
      gender: row.gender,
      ethnicity: row.ethnicity,
      education: row.education,
      birthDate: row.birth_date,
      age: row.birth_date ? ageOn(row.birth_date, on) : null,
      category: row.category,
      joinedOn: row.joined_on,
      fullMemberOn: row.full_member_on,
      idNumber: row.id_number_masked,
      phone: row.phone_masked,
      address: row.address_enc ? '（已加密，需查看明文）' : null,
      org: row.org_id ? { id: Number(row.org_id), name: row.org_name, code: row.org_code } : null,
      nativePlace: row.native_place,
      degree: row.degree,
      workUnit: row.work_unit,
      post: row.post,
      identity: row.identity,
      partyStatus: row.party_status ?? '正常',
      partyStatusReason: row.party_status_reason,
      partyStatusOn: row.party_status_on,
      flags: {
        floating: row.floating === 1,
        hardship: row.hardship === 1,
        communityReport: row.community_report === 1,
      },
      floatingDestination: row.floating_destination,
      floatingSince: row.floating_since,
      floatingTransferDue:
        row.floating === 1 && !!row.floating_since && row.floating_since <= transferDueBefore(ctx, on),
      community: row.community_org_id ? (refs.get(row.community_org_id) ?? null) : null,
      group: row.group_org_id ? (refs.get(row.group_org_id) ?? null) : null,
      groupSince: row.group_since,
      graduatedOn: row.graduated_on,
      graduateRetained: row.graduate_retained === 1,
      /** 毕业后组织关系暂留: deadline, days left and status; null when not retained. */
      graduate: graduateStanding(row.graduated_on, row.graduate_retained === 1, on, graduateRules(ctx, on)),
      /** 留党察看 records (issue 16); `active` when under it today. */
      discipline: await disciplineOf(ctx, personId),
      history: history.map((h) => ({
        org: { id: Number(h.org_id), name: h.name, code: h.code },
        category: h.category,
        validFrom: h.valid_from,
        validTo: h.valid_to,
        reason: h.reason,
      })),
    },
    policies: memberPolicies(rc.actor!),
  };
}

/** The clear ID number, phone and address, for an allowed role; every view is audited. */
export async function revealMember(ctx: AppContext, rc: RequestContext, personId: number) {
  const { row, path } = await requireMember(ctx, rc, personId);
  if (!mayUnmask(rc.actor!)) throw await denied(ctx, rc, 'person', personId, 'unmask');
  return ctx.db.transaction().execute(async (trx) => {
    await appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc),
      action: 'roster.member.reveal',
      objectType: 'person',
      objectId: personId,
      scopePath: path,
      detail: { fields: ['idNumber', 'phone', 'address'] },
    });
    return {
      data: {
        idNumber: row.id_number_enc ? decryptField(ctx.ring, 'persons.id_number', row.id_number_enc) : null,
        phone: row.phone_enc ? decryptField(ctx.ring, 'persons.phone', row.phone_enc) : null,
        address: row.address_enc ? decryptField(ctx.ring, ADDRESS_CONTEXT, row.address_enc) : null,
      },
    };
  });
}

export async function updateProfile(
  ctx: AppContext,
  rc: RequestContext,
  personId: number,
  input: ProfileInput,
) {
  const { row: member, path } = await requireMember(ctx, rc, personId);
  const on = today(ctx);
  const before = await repo.findProfile(ctx.db, personId);
  for (const [field, id] of [
    ['groupOrgId', input.groupOrgId],
    ['communityOrgId', input.communityOrgId],
  ] as const) {
    if (id == null) continue;
    const o = await repo.findOrgById(ctx.db, id);
    if (!o || o.status !== 'active')
      throw badRequest(
        'ORG_NOT_FOUND',
        field === 'groupOrgId' ? '党小组不存在' : '报到社区党组织不存在',
        field,
      );
    if (
      field === 'groupOrgId' &&
      (o.kind !== '党小组' || !path.startsWith(o.path.split('/').slice(0, -2).join('/') + '/'))
    ) {
      throw badRequest('GROUP_NOT_OF_BRANCH', '党小组须是党员所在党支部下的党小组', 'groupOrgId');
    }
  }
  if (
    input.partyStatus &&
    input.partyStatus !== '正常' &&
    (!input.partyStatusReason || !input.partyStatusOn)
  ) {
    throw badRequest(
      'PARTY_STATUS_REASON',
      '停止党籍或出党须填写原因和日期',
      input.partyStatusReason ? 'partyStatusOn' : 'partyStatusReason',
    );
  }
  if (input.graduatedOn !== undefined || input.graduateRetained !== undefined) {
    const d = checkGraduate(
      {
        graduatedOn: input.graduatedOn !== undefined ? input.graduatedOn : (before?.graduated_on ?? null),
        retained: input.graduateRetained ?? before?.graduate_retained === 1,
        birthDate: member.birth_date,
      },
      on,
    );
    if (!d.ok) throw fromDecision(d);
  }
  const set: Record<string, unknown> = {};
  const map: Array<[keyof ProfileInput, string]> = [
    ['nativePlace', 'native_place'],
    ['degree', 'degree'],
    ['workUnit', 'work_unit'],
    ['post', 'post'],
    ['identity', 'identity'],
    ['partyStatus', 'party_status'],
    ['partyStatusReason', 'party_status_reason'],
    ['partyStatusOn', 'party_status_on'],
    ['floatingDestination', 'floating_destination'],
    ['communityOrgId', 'community_org_id'],
    ['graduatedOn', 'graduated_on'],
  ];
  for (const [k, col] of map) if (input[k] !== undefined) set[col] = input[k];
  if (input.address !== undefined)
    set.address_enc = input.address ? encryptField(ctx.ring, ADDRESS_CONTEXT, input.address) : null;
  if (input.floating !== undefined) {
    set.floating = input.floating ? 1 : 0;
    set.floating_since = input.floating ? (before?.floating_since ?? on) : null;
  }
  if (input.hardship !== undefined) set.hardship = input.hardship ? 1 : 0;
  if (input.graduateRetained !== undefined) set.graduate_retained = input.graduateRetained ? 1 : 0;
  if (input.communityReport !== undefined) set.community_report = input.communityReport ? 1 : 0;
  if (input.groupOrgId !== undefined && input.groupOrgId !== before?.group_org_id) {
    set.group_org_id = input.groupOrgId;
    set.group_since = input.groupOrgId ? on : null;
  }
  await ctx.db.transaction().execute(async (trx) => {
    await repo.upsertProfile(trx, personId, set, ctx.now().toISOString());
    const beforeView = before
      ? Object.fromEntries(
          Object.keys(set).map((k) => [
            k,
            k === 'address_enc'
              ? before.address_enc
                ? '***'
                : null
              : (before as Record<string, unknown>)[k],
          ]),
        )
      : null;
    const afterView = Object.fromEntries(
      Object.entries(set).map(([k, v]) => [k, k === 'address_enc' ? (v ? '***' : null) : v]),
    );
    await appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc),
      action: 'roster.member.update',
      objectType: 'person',
      objectId: personId,
      scopePath: path,
      detail: { before: beforeView, after: afterView },
    });
    if ('graduate_retained' in set || 'graduated_on' in set)
      await refreshAlertsIn(ctx, trx, ['roster.graduates'], path);
  });
  return getMember(ctx, rc, personId);
}
