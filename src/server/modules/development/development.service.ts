// load → decide (core rule) → persist → audit, in one transaction per change.
import { pathIds } from '../../../core/org/org.rules.ts';
import { isBranchKind } from '../../../core/org/org.types.ts';
import { maskIdNumber, parseIdNumber } from '../../../core/person/id-number.ts';
import { buildCalendar, type WorkCalendar } from '../../../core/development/calendar.ts';
import {
  auditCandidate,
  decideRecordStep,
  decideTerminate,
  voteOutcome,
  FULL_MEMBER,
  missingRequiredField,
  nextSteps,
  PROBATIONARY,
  probationEnd,
  ruleTitle,
  statusAfter,
} from '../../../core/development/development.rules.ts';
import type {
  CreateCandidateInput,
  RecordStepInput,
  TerminateInput,
} from '../../../core/development/development.schemas.ts';
import type {
  CandidateRecord,
  CandidateStatus,
  Finding,
  MemberSnapshot,
  StepRecord,
  Upcoming,
  VoteRecord,
} from '../../../core/development/development.types.ts';
import { stepDef, stepsOn, STAGES } from '../../../core/development/steps.ts';
import { chinaDate } from '../../../core/shared/dates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import { refreshAlertsIn } from '../alerts/alerts.service.ts';
import type { Actor, AppContext, RequestContext } from '../../context.ts';
import { blindIndex, decryptField, encryptField } from '../../crypto/field-crypto.ts';
import type { DB, OrgRow } from '../../db/schema.ts';
import type { Transaction } from 'kysely';
import { denied } from '../../authz.ts';
import { badRequest, conflict, fromDecision, notFound } from '../../http/errors.ts';
import { membersOn } from '../membership/membership.repository.ts';
import { underProbationOn } from '../roster/roster-discipline.repository.ts';
import { ORG_LIFE_EXCLUSIONS } from '../../../core/rulebook/org-life.rules-data.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { findOrgById, findOrgsByIds } from '../orgs/orgs.repository.ts';
import {
  canReadDev,
  canRecordCommitteeStep,
  canSetQuota,
  canWriteDev,
  candidatePolicies,
} from './development.policy.ts';
import { presentCandidate, presentStep } from './development.presenter.ts';
import * as repo from './development.repository.ts';
import { branchResolution, buildDocx, publicityNotice } from './development.documents.ts';
import ExcelJS from 'exceljs';

export const CANDIDATE_ID_CONTEXT = 'candidates.id_number';
const PERSON_ID_CONTEXT = 'persons.id_number';

const today = (ctx: AppContext) => chinaDate(ctx.now());

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

