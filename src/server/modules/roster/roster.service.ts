// Roster services: load → decide (core) → persist → audit, one transaction per change.
import {
  ageBands,
  bandDates,
  isAgeing,
  PARTY_AGE_BANDS,
  share,
} from '../../../core/roster/structure.rules.ts';
import { hoursInYear } from '../../../core/roster/community.rules.ts';
import { checkGraduate, graduateStanding } from '../../../core/roster/graduate.rules.ts';
import {
  approvalPath,
  decideInitiate,
  decideStep,
  mayAct,
  mayView,
  type TransferFacts,
} from '../../../core/roster/transfer.rules.ts';
import type {
  ExportQuery,
  MemberListQuery,
  ProfileInput,
  TransferActionInput,
  TransferCreateInput,
} from '../../../core/roster/roster.schemas.ts';
import type { TransferStatus } from '../../../core/roster/roster.constants.ts';
import { isBranchKind } from '../../../core/org/org.types.ts';
import { pathIds } from '../../../core/org/org.rules.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { addDays, addMonths, addYears, ageOn, chinaDate } from '../../../core/shared/dates.ts';
import type { Transaction } from 'kysely';
import { appendAudit, type AuditEntry } from '../../audit/audit.repository.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor, AppContext, RequestContext } from '../../context.ts';
import { decryptField, encryptField } from '../../crypto/field-crypto.ts';
import { denied } from '../../authz.ts';
import { AppError, badRequest, fromDecision, notFound } from '../../http/errors.ts';
import { inScope } from '../../http/policy.ts';
import { holdersOn } from '../membership/membership.repository.ts';
import { ADDRESS_CONTEXT, runImport, type ImportProgress } from './roster.import.ts';
import { mayUnmask, memberPolicies } from './roster.policy.ts';
import { cursorOf, presentMemberListItem, presentRequest, presentTransfer } from './roster.presenter.ts';
import { activeRegistrationOf, findRegistration, servicesOf } from './roster-community.repository.ts';
import { disciplineOf } from './roster-discipline.service.ts';
import { graduateRules } from './roster-graduates.service.ts';
import { latestRequestOf } from './roster-request.repository.ts';
import * as repo from './roster.repository.ts';
import { buildSheetWorkbook, guardXlsx, ImportFileError } from './roster.xlsx.ts';
import { IMPORT_JOB_OWNER } from './roster.import.ts';

const today = (ctx: AppContext) => chinaDate(ctx.now());

/** Floating since this day or earlier: away long enough that the relationship should be transferred. */
function transferDueBefore(ctx: AppContext, on: string): string {
  return addMonths(on, -ruleValue<number>(ctx.config.rulebook, 'roster.transfer.awayMonths', on));
}

function auditBase(
  ctx: AppContext,
  rc: RequestContext,
): Pick<AuditEntry, 'at' | 'result' | 'actorUserId' | 'actorUsername' | 'requestId' | 'ip'> {
  const a = rc.actor!;
  return {
    at: ctx.now().toISOString(),
    result: 'ok',
    actorUserId: a.userId,
    actorUsername: a.username,
    requestId: rc.meta.requestId,
    ip: rc.meta.ip,
  };
}

async function requireOrg(ctx: AppContext, rc: RequestContext, orgId: number): Promise<repo.OrgFacts> {
  const org = await repo.findOrgById(ctx.db, orgId);
  if (!org) throw notFound('组织');
  if (!inScope(rc.actor!, org.path)) throw await denied(ctx, rc, 'org', orgId, 'scope');
  return org;
}

function ageFilter(ctx: AppContext, key: string | undefined, on: string) {
  if (!key) return undefined;
  const bands = ageBands(
    ruleValue<number>(ctx.config.rulebook, 'roster.structure.youngAge', on),
    ruleValue<number>(ctx.config.rulebook, 'roster.structure.oldAge', on),
  );
  const band = bands.find((b) => b.key === key);
  return band ? bandDates(band, on) : undefined;
}

