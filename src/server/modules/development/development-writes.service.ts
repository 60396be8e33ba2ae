// Development services: writes (candidates, steps, roster on admission, termination).
import type { Transaction } from 'kysely';
import {
  decideRecordStep,
  decideTerminate,
  FULL_MEMBER,
  missingRequiredField,
  PROBATIONARY,
  probationEnd,
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
  VoteRecord,
} from '../../../core/development/development.types.ts';
import { stepDef, stepsOn } from '../../../core/development/steps.ts';
import { pathIds } from '../../../core/org/org.rules.ts';
import { isBranchKind } from '../../../core/org/org.types.ts';
import { maskIdNumber, parseIdNumber } from '../../../core/person/id-number.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import { denied } from '../../authz.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import { blindIndex, decryptField, encryptField } from '../../crypto/field-crypto.ts';
import type { DB } from '../../db/schema.ts';
import { badRequest, conflict, fromDecision } from '../../http/errors.ts';
import { refreshAlertsIn } from '../alerts/alerts.service.ts';
import { membersOn } from '../membership/membership.repository.ts';
import { findOrgsByIds } from '../orgs/orgs.repository.ts';
import { underProbationOn } from '../roster/roster-discipline.repository.ts';
import {
  auditBase,
  CANDIDATE_ID_CONTEXT,
  loadCalendar,
  PERSON_ID_CONTEXT,
  requireCandidate,
  requireOrg,
  today,
  toRecord,
} from './development-common.service.ts';
import { canRecordCommitteeStep, canWriteDev } from './development.policy.ts';
import { presentCandidate, presentStep } from './development.presenter.ts';
import * as repo from './development.repository.ts';

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