function auditBase(ctx: AppContext, rc: RequestContext) {
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

async function requireOrg(
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

async function requireCandidate(
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

function groupSteps(rows: readonly repo.StepRow[]): Map<number, repo.StepRow[]> {
  const by = new Map<number, repo.StepRow[]>();
  for (const s of rows) {
    const list = by.get(s.candidate_id);
    if (list) list.push(s);
    else by.set(s.candidate_id, [s]);
  }
  return by;
}

// ---- reads ----

export function stepDefinitions(ctx: AppContext, on: string | undefined) {
  const date = on ?? today(ctx);
  return { data: { effectiveOn: date, stages: STAGES, steps: stepsOn(ctx.config.rulebook, date) } };
}

export async function board(ctx: AppContext, rc: RequestContext, orgId: number) {
  const org = await requireOrg(ctx, rc, orgId, canReadDev);
  const [rows, stepRows, calendar] = await Promise.all([
    repo.listCandidates(ctx.db, org.path),
    repo.stepsUnder(ctx.db, org.path),
    loadCalendar(ctx.db),
  ]);
  const by = groupSteps(stepRows);
  const book = ctx.config.rulebook;
  const t = today(ctx);
  const candidates = rows.map((r) => {
    const steps = by.get(r.id) ?? [];
    const defs = stepsOn(book, r.applied_on);
    const audit = auditCandidate(toRecord(r, steps), { book, calendar, today: t });
    return {
      ...presentCandidate(r, steps, defs),
      violations: audit.violations.length,
      upcoming: audit.upcoming.length,
    };
  });
  return {
    data: { org: { id: org.id, name: org.name, code: org.code, kind: org.kind }, stages: STAGES, candidates },
    policies: {
      create: canWriteDev(rc.actor!, org.path) && isBranchKind(org.kind),
      import: canWriteDev(rc.actor!, org.path),
    },
  };
}

export async function getCandidate(ctx: AppContext, rc: RequestContext, id: number) {
  const row = await requireCandidate(ctx, rc, id, canReadDev);
  const [steps, calendar, org, members] = await Promise.all([
    repo.stepsOf(ctx.db, id),
    loadCalendar(ctx.db),
    findOrgById(ctx.db, row.org_id),
    membersOn(ctx.db, row.org_id, today(ctx)),
  ]);
  const book = ctx.config.rulebook;
  const defs = stepsOn(book, row.applied_on);
  const record = toRecord(row, steps);
  const audit = auditCandidate(record, { book, calendar, today: today(ctx) });
  const disciplined = await underProbationOn(
    ctx.db,
    members.map((m) => m.personId),
    today(ctx),
  );
  return {
    data: {
      candidate: {
        ...presentCandidate({ ...row, org_name: org?.name ?? '', org_code: org?.code ?? '' }, steps, defs),
        probationEnd: probationEnd(record, book),
      },
      steps: steps.map((s) => presentStep(s, defs)),
      definitions: defs,
      stages: STAGES,
      next: nextSteps(record, defs),
      violations: audit.violations.map((v) => ({ ...v, ruleTitle: ruleTitle(book, v.rule, row.applied_on) })),
      upcoming: audit.upcoming,
      branchMembers: members.map((m) => ({
        personId: m.personId,
        name: m.name,
        category: m.category,
        /** Under 留党察看 today: no 表决权, cannot be an 入党介绍人. */
        underProbation: disciplined.has(m.personId),
      })),
      /** The approved cases a vote may leave out of 应到会 (rulebook orgLife.vote.exclusions). */
      exclusionCases: ruleValue<string[]>(book, 'orgLife.vote.exclusions', today(ctx)).map((code) => ({
        code,
        label: (ORG_LIFE_EXCLUSIONS as Record<string, string>)[code] ?? code,
      })),
    },
    policies: candidatePolicies(rc.actor!, row.org_path),
  };
}

export interface AuditReport {
  violations: Array<Finding & { candidate: string; candidateId: number; orgCode: string; orgName: string }>;
  upcoming: Array<Upcoming & { candidate: string; candidateId: number; orgCode: string; orgName: string }>;
  candidates: number;
}

/** The 自查自纠 audit of a subtree: two queries for the data, then the pure rules. */
export async function auditSubtree(ctx: AppContext, path: string, on: string): Promise<AuditReport> {
  // Two range scans with only the columns the rules read, then the pure rules per candidate.
  const [rows, stepRows, calendar] = await Promise.all([
    repo.auditCandidates(ctx.db, path),
    repo.auditSteps(ctx.db, path),
    loadCalendar(ctx.db),
  ]);
  const by = new Map<number, StepRecord[]>();
  for (const s of stepRows) {
    const rec: StepRecord = {
      id: s.id,
      step: s.step_no,
      doneOn: s.done_on,
      data: JSON.parse(s.data) as Record<string, unknown>,
      materials: JSON.parse(s.materials) as string[],
      asHistory: s.as_history === 1,
    };
    const list = by.get(s.candidate_id);
    if (list) list.push(rec);
    else by.set(s.candidate_id, [rec]);
  }
  const ruleCtx = { book: ctx.config.rulebook, calendar, today: on };
  const report: AuditReport = { violations: [], upcoming: [], candidates: rows.length };
  for (const r of rows) {
    const steps = (by.get(r.id) ?? []).sort(
      (a, b) => a.step - b.step || (a.doneOn < b.doneOn ? -1 : a.doneOn > b.doneOn ? 1 : 0) || a.id! - b.id!,
    );
    const a = auditCandidate(
      {
        id: r.id,
        name: r.name,
        birthDate: r.birth_date,
        appliedOn: r.applied_on,
        status: r.status as CandidateStatus,
        steps,
      },
      ruleCtx,
    );
    const who = { candidate: r.name, candidateId: r.id, orgCode: r.org_code, orgName: r.org_name };
    for (const v of a.violations) report.violations.push({ ...who, ...v });
    for (const u of a.upcoming) report.upcoming.push({ ...who, ...u });
  }
  report.upcoming.sort((a, b) => a.due.localeCompare(b.due));
  return report;
}

export async function auditReport(ctx: AppContext, rc: RequestContext, orgId: number) {
  const org = await requireOrg(ctx, rc, orgId, canReadDev);
  const t = today(ctx);
  const report = await auditSubtree(ctx, org.path, t);
  const book = ctx.config.rulebook;
  const byCode: Record<string, number> = {};
  for (const v of report.violations) byCode[v.code] = (byCode[v.code] ?? 0) + 1;
  return {
    data: {
      org: { id: org.id, name: org.name, code: org.code },
      on: t,
      candidates: report.candidates,
      violations: report.violations.map((v) => ({ ...v, ruleTitle: ruleTitle(book, v.rule, t) })),
      upcoming: report.upcoming,
      byCode,
    },
  };
}

// ---- writes ----

export async function createCandidate(
  ctx: AppContext,
  rc: RequestContext,
  orgId: number,
  input: CreateCandidateInput,
) {
  const org = await requireOrg(ctx, rc, orgId, canWriteDev);
  if (!isBranchKind(org.kind) || org.status !== 'active')
    throw badRequest('NOT_A_BRANCH', `入党申请人应编入党支部，${org.name}是${org.kind}`, 'orgId');
  const id = parseIdNumber(input.idNumber);
  if (!id.ok) throw fromDecision(id);
  const t = today(ctx);
  if (input.appliedOn > t)
    throw badRequest('DATE_IN_FUTURE', `递交申请书日期${input.appliedOn}晚于今天`, 'appliedOn');
  const bidx = blindIndex(ctx.ring, CANDIDATE_ID_CONTEXT, id.value.normalised);
  const rec: StepRecord = {
    step: 1,
    doneOn: input.appliedOn,
    data: input.note ? { note: input.note } : {},
    materials: input.materials,
    asHistory: input.asHistory,
  };
  const draft: CandidateRecord = {
    id: 0,
    name: input.name,
    birthDate: id.value.birthDate,
    appliedOn: input.appliedOn,
    status: '申请人',
    steps: [],
  };
  const decision = decideRecordStep(draft, rec, {
    book: ctx.config.rulebook,
    calendar: await loadCalendar(ctx.db),
    today: t,
  });
  if (!decision.ok)
    throw fromDecision(decision.field === 'doneOn' ? { ...decision, field: 'appliedOn' } : decision);
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const dup = await repo.candidateByIdBlindIndex(trx, bidx);
    if (dup) throw conflict('CANDIDATE_EXISTS', `该公民身份号码已有发展记录（${dup.name}）`, 'idNumber');
    const person = await repo.personByIdBlindIndex(
      trx,
      blindIndex(ctx.ring, PERSON_ID_CONTEXT, id.value.normalised),
    );
    if (person)
      throw conflict('ALREADY_A_MEMBER', `该公民身份号码已在党员名册中（${person.name}）`, 'idNumber');
    const row = await repo.insertCandidate(trx, {
      name: input.name,
      gender: id.value.gender,
      id_number_enc: encryptField(ctx.ring, CANDIDATE_ID_CONTEXT, id.value.normalised),
      id_number_bidx: bidx,
      id_number_masked: maskIdNumber(id.value.normalised),
      birth_date: id.value.birthDate,
      org_id: org.id,
      org_path: org.path,
      applied_on: input.appliedOn,
      status: '申请人',
      person_id: null,
      created_at: now,
      updated_at: now,
    });
    const step = await repo.insertStep(trx, {
      candidate_id: row.id,
      org_path: org.path,
      step_no: 1,
      done_on: input.appliedOn,
      data: JSON.stringify(rec.data),
      materials: JSON.stringify(rec.materials),
      as_history: input.asHistory ? 1 : 0,
      findings: JSON.stringify(decision.value),
      recorded_by: rc.actor!.userId,
      created_at: now,
    });
    await appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc),
      action: 'development.candidate.create',
      objectType: 'dev_candidate',
      objectId: row.id,
      scopePath: org.path,
      detail: {
        after: { name: row.name, orgId: org.id, appliedOn: row.applied_on, idNumber: row.id_number_masked },
        asHistory: input.asHistory,
        findings: decision.value,
      },
    });
    await refreshAlertsIn(ctx, trx, ['development.audit'], org.path);
    return {
      data: {
        candidate: presentCandidate(
          { ...row, org_name: org.name, org_code: org.code },
          [step],
          stepsOn(ctx.config.rulebook, row.applied_on),
        ),
        findings: decision.value,
      },
    };
  });
}