function memberFilter(
  ctx: AppContext,
  org: repo.OrgFacts,
  q: Omit<MemberListQuery, 'after' | 'limit'>,
): repo.MemberFilter {
  const on = today(ctx);
  return {
    scopePath: org.path,
    on,
    q: q.q?.trim() || undefined,
    match: q.match,
    category: q.category,
    gender: q.gender,
    education: q.education,
    birth: ageFilter(ctx, q.ageBand, on),
    flag: q.flag,
  };
}

// ---------------------------------------------------------------- members

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
  });
  return getMember(ctx, rc, personId);
}

// ---------------------------------------------------------------- export

const EXPORT_HEADERS = [
  '序号',
  '姓名',
  '性别',
  '民族',
  '公民身份号码',
  '出生日期',
  '年龄',
  '学历',
  '人员类别',
  '入党日期',
  '转正日期',
  '联系电话',
  '所在党组织',
  '党组织编码',
  '人员身份',
  '工作单位',
  '党籍状态',
  '流动党员',
  '困难党员',
  '到社区报到',
];

export async function exportMembers(
  ctx: AppContext,
  rc: RequestContext,
  q: ExportQuery,
): Promise<{ file: Buffer; name: string }> {
  const org = await requireOrg(ctx, rc, q.orgId);
  const unmask = q.unmask === '1';
  if (unmask && !mayUnmask(rc.actor!)) throw await denied(ctx, rc, 'org', org.id, 'unmask');
  const f = memberFilter(ctx, org, q);
  const rows: Array<Array<string | number | null>> = [];
  let after: { path: string; id: number } | null = null;
  for (;;) {
    const page = await repo.listMembers(ctx.db, f, after, 2000);
    for (const r of page) {
      const item = presentMemberListItem(r, f.on);
      rows.push([
        rows.length + 1,
        item.name,
        item.gender,
        item.ethnicity,
        unmask && r.id_number_enc
          ? decryptField(ctx.ring, 'persons.id_number', r.id_number_enc)
          : item.idNumber,
        item.birthDate,
        item.age,
        item.education,
        item.category,
        item.joinedOn,
        item.fullMemberOn,
        unmask && r.phone_enc ? decryptField(ctx.ring, 'persons.phone', r.phone_enc) : item.phone,
        item.org.name,
        item.org.code,
        item.identity,
        item.workUnit,
        item.partyStatus,
        item.flags.floating ? '是' : '',
        item.flags.hardship ? '是' : '',
        item.flags.communityReport ? '是' : '',
      ]);
    }
    if (page.length < 2000) break;
    after = { path: page.at(-1)!.org_path, id: Number(page.at(-1)!.id) };
  }
  const file = await buildSheetWorkbook([{ name: '党员名册', headers: EXPORT_HEADERS, rows }]);
  await ctx.db.transaction().execute((trx) =>
    appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc),
      action: unmask ? 'roster.export.unmasked' : 'roster.export',
      objectType: 'org',
      objectId: org.id,
      scopePath: org.path,
      detail: {
        rows: rows.length,
        unmasked: unmask,
        filters: {
          q: q.q ?? null,
          category: q.category ?? null,
          gender: q.gender ?? null,
          ageBand: q.ageBand ?? null,
          education: q.education ?? null,
          flag: q.flag ?? null,
        },
      },
    }),
  );
  return { file, name: `党员名册-${org.code}-${f.on}${unmask ? '-明文' : ''}.xlsx` };
}

// ---------------------------------------------------------------- structure analysis

export async function structure(ctx: AppContext, rc: RequestContext, orgId: number) {
  const org = await requireOrg(ctx, rc, orgId);
  return { data: await structureOf(ctx, org) };
}

export async function structureOf(ctx: AppContext, org: repo.OrgFacts) {
  const on = today(ctx);
  const youngAge = ruleValue<number>(ctx.config.rulebook, 'roster.structure.youngAge', on);
  const oldAge = ruleValue<number>(ctx.config.rulebook, 'roster.structure.oldAge', on);
  const ageingShare = ruleValue<number>(ctx.config.rulebook, 'roster.structure.ageingShare', on);
  const aBands = ageBands(youngAge, oldAge);
  const [gender, ethnicity, education, category, identity, joinYear, ages, partyAges, perOrg] =
    await Promise.all([
      repo.countBy(ctx.db, org.path, on, 'gender'),
      repo.countBy(ctx.db, org.path, on, 'ethnicity'),
      repo.countBy(ctx.db, org.path, on, 'education'),
      repo.countBy(ctx.db, org.path, on, 'category'),
      repo.countBy(ctx.db, org.path, on, 'identity'),
      repo.countBy(ctx.db, org.path, on, 'joinYear'),
      repo.countByDateBands(
        ctx.db,
        org.path,
        on,
        'p.birth_date',
        aBands.map((b) => ({ key: b.key, ...bandDates(b, on) })),
      ),
      repo.countByDateBands(
        ctx.db,
        org.path,
        on,
        'p.joined_on',
        PARTY_AGE_BANDS.map((b) => ({ key: b.key, ...bandDates(b, on) })),
      ),
      repo.ageingByOrg(ctx.db, org.path, on, addYears(on, -oldAge), addYears(on, -(youngAge + 1))),
    ]);
  const total = gender.reduce((s, g) => s + g.n, 0);
  const dist = (rows: Array<{ key: string | null; n: number }>, unknown = '未填写') =>
    rows
      .map((r) => ({ key: r.key ?? unknown, count: r.n, share: share(r.n, total) }))
      .sort((a, b) => b.count - a.count);
  const old = ages.get(aBands.at(-1)!.key) ?? 0;
  const young = ages.get(aBands[0]!.key) ?? 0;
  const thisYear = Number(on.slice(0, 4));
  return {
    org: { id: org.id, name: org.name, code: org.code },
    on,
    total,
    thresholds: { youngAge, oldAge, ageingShare },
    shares: {
      old: share(old, total),
      young: share(young, total),
      women: share(gender.find((g) => g.key === '女')?.n ?? 0, total),
    },
    ageBands: aBands.map((b) => ({ key: b.key, label: b.label, count: ages.get(b.key) ?? 0 })),
    partyAgeBands: PARTY_AGE_BANDS.map((b) => ({
      key: b.key,
      label: b.label,
      count: partyAges.get(b.key) ?? 0,
    })),
    gender: dist(gender),
    ethnicity: dist(ethnicity),
    education: dist(education),
    category: dist(category),
    identity: dist(identity),
    newMembersPerYear: Array.from({ length: 10 }, (_, i) => thisYear - 9 + i).map((y) => ({
      year: y,
      count: joinYear.find((j) => j.key === String(y))?.n ?? 0,
    })),
    branches: perOrg
      .map((b) => ({
        id: b.id,
        name: b.name,
        code: b.code,
        total: b.total,
        old: b.old,
        young: b.young,
        oldShare: share(b.old, b.total),
        youngShare: share(b.young, b.total),
        ageing: isAgeing(b, ageingShare),
      }))
      .sort((a, b) => b.oldShare - a.oldShare),
  };
}