async function snapshots(
  ctx: AppContext,
  ids: readonly number[],
  on: string,
  field: string,
  label: string,
): Promise<MemberSnapshot[]> {
  const [found, disciplined] = await Promise.all([
    repo.personsOn(ctx.db, ids, on),
    underProbationOn(ctx.db, ids, on),
  ]);
  const out: MemberSnapshot[] = [];
  for (const pid of ids) {
    const p = found.find((f) => f.personId === pid);
    if (!p) throw badRequest('PERSON_NOT_FOUND', `${label}（编号${pid}）不存在`, field);
    out.push({
      personId: pid,
      name: p.name,
      category: p.category,
      // 留党察看 is recorded by the roster (roster_discipline), effective on the step's date.
      onProbationDiscipline: disciplined.has(pid),
    });
  }
  return out;
}

/** The step's data as stored: its fields plus the snapshots taken on its date. */
async function stepData(
  ctx: AppContext,
  cand: repo.CandidateRow,
  input: RecordStepInput,
): Promise<Record<string, unknown>> {
  const d: Record<string, unknown> = {};
  for (const k of [
    'talker',
    'method',
    'summary',
    'conclusion',
    'trainingDays',
    'trainingHours',
    'publicityStart',
    'publicityEnd',
    'outcome',
    'extendMonths',
    'lateReason',
    'note',
  ] as const) {
    if (input[k] !== undefined && input[k] !== '') d[k] = input[k];
  }
  if (input.contacts)
    d.contacts = await snapshots(ctx, input.contacts, input.doneOn, 'contacts', '培养联系人');
  if (input.introducers)
    d.introducers = await snapshots(ctx, input.introducers, input.doneOn, 'introducers', '入党介绍人');
  if (input.vote) {
    const members = await membersOn(ctx.db, cand.org_id, input.doneOn);
    const full = members.filter((m) => m.category === FULL_MEMBER);
    // Members under 留党察看 have no 表决权 (党章 第四十条): they are not 应到会有表决权的党员 at all,
    // so they leave 应到会 without being an exclusion (which needs one of the approved cases).
    const suspended = await underProbationOn(
      ctx.db,
      full.map((m) => m.personId),
      input.doneOn,
    );
    for (const e of input.vote.exclusions) {
      if (e.personId !== undefined && !full.some((m) => m.personId === e.personId))
        throw badRequest(
          'VOTE_INVALID',
          `不计入应到会人数的${e.name}在${input.doneOn}不是本支部正式党员`,
          'vote',
        );
      if (e.personId !== undefined && suspended.has(e.personId))
        throw badRequest(
          'VOTE_INVALID',
          `${e.name}在${input.doneOn}受留党察看处分，没有表决权，已不计入应到会人数，不必再列为不计入应到会人数的情形`,
          'vote',
        );
    }
    const vote: VoteRecord = {
      ...input.vote,
      exclusions: input.vote.exclusions.map((e) => ({
        ...(e.personId !== undefined ? { personId: e.personId } : {}),
        name: e.name,
        case: e.case,
        ...(e.note ? { note: e.note } : {}),
      })),
      fullMembers: full.length,
      suspended: suspended.size,
    };
    d.vote = vote;
  }
  return d;
}

async function quotaFindings(
  db: Transaction<DB>,
  cand: repo.CandidateRow,
  doneOn: string,
): Promise<Finding[]> {
  const year = Number(doneOn.slice(0, 4));
  const quotas = await repo.quotasCovering(db, pathIds(cand.org_path), year);
  if (quotas.length === 0) return [];
  const used = await repo.approvalsUsed(
    db,
    quotas.map((q) => q.org_path),
    year,
  );
  const orgs = await findOrgsByIds(
    db,
    quotas.map((q) => q.org_id),
  );
  const out: Finding[] = [];
  for (const q of quotas) {
    const n = used.get(q.org_path) ?? 0;
    if (n >= q.quota) {
      const name = orgs.find((o) => o.id === q.org_id)?.name ?? '';
      out.push({
        step: 17,
        code: 'QUOTA_EXCEEDED',
        rule: 'development.steps',
        detail: `${name}${year}年发展名额${q.quota}名，已审批接收${n}名，名额已用完`,
      });
    }
  }
  return out;
}

export async function recordStep(ctx: AppContext, rc: RequestContext, id: number, input: RecordStepInput) {
  const cand = await requireCandidate(ctx, rc, id, canWriteDev);
  const book = ctx.config.rulebook;
  const defs = stepsOn(book, cand.applied_on);
  const def = stepDef(defs, input.step);
  if (!def) throw badRequest('STEP_UNKNOWN', `第${input.step}步不存在`, 'step');
  if (def.level === 'committee' && !canRecordCommitteeStep(rc.actor!, cand.org_path))
    throw await denied(ctx, rc, 'dev_candidate', id, `第${def.no}步“${def.name}”由上级党委记录`);
  if (input.step === 1) throw badRequest('STEP_DONE', '第1步在登记申请人时记录', 'step');
  const missing = missingRequiredField(def, input as Record<string, unknown>);
  if (missing) throw badRequest('FIELD_REQUIRED', `${def.name}：${missing.label}不能为空`, missing.key);
  const t = today(ctx);
  const data = await stepData(ctx, cand, input);
  const rec: StepRecord = {
    step: input.step,
    doneOn: input.doneOn,
    data,
    materials: input.materials,
    asHistory: input.asHistory,
  };
  const calendar = await loadCalendar(ctx.db);
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const steps = await repo.stepsOf(trx, id);
    const record = toRecord(cand, steps);
    const decision = decideRecordStep(record, rec, { book, calendar, today: t });
    if (!decision.ok) throw fromDecision(decision);
    const findings = [...decision.value];
    if (input.step === 17) {
      const q = await quotaFindings(trx, cand, input.doneOn);
      if (q.length > 0 && !input.asHistory)
        throw fromDecision({
          code: 'QUOTA_EXCEEDED',
          message: `${q[0]!.detail}（规则：年度发展党员计划）`,
          field: 'doneOn',
        });
      findings.push(...q);
    }
    const step = await repo.insertStep(trx, {
      candidate_id: id,
      org_path: cand.org_path,
      step_no: input.step,
      done_on: input.doneOn,
      data: JSON.stringify(data),
      materials: JSON.stringify(input.materials),
      as_history: input.asHistory ? 1 : 0,
      findings: JSON.stringify(findings),
      recorded_by: rc.actor!.userId,
      created_at: now,
    });
    const roster = await applyRoster(ctx, trx, cand, { ...record, steps: [...record.steps, rec] }, rec, now);
    const status = roster.status ?? statusAfter(cand.status as CandidateStatus, rec);
    const updated =
      status !== cand.status || roster.personId !== undefined
        ? await repo.updateCandidate(trx, id, {
            status,
            ...(roster.personId !== undefined ? { person_id: roster.personId } : {}),
            updated_at: now,
          })
        : cand;
    await appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc),
      action: 'development.step.record',
      objectType: 'dev_candidate',
      objectId: id,
      scopePath: cand.org_path,
      detail: {
        step: input.step,
        name: def.name,
        doneOn: input.doneOn,
        asHistory: input.asHistory,
        findings,
        before: { status: cand.status },
        after: { status: updated.status },
        roster: roster.change ?? null,
      },
    });
    await refreshAlertsIn(ctx, trx, ['development.audit'], cand.org_path);
    const all = [...steps, step];
    return {
      data: { candidate: presentCandidate(updated, all, defs), step: presentStep(step, defs), findings },
    };
  });
}