export async function structureWorkbook(ctx: AppContext, rc: RequestContext, orgId: number) {
  const { data: s } = await structure(ctx, rc, orgId);
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const dimSheet = (name: string, rows: Array<{ key: string; count: number; share: number }>) => ({
    name,
    headers: ['项目', '人数', '占比'],
    rows: rows.map((r) => [r.key, r.count, pct(r.share)]),
  });
  const file = await buildSheetWorkbook([
    {
      name: '总览',
      headers: [
        '组织',
        '统计日期',
        '党员总数',
        `${s.thresholds.oldAge}岁及以上占比`,
        `${s.thresholds.youngAge}岁及以下占比`,
        '女党员占比',
      ],
      rows: [[s.org.name, s.on, s.total, pct(s.shares.old), pct(s.shares.young), pct(s.shares.women)]],
    },
    {
      name: '年龄',
      headers: ['年龄段', '人数', '占比'],
      rows: s.ageBands.map((b) => [b.label, b.count, pct(share(b.count, s.total))]),
    },
    {
      name: '党龄',
      headers: ['党龄段', '人数', '占比'],
      rows: s.partyAgeBands.map((b) => [b.label, b.count, pct(share(b.count, s.total))]),
    },
    dimSheet('性别', s.gender),
    dimSheet('民族', s.ethnicity),
    dimSheet('学历', s.education),
    dimSheet('人员身份', s.identity),
    {
      name: '历年发展',
      headers: ['年份', '入党人数'],
      rows: s.newMembersPerYear.map((y) => [y.year, y.count]),
    },
    {
      name: '支部年龄结构',
      headers: [
        '党组织',
        '编码',
        '党员数',
        `${s.thresholds.oldAge}岁及以上`,
        '占比',
        `${s.thresholds.youngAge}岁及以下`,
        '占比',
        '老龄化提示',
      ],
      rows: s.branches.map((b) => [
        b.name,
        b.code,
        b.total,
        b.old,
        pct(b.oldShare),
        b.young,
        pct(b.youngShare),
        b.ageing ? '老龄化' : '',
      ]),
    },
  ]);
  await ctx.db.transaction().execute((trx) =>
    appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc),
      action: 'roster.structure.export',
      objectType: 'org',
      objectId: s.org.id,
      detail: { total: s.total },
    }),
  );
  return { file, name: `党员队伍结构-${s.org.code}-${s.on}.xlsx` };
}

// ---------------------------------------------------------------- imports

/** Live progress of running imports in this process; the job row holds the result. */
const running = new Map<number, ImportProgress>();

export async function startImport(
  ctx: AppContext,
  rc: RequestContext,
  body: unknown,
  q: { dryRun: boolean; allowPartial: boolean; fileName: string | null },
) {
  if (!Buffer.isBuffer(body) || body.length === 0)
    throw badRequest('FILE_REQUIRED', '请上传.xlsx格式的Excel文件', 'file');
  if (q.fileName && !/\.xlsx$/i.test(q.fileName))
    throw badRequest('NOT_XLSX', '只支持.xlsx格式的Excel工作簿', 'file');
  const actor = rc.actor!;
  // What is not a workbook at all (too short, not a zip, truncated, a zip of something else, a
  // zip bomb) is refused here, as a 400 naming the file; the rest of the file is read by the job.
  try {
    guardXlsx(body);
  } catch (e) {
    if (!(e instanceof ImportFileError)) throw e;
    await ctx.db.transaction().execute((trx) =>
      appendAudit(trx, ctx.ring, {
        ...auditBase(ctx, rc),
        action: q.dryRun ? 'roster.import.dry_run' : 'roster.import',
        result: 'failed',
        objectType: 'roster_import',
        scopePath: actor.scopePath,
        detail: { fileName: q.fileName, fileError: e.code },
      }),
    );
    throw badRequest(e.code, e.message, 'file');
  }
  const jobId = await repo.insertImportJob(ctx.db, {
    userId: actor.userId,
    username: actor.username,
    scopePath: actor.scopePath,
    fileName: q.fileName,
    dryRun: q.dryRun,
    allowPartial: q.allowPartial,
    now: ctx.now().toISOString(),
    owner: IMPORT_JOB_OWNER,
  });
  running.set(jobId, { phase: 'reading', done: 0, total: 0 });
  const done = runImport(ctx, {
    buffer: body,
    scopePath: actor.scopePath,
    actor: { userId: actor.userId, username: actor.username },
    dryRun: q.dryRun,
    allowPartial: q.allowPartial,
    fileName: q.fileName,
    requestId: rc.meta.requestId,
    ip: rc.meta.ip,
    jobId,
    onProgress: (p) => running.set(jobId, p),
  });
  done
    .catch((e: unknown) => {
      if (!(e instanceof ImportFileError)) rc.log.error({ err: e }, 'import failed');
    })
    .finally(() => running.delete(jobId));
  return { data: { id: jobId, status: 'running' as const } };
}