/** 接收预备党员 (step 17) writes the person and a 预备党员 membership; 转正 (step 24) re-dates it as 正式党员. */
async function applyRoster(
  ctx: AppContext,
  trx: Transaction<DB>,
  cand: repo.CandidateRow,
  record: CandidateRecord,
  rec: StepRecord,
  now: string,
): Promise<{ status?: CandidateStatus; personId?: number; change?: Record<string, unknown> }> {
  if (rec.step === 17) {
    const meeting = record.steps
      .filter((s) => s.step === 15)
      .sort((a, b) => a.doneOn.localeCompare(b.doneOn))[0];
    const idNumber = decryptField(ctx.ring, CANDIDATE_ID_CONTEXT, cand.id_number_enc);
    const bidx = blindIndex(ctx.ring, PERSON_ID_CONTEXT, idNumber);
    if (await repo.personByIdBlindIndex(trx, bidx))
      throw conflict('ALREADY_A_MEMBER', `${cand.name}的公民身份号码已在党员名册中`, 'step');
    const personId = await repo.insertPerson(trx, {
      name: cand.name,
      gender: cand.gender,
      idEnc: encryptField(ctx.ring, PERSON_ID_CONTEXT, idNumber),
      idBidx: bidx,
      idMasked: cand.id_number_masked,
      birthDate: cand.birth_date,
      joinedOn: meeting?.doneOn ?? rec.doneOn,
      now,
    });
    await repo.openMembership(trx, {
      personId,
      orgId: cand.org_id,
      orgPath: cand.org_path,
      category: PROBATIONARY,
      from: rec.doneOn,
      reason: '接收为预备党员',
      now,
    });
    return {
      status: '预备党员',
      personId,
      change: { personId, membership: { category: PROBATIONARY, from: rec.doneOn } },
    };
  }
  if (rec.step === 24 && cand.person_id) {
    const meeting = record.steps
      .filter((s) => s.step === 23 && s.doneOn <= rec.doneOn)
      .sort((a, b) => a.doneOn.localeCompare(b.doneOn))
      .pop();
    const outcome = meeting?.data.outcome;
    const open = await repo.currentMembership(trx, cand.person_id);
    if (outcome === '按期转正') {
      const end = probationEnd(record, ctx.config.rulebook) ?? rec.doneOn;
      if (open && open.category === PROBATIONARY) {
        const fullOn = end > open.valid_from ? end : open.valid_from;
        if (fullOn === open.valid_from) await repo.updateMembership(trx, open.id, { category: FULL_MEMBER });
        else {
          await repo.closeMembership(trx, open.id, fullOn);
          await repo.openMembership(trx, {
            personId: cand.person_id,
            orgId: open.org_id,
            orgPath: open.org_path,
            category: FULL_MEMBER,
            from: fullOn,
            reason: '预备党员转正',
            now,
          });
        }
        await repo.setPersonCategory(trx, cand.person_id, FULL_MEMBER, fullOn, now);
        return { status: '正式党员', change: { fullMemberOn: fullOn } };
      }
      return { status: '正式党员' };
    }
    if (outcome === '取消预备党员资格') {
      if (open)
        await repo.updateMembership(trx, open.id, { valid_to: rec.doneOn, reason: '取消预备党员资格' });
      await repo.setClosure(
        trx,
        cand.id,
        rec.doneOn,
        `支部大会${meeting?.doneOn ?? ''}讨论决定取消预备党员资格，${rec.doneOn}上级党委批准`,
      );
      return { status: '已取消', change: { cancelledOn: rec.doneOn } };
    }
  }
  return {};
}