async function requireJob(ctx: AppContext, rc: RequestContext, id: number) {
  const job = await repo.findImportJob(ctx.db, id);
  if (!job) throw notFound('导入任务');
  if (!inScope(rc.actor!, job.scope_path)) throw await denied(ctx, rc, 'roster_import', id, 'scope');
  return job;
}

export async function getImport(ctx: AppContext, rc: RequestContext, id: number) {
  const job = await requireJob(ctx, rc, id);
  const live = running.get(id);
  return {
    data: {
      id,
      /** interrupted: its process stopped (a restart); nothing was written, fileError says so. */
      status: job.status as 'running' | 'done' | 'failed' | 'interrupted',
      dryRun: job.dry_run === 1,
      allowPartial: job.allow_partial === 1,
      fileName: job.file_name,
      progress: live ?? {
        phase: job.status === 'failed' || job.status === 'interrupted' ? 'failed' : job.status === 'done' ? 'done' : 'reading',
        done: Number(job.total),
        total: Number(job.total),
      },
      fileError: job.file_error,
      report:
        job.status === 'done'
          ? {
              total: Number(job.total),
              valid: Number(job.valid),
              imported: Number(job.imported),
              errors: JSON.parse(job.errors_json) as unknown[],
            }
          : null,
      hasErrorWorkbook: job.error_workbook_enc !== null,
      createdAt: job.created_at,
      finishedAt: job.finished_at,
    },
  };
}

export async function importErrorWorkbook(ctx: AppContext, rc: RequestContext, id: number) {
  const job = await requireJob(ctx, rc, id);
  if (!job.error_workbook_enc) throw notFound('错误标注工作簿');
  const file = Buffer.from(
    decryptField(ctx.ring, 'roster_import_jobs.error_workbook', job.error_workbook_enc),
    'base64',
  );
  await ctx.db.transaction().execute((trx) =>
    appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc),
      action: 'roster.import.error_workbook',
      objectType: 'roster_import',
      objectId: id,
      scopePath: job.scope_path,
      detail: { bytes: file.length },
    }),
  );
  return { file, name: `导入错误标注-${id}.xlsx` };
}

// ---------------------------------------------------------------- transfers

function facts(t: NonNullable<repo.TransferRow>): TransferFacts {
  return {
    status: t.status as TransferStatus,
    fromOrgPath: t.from_org_path,
    toOrgPath: t.to_org_path,
    approverPath: t.approver_path,
    reachedReceiver: t.reached_receiver === 1,
  };
}

export async function listTransfers(
  ctx: AppContext,
  rc: RequestContext,
  orgId: number,
  status: 'open' | 'closed' | 'all',
) {
  const org = await requireOrg(ctx, rc, orgId);
  const rows = await repo.listTransfers(ctx.db, org.path, status);
  const actor = rc.actor!;
  return {
    data: rows.map((t) => {
      const f = facts(t);
      return {
        ...presentTransfer(t),
        direction: f.fromOrgPath.startsWith(org.path)
          ? ('out' as const)
          : f.toOrgPath.startsWith(org.path)
            ? ('in' as const)
            : ('approval' as const),
        actions: (['approve', 'reject', 'accept', 'return', 'cancel'] as const).filter(
          (a) =>
            decideStep(f, a).ok &&
            mayAct(f, a, actor.scopePath) &&
            (a !== 'approve' && a !== 'reject' ? true : mayUnmask(actor)),
        ),
      };
    }),
  };
}

export async function getTransfer(ctx: AppContext, rc: RequestContext, id: number) {
  const t = await repo.findTransfer(ctx.db, id);
  if (!t) throw notFound('转接');
  if (!mayView(facts(t), rc.actor!.scopePath)) throw await denied(ctx, rc, 'roster_transfer', id, 'scope');
  return { data: presentTransfer(t) };
}

/** `link` runs in the same transaction with the new transfer's id (a member's request turned into it). */
export async function createTransfer(
  ctx: AppContext,
  rc: RequestContext,
  input: TransferCreateInput,
  link?: (trx: Transaction<DB>, transferId: number) => Promise<void>,
) {
  const actor = rc.actor!;
  const on = today(ctx);
  const member = await repo.memberById(ctx.db, input.personId, on);
  if (!member) throw notFound('党员');
  if (!member.org_id || !member.org_path)
    throw badRequest('NO_MEMBERSHIP', '该党员当前没有所在党组织，不能发起转接', 'personId');
  if (!inScope(actor, member.org_path)) throw await denied(ctx, rc, 'person', input.personId, 'scope');
  const target = (await repo.findOrgsByCodes(ctx.db, [input.toOrgCode])).get(input.toOrgCode);
  if (!target)
    throw badRequest('TRANSFER_TARGET_NOT_FOUND', `转入组织编码“${input.toOrgCode}”不存在`, 'toOrgCode');
  const d = decideInitiate({
    fromOrgId: Number(member.org_id),
    toOrgId: target.id,
    toOrgActive: target.status === 'active',
    toIsBranch: isBranchKind(target.kind),
    hasOpenTransfer: await repo.hasOpenTransfer(ctx.db, input.personId),
  });
  if (!d.ok) throw fromDecision(d, d.code === 'TRANSFER_OPEN' ? 'conflict' : 'bad_request');
  const ancestors = await repo.findOrgsByPaths(
    ctx.db,
    pathIds(member.org_path).map((_, i, all) => '/' + all.slice(0, i + 1).join('/') + '/'),
  );
  const approver = approvalPath(ancestors, target.path);
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertTransfer(trx, {
      person_id: input.personId,
      from_org_id: Number(member.org_id),
      from_org_path: member.org_path!,
      to_org_id: target.id,
      to_org_path: target.path,
      approver_path: approver,
      reached_receiver: approver ? 0 : 1,
      status: approver ? 'pending_approval' : 'pending_acceptance',
      reason: input.reason,
      return_reason: null,
      initiated_by: actor.username,
      initiated_at: now,
      approved_by: null,
      approved_at: null,
      decided_by: null,
      decided_at: null,
      effective_on: null,
      updated_at: now,
    });
    await appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc),
      action: 'roster.transfer.create',
      objectType: 'roster_transfer',
      objectId: id,
      scopePath: member.org_path,
      detail: {
        personId: input.personId,
        from: Number(member.org_id),
        to: target.id,
        needsApproval: approver !== null,
      },
    });
    if (link) await link(trx, id);
    const row = (await repo.findTransfer(trx, id))!;
    return { data: presentTransfer(row) };
  });
}