/** 终止发展: the pipeline ends with a date and a reason; the record and its steps stay (history is never deleted). */
export async function terminateCandidate(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  input: TerminateInput,
) {
  const cand = await requireCandidate(ctx, rc, id, canWriteDev);
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const steps = await repo.stepsOf(trx, id);
    const decision = decideTerminate(toRecord(cand, steps), input.on, today(ctx));
    if (!decision.ok) throw fromDecision(decision);
    const updated = await repo.closeCandidate(trx, id, cand.status, {
      status: '已终止',
      closed_on: input.on,
      closed_reason: input.reason,
      updated_at: now,
    });
    if (!updated) throw conflict('CANDIDATE_CHANGED', `${cand.name}的记录已被他人修改，请刷新后重试`, 'on');
    await appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc),
      action: 'development.candidate.terminate',
      objectType: 'dev_candidate',
      objectId: id,
      scopePath: cand.org_path,
      detail: {
        before: { status: cand.status },
        after: { status: updated.status, closedOn: input.on },
        reason: input.reason,
      },
    });
    await refreshAlertsIn(ctx, trx, ['development.audit'], cand.org_path);
    return {
      data: { candidate: presentCandidate(updated, steps, stepsOn(ctx.config.rulebook, cand.applied_on)) },
    };
  });
}

// ---- calendar and quotas ----

export async function calendar(ctx: AppContext, year: number | undefined) {
  const days = await repo.calendarDays(ctx.db);
  return {
    data: days
      .filter((d) => year === undefined || d.day.startsWith(`${year}-`))
      .map((d) => ({ date: d.day, kind: d.kind, name: d.name, source: d.source })),
  };
}

export async function putCalendar(
  ctx: AppContext,
  rc: RequestContext,
  input: { days: { date: string; kind: string; name: string }[]; source: string },
) {
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    await repo.upsertCalendarDays(
      trx,
      input.days.map((d) => ({
        day: d.date,
        kind: d.kind,
        name: d.name,
        source: input.source,
        updated_at: now,
      })),
    );
    await appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc),
      action: 'development.calendar.update',
      objectType: 'dev_calendar',
      detail: { source: input.source, days: input.days },
    });
    return { data: { updated: input.days.length } };
  });
}

export async function quotas(ctx: AppContext, rc: RequestContext, orgId: number, year: number, all = false) {
  const org = await requireOrg(ctx, rc, orgId, canReadDev);
  const actor = rc.actor!;
  if (all) {
    // Every 党委 (党工委) of the subtree, with or without a plan, and its 接收预备党员 approvals of the year.
    const [committees, rows, approved] = await Promise.all([
      repo.committeesUnder(ctx.db, org.path),
      repo.quotasUnder(ctx.db, org.path, year),
      repo.approvalPathsInYear(ctx.db, org.path, year),
    ]);
    return {
      data: committees.map((c) => {
        const q = rows.find((r) => r.org_id === c.id);
        const used = approved.filter((p) => p.startsWith(c.path)).length;
        return {
          orgId: c.id,
          orgName: c.name,
          orgCode: c.code,
          kind: c.kind,
          year,
          quota: q?.quota ?? null,
          used,
          remaining: q ? q.quota - used : null,
          canSet: canSetQuota(actor, c.path),
        };
      }),
      policies: { set: canSetQuota(actor, org.path) },
    };
  }
  const rows = await repo.quotasUnder(ctx.db, org.path, year);
  const used = await repo.approvalsUsed(
    ctx.db,
    rows.map((r) => r.org_path),
    year,
  );
  return {
    data: rows.map((r) => ({
      orgId: r.org_id,
      orgName: r.org_name,
      orgCode: r.org_code,
      year: r.year,
      quota: r.quota,
      used: used.get(r.org_path) ?? 0,
      remaining: r.quota - (used.get(r.org_path) ?? 0),
    })),
    policies: { set: canSetQuota(actor, org.path) },
  };
}

export async function setQuota(
  ctx: AppContext,
  rc: RequestContext,
  orgId: number,
  input: { year: number; quota: number },
) {
  const org = await requireOrg(ctx, rc, orgId, canSetQuota);
  if (org.kind !== '党委' && org.kind !== '党工委')
    throw badRequest('NOT_A_COMMITTEE', `发展名额下达到党委（党工委），${org.name}是${org.kind}`, 'orgId');
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const { before } = await repo.upsertQuota(trx, {
      org_id: org.id,
      org_path: org.path,
      year: input.year,
      quota: input.quota,
      updated_at: now,
    });
    await appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc),
      action: 'development.quota.set',
      objectType: 'org',
      objectId: org.id,
      scopePath: org.path,
      detail: { year: input.year, before, after: input.quota },
    });
    return { data: { orgId: org.id, year: input.year, quota: input.quota } };
  });
}

// ---- documents and export ----