export async function actOnTransfer(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  input: TransferActionInput,
) {
  const actor = rc.actor!;
  const t = await repo.findTransfer(ctx.db, id);
  if (!t) throw notFound('转接');
  const f = facts(t);
  if (!mayView(f, actor.scopePath) || !mayAct(f, input.action, actor.scopePath))
    throw await denied(ctx, rc, 'roster_transfer', id, `scope:${input.action}`);
  if ((input.action === 'approve' || input.action === 'reject') && !mayUnmask(actor))
    throw await denied(ctx, rc, 'roster_transfer', id, 'role:approve');
  const d = decideStep(f, input.action);
  if (!d.ok) throw fromDecision(d, 'conflict');
  if ((input.action === 'return' || input.action === 'reject') && !input.reason)
    throw badRequest('REASON_REQUIRED', '退回须说明理由', 'reason');
  const on = input.effectiveOn ?? today(ctx);
  if (input.action === 'accept' && on > today(ctx))
    throw badRequest('EFFECTIVE_IN_FUTURE', '接收日期不能晚于今天', 'effectiveOn');
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const fresh = await repo.findTransfer(trx, id);
    if (fresh?.status !== t.status)
      throw new AppError('conflict', 'TRANSFER_CHANGED', '该转接已被他人处理，请刷新后重试');
    const set: Parameters<typeof repo.updateTransfer>[2] = { status: d.value, updated_at: now };
    if (input.action === 'approve')
      Object.assign(set, { approved_by: actor.username, approved_at: now, reached_receiver: 1 });
    if (input.action === 'reject' || input.action === 'return')
      Object.assign(set, {
        decided_by: actor.username,
        decided_at: now,
        return_reason: input.reason ?? null,
      });
    if (input.action === 'cancel') Object.assign(set, { decided_by: actor.username, decided_at: now });
    if (input.action === 'accept') {
      Object.assign(set, { decided_by: actor.username, decided_at: now, effective_on: on });
      await repo.moveMembership(
        trx,
        Number(t.person_id),
        { id: Number(t.to_org_id), path: t.to_org_path },
        on,
        `组织关系转入（转接单${id}）`,
        now,
      );
    }
    await repo.updateTransfer(trx, id, set);
    await appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc),
      action: `roster.transfer.${input.action}`,
      objectType: 'roster_transfer',
      objectId: id,
      scopePath: input.action === 'accept' ? t.to_org_path : t.from_org_path,
      detail: {
        before: { status: t.status },
        after: { status: d.value },
        reason: input.reason ?? null,
        effectiveOn: input.action === 'accept' ? on : null,
      },
    });
    return { data: presentTransfer((await repo.findTransfer(trx, id))!) };
  });
}

// ---------------------------------------------------------------- self-service

export async function myRecord(ctx: AppContext, actor: Actor) {
  const personId = await repo.personOfUser(ctx.db, actor.userId);
  if (!personId) throw notFound('本人党员档案（账号未关联党员）');
  const on = today(ctx);
  const row = await repo.memberById(ctx.db, personId, on);
  if (!row) throw notFound('本人党员档案');
  const secretary = row.org_id ? (await holdersOn(ctx.db, Number(row.org_id), '书记', on))[0] : undefined;
  const transfers = await ctx.db
    .selectFrom('roster_transfers')
    .select(['id', 'status'])
    .where('person_id', '=', personId)
    .where('status', 'in', ['pending_approval', 'pending_acceptance'])
    .execute();
  const latest = await latestRequestOf(ctx.db, personId);
  const reg = await activeRegistrationOf(ctx.db, personId);
  const regRow = reg ? await findRegistration(ctx.db, Number(reg.id)) : undefined;
  const year = Number(on.slice(0, 4));
  const served = regRow
    ? (await servicesOf(ctx.db, [Number(regRow.id)], `${year}-01-01`, `${year}-12-31`)).map((x) => ({
        servedOn: x.served_on,
        halfHours: Number(x.half_hours),
      }))
    : [];
  return {
    data: {
      name: row.name,
      gender: row.gender,
      ethnicity: row.ethnicity,
      education: row.education,
      birthDate: row.birth_date,
      category: row.category,
      joinedOn: row.joined_on,
      fullMemberOn: row.full_member_on,
      idNumber: row.id_number_masked,
      phone: row.phone_masked,
      partyYears: row.joined_on ? ageOn(row.joined_on, on) : null,
      org: row.org_id ? { id: Number(row.org_id), name: row.org_name, code: row.org_code } : null,
      secretary: secretary ? { name: secretary.name, since: secretary.since } : null,
      openTransfer: transfers[0] ? { id: Number(transfers[0].id), status: transfers[0].status } : null,
      transferRequest: latest ? presentRequest(latest) : null,
      community: regRow
        ? {
            name: regRow.community_org_name,
            registeredOn: regRow.registered_on,
            year,
            hours: hoursInYear(served, year),
          }
        : null,
    },
  };
}