export async function document(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  kind: 'publicity' | 'resolution',
  stepNo: number | undefined,
) {
  const cand = await requireCandidate(ctx, rc, id, canReadDev);
  const steps = (await repo.stepsOf(ctx.db, id)).map(toStepRecord);
  const chain = await repo.orgChain(ctx.db, pathIds(cand.org_path));
  const branch = chain[chain.length - 1]!;
  const committee =
    [...chain].reverse().find((o) => o.id !== branch.id && (o.kind === '党委' || o.kind === '党工委')) ??
    branch;
  const firstOf = (n: number) =>
    steps.filter((s) => s.step === n).sort((a, b) => a.doneOn.localeCompare(b.doneOn))[0];
  const lastOf = (n: number) =>
    steps
      .filter((s) => s.step === n)
      .sort((a, b) => a.doneOn.localeCompare(b.doneOn))
      .pop();
  const facts = {
    name: cand.name,
    gender: cand.gender,
    birthDate: cand.birth_date,
    branchName: branch.name,
    committeeName: committee.name,
    appliedOn: cand.applied_on,
    activistOn: firstOf(3)?.doneOn ?? null,
    targetOn: firstOf(7)?.doneOn ?? null,
  };
  if (kind === 'publicity') {
    const candidatesSteps = stepNo ? [stepNo] : [23, 13, 7];
    const rec = candidatesSteps.map(lastOf).find((s) => s && s.data.publicityStart && s.data.publicityEnd);
    if (!rec) throw notFound('公示记录');
    const start = String(rec.data.publicityStart);
    const paragraphs = publicityNotice(facts, rec.step, start, String(rec.data.publicityEnd), start);
    return { fileName: `${cand.name}-公示.docx`, body: buildDocx(paragraphs) };
  }
  const meeting = stepNo === 23 ? lastOf(23) : stepNo === 15 ? firstOf(15) : (lastOf(23) ?? firstOf(15));
  if (!meeting || !meeting.data.vote) throw notFound('支部大会表决记录');
  const v = meeting.data.vote as VoteRecord;
  const outcome = voteOutcome(v, meeting.doneOn, ctx.config.rulebook);
  const intro = (firstOf(9)?.data.introducers as MemberSnapshot[] | undefined) ?? [];
  const paragraphs = branchResolution({
    ...facts,
    meetingOn: meeting.doneOn,
    fullMembers: v.fullMembers,
    excluded: v.exclusions.length,
    suspended: v.suspended ?? 0,
    present: v.present,
    for: v.for,
    against: v.against,
    abstain: v.abstain,
    passed: outcome.quorum && outcome.passed,
    introducers: meeting.step === 15 ? intro.map((p) => p.name) : [],
    purpose: meeting.step === 15 ? '接收预备党员' : '预备党员转正',
  });
  return { fileName: `${cand.name}-支部大会决议.docx`, body: buildDocx(paragraphs) };
}

export async function auditWorkbook(
  ctx: AppContext,
  rc: RequestContext,
  orgId: number,
): Promise<{ fileName: string; body: Buffer }> {
  const { data } = await auditReport(ctx, rc, orgId);
  const wb = new ExcelJS.Workbook();
  const v = wb.addWorksheet('违规问题');
  v.columns = [
    { header: '申请人', key: 'candidate', width: 12 },
    { header: '党支部', key: 'orgName', width: 30 },
    { header: '步骤', key: 'step', width: 8 },
    { header: '问题代码', key: 'code', width: 24 },
    { header: '依据', key: 'ruleTitle', width: 40 },
    { header: '问题及证据', key: 'detail', width: 60 },
  ];
  for (const row of data.violations) v.addRow(row);
  const u = wb.addWorksheet('即将到期');
  u.columns = [
    { header: '申请人', key: 'candidate', width: 12 },
    { header: '党支部', key: 'orgName', width: 30 },
    { header: '期限', key: 'due', width: 12 },
    { header: '事项', key: 'what', width: 50 },
  ];
  for (const row of data.upcoming) u.addRow(row);
  for (const ws of [v, u]) ws.getRow(1).font = { bold: true };
  const body = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName: `${data.org.name}-发展党员自查自纠-${data.on}.xlsx`, body };
}