// ---------------------------------------------------------------- 组织关系介绍信 (printable)

const esc = (v: string | null | undefined) =>
  (v ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/**
 * The 组织关系介绍信 with its 回执 (return slip) as a printable HTML page (no PDF library is
 * installed; the browser prints it or saves it as PDF). Only the sending side issues it.
 */
export async function transferLetter(ctx: AppContext, rc: RequestContext, id: number): Promise<string> {
  const t = await repo.findTransfer(ctx.db, id);
  if (!t) throw notFound('转接');
  if (!inScope(rc.actor!, t.from_org_path))
    throw await denied(ctx, rc, 'roster_transfer', id, 'scope:letter');
  if (t.status === 'cancelled' || t.status === 'returned')
    throw badRequest('TRANSFER_CLOSED', '已撤回或退回的转接不能开具介绍信', 'id');
  const person = await repo.memberById(ctx.db, Number(t.person_id), today(ctx));
  const issued = t.initiated_at.slice(0, 10);
  const validDays = ruleValue<number>(ctx.config.rulebook, 'roster.transfer.letterValidDays', issued);
  const validUntil = addDays(issued, validDays);
  const number = `${issued.slice(0, 4)}组转字第${String(id).padStart(5, '0')}号`;
  await ctx.db.transaction().execute((trx) =>
    appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc),
      action: 'roster.transfer.letter',
      objectType: 'roster_transfer',
      objectId: id,
      scopePath: t.from_org_path,
      detail: { number },
    }),
  );
  const p = person;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>中国共产党党员组织关系介绍信 ${esc(number)}</title>
<style>body{font-family:"SimSun","Songti SC",serif;max-width:720px;margin:24px auto;line-height:2;font-size:16px}h1{text-align:center;font-size:22px;letter-spacing:4px}
.cut{border-top:1px dashed #999;margin:32px 0;text-align:center;color:#999;font-size:12px}.right{text-align:right}.no{text-align:right;font-size:14px}@media print{.noprint{display:none}}</style></head><body>
<p class="noprint"><button onclick="window.print()">打印 / 另存为PDF</button></p>
<h1>中国共产党党员组织关系介绍信</h1><p class="no">${esc(number)}</p>
<p>${esc(t.to_org_name)}：</p>
<p>\u3000\u3000${esc(t.person_name)}同志（${esc(p?.gender)}，${p?.birth_date ? esc(String(ageOn(p.birth_date, issued))) + '岁，' : ''}${esc(p?.ethnicity)}），系中共${esc(p?.category ?? '')}，身份证号码${esc(p?.id_number_masked)}，由${esc(t.from_org_name)}去${esc(t.to_org_name)}，请转接组织关系。转接原因：${esc(t.reason)}。</p>
<p>\u3000\u3000（有效期${validDays}天，至${esc(validUntil)}止）</p>
<p class="right">${esc(t.from_org_name)}（盖章）<br>${esc(issued)}</p>
<div class="cut">——————————————— 沿此线剪开，回执寄回 ———————————————</div>
<h1>回\u3000执</h1><p class="no">${esc(number)}</p>
<p>${esc(t.from_org_name)}：</p>
<p>\u3000\u3000${esc(t.person_name)}同志的党员组织关系已转到我处，特此回复。</p>
<p class="right">接收党组织（盖章）<br>\u3000\u3000年\u3000\u3000月\u3000\u3000日</p>
</body></html>`;
}
