// The development import (pipelines already in progress): guard → read → row rules (core) →
// duplicates in the file → organisations, existing records and named people (set-based) →
// the statutory findings of each pipeline → dry-run report, or one all-or-nothing transaction
// (or only the valid rows with allowPartial), audited. Used by the API and the CLI.
import { pathIds } from '../../../core/org/org.rules.ts';
import { maskIdNumber } from '../../../core/person/id-number.ts';
import {
  auditCandidate,
  checkStep,
  FULL_MEMBER,
  PROBATIONARY,
} from '../../../core/development/development.rules.ts';
import type {
  CandidateRecord,
  Finding,
  MemberSnapshot,
  StepRecord,
} from '../../../core/development/development.types.ts';
import {
  DEV_IMPORT_COLUMNS,
  importedStatus,
  resolveNames,
  validateDevRow,
  type DevImportDraft,
  type RowError,
} from '../../../core/development/import.rules.ts';
import { stepsOn } from '../../../core/development/steps.ts';
import { checkImportOrg, findDuplicateIds, sortErrors } from '../../../core/roster/import.rules.ts';
import { chinaDate } from '../../../core/shared/dates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import { refreshAlertsIn } from '../alerts/alerts.service.ts';
import type { AppContext } from '../../context.ts';
import { blindIndex, encryptField } from '../../crypto/field-crypto.ts';
import * as repo from './development.repository.ts';
import {
  buildDevelopmentErrorWorkbook,
  ImportFileError,
  readDevelopmentSheet,
} from './development.import-xlsx.ts';
import { CANDIDATE_ID_CONTEXT, loadCalendar } from './development.service.ts';

const PERSON_ID_CONTEXT = 'persons.id_number';

export interface DevImportReport {
  total: number;
  valid: number;
  imported: number;
  errors: RowError[];
}

/** A statutory finding of an imported row: accepted as history, listed by the 自查自纠 audit. */
export interface DevImportFinding {
  row: number;
  candidate: string;
  step: number;
  code: string;
  detail: string;
}

export interface DevImportRequest {
  buffer: Buffer;
  scopePath: string;
  actor: { userId: number | null; username: string };
  dryRun: boolean;
  allowPartial: boolean;
  fileName: string | null;
  requestId?: string | null;
  ip?: string | null;
}

export interface DevImportOutcome {
  report: DevImportReport;
  findings: DevImportFinding[];
  errorWorkbook: Buffer | null;
}

interface Prepared {
  draft: DevImportDraft;
  org: { id: number; path: string };
  bidx: string;
  personBidx: string;
  existingPerson: { id: number; category: string | null } | undefined;
  steps: StepRecord[];
  stepFindings: Finding[][];
}

/** The category a person had on a day: the membership ledger when it covers the day, else their admission dates. */
function categoryOn(
  p: { category: string | null; joined_on: string | null; full_member_on: string | null },
  ledger: string | null,
  on: string,
): string | null {
  if (ledger) return ledger;
  if (p.full_member_on && p.full_member_on <= on) return FULL_MEMBER;
  if (p.joined_on && p.joined_on <= on) return PROBATIONARY;
  return null;
}

export async function runDevelopmentImport(
  ctx: AppContext,
  req: DevImportRequest,
): Promise<DevImportOutcome> {
  const now = () => ctx.now().toISOString();
  const base = {
    actorUserId: req.actor.userId,
    actorUsername: req.actor.username,
    objectType: 'dev_import',
    scopePath: req.scopePath,
    requestId: req.requestId ?? null,
    ip: req.ip ?? null,
  };
  const auditAlone = (result: 'ok' | 'failed', action: string, detail: Record<string, unknown>) =>
    ctx.db.transaction().execute((trx) =>
      appendAudit(trx, ctx.ring, {
        ...base,
        at: now(),
        action,
        result,
        detail: { fileName: req.fileName, ...detail },
      }),
    );
  let sheet;
  try {
    sheet = await readDevelopmentSheet(req.buffer);
  } catch (e) {
    await auditAlone('failed', req.dryRun ? 'development.import.dry_run' : 'development.import', {
      fileError: e instanceof ImportFileError ? e.code : 'INTERNAL',
    });
    throw e;
  }
  const today = chinaDate(ctx.now());
  const book = ctx.config.rulebook;
  const total = sheet.rows.length;
  const errors: RowError[] = [];
  const drafts: DevImportDraft[] = [];
  const rowRules = { today, steps: stepsOn(book, today) };
  for (const raw of sheet.rows) {
    const r = validateDevRow(raw, rowRules);
    errors.push(...r.errors);
    if (r.draft) drafts.push(r.draft);
  }
  const bad = new Set(errors.map((e) => e.row));
  const reject = (e: RowError) => {
    errors.push(e);
    bad.add(e.row);
  };
  for (const e of findDuplicateIds(drafts.map((d) => ({ row: d.row, idNumber: d.idNumber })))) reject(e);

  const orgs = await repo.orgsByCodes(ctx.db, [...new Set(drafts.map((d) => d.orgCode))]);
  const bidx = new Map(drafts.map((d) => [d.row, blindIndex(ctx.ring, CANDIDATE_ID_CONTEXT, d.idNumber)]));
  const personBidx = new Map(drafts.map((d) => [d.row, blindIndex(ctx.ring, PERSON_ID_CONTEXT, d.idNumber)]));
  const [existingCandidates, existingPersons] = await Promise.all([
    repo.existingBlindIndexes(ctx.db, 'dev_candidates', [...bidx.values()]),
    repo.existingBlindIndexes(ctx.db, 'persons', [...personBidx.values()]),
  ]);
  const orgIds = [
    ...new Set(drafts.map((d) => orgs.get(d.orgCode)?.id).filter((x): x is number => x !== undefined)),
  ];
  const people = await repo.branchPeople(ctx.db, orgIds);
  const calendar = await loadCalendar(ctx.db);
  const prepared: Prepared[] = [];
  const findings: DevImportFinding[] = [];

  for (const d of drafts) {
    if (bad.has(d.row)) continue;
    const org = orgs.get(d.orgCode);
    const orgError = checkImportOrg(d.row, d.orgCode, org, req.scopePath);
    if (orgError || !org) {
      if (orgError) reject(orgError);
      continue;
    }
    if (existingCandidates.has(bidx.get(d.row)!)) {
      reject({
        row: d.row,
        column: '公民身份号码',
        code: 'CANDIDATE_EXISTS',
        message: `第${d.row}行：该公民身份号码已有发展记录，不能重复导入`,
      });
      continue;
    }
    const person = existingPersons.get(personBidx.get(d.row)!);
    const admitted = d.steps.some((s) => s.step === 17);
    if (person && !(admitted && person.category === PROBATIONARY)) {
      reject({
        row: d.row,
        column: '公民身份号码',
        code: 'ALREADY_A_MEMBER',
        message: `第${d.row}行：该公民身份号码已在党员名册中（${person.category ?? '党员'}），不是发展对象`,
      });
      continue;
    }
    // Named people (培养联系人, 入党介绍人): members of the branch, snapshotted on the step's date.
    const branch = people.filter((p) => p.org_id === org.id).map((p) => ({ personId: p.id, name: p.name }));
    const steps: StepRecord[] = [];
    let rowOk = true;
    for (const s of d.steps) {
      const data = { ...s.data };
      if (s.people) {
        const { ids, errors: nameErrors } = resolveNames(d.row, s.people.column, s.people.names, branch);
        if (nameErrors.length > 0) {
          nameErrors.forEach(reject);
          rowOk = false;
          continue;
        }
        const ledger = await repo.personsOn(ctx.db, ids, s.doneOn);
        data[s.people.field] = ids.map((pid): MemberSnapshot => {
          const p = people.find((x) => x.id === pid)!;
          const onDay = ledger.find((l) => l.personId === pid);
          const category = categoryOn(p, onDay?.category ?? null, s.doneOn);
          return {
            personId: pid,
            name: p.name,
            category,
            onProbationDiscipline: p.category === '留党察看' || category === '留党察看',
          };
        });
      }
      steps.push({ step: s.step, doneOn: s.doneOn, data, materials: s.materials, asHistory: true });
    }
    if (!rowOk) continue;
    const record: CandidateRecord = {
      id: 0,
      name: d.name,
      birthDate: d.birthDate,
      appliedOn: steps.find((s) => s.step === 1)!.doneOn,
      status: importedStatus(steps),
      steps,
    };
    const ruleCtx = { book, calendar, today };
    const stepFindings = steps.map((s) => checkStep(record, s, ruleCtx));
    for (const v of auditCandidate(record, ruleCtx).violations)
      findings.push({ row: d.row, candidate: d.name, step: v.step, code: v.code, detail: v.detail });
    prepared.push({
      draft: d,
      org,
      bidx: bidx.get(d.row)!,
      personBidx: personBidx.get(d.row)!,
      existingPerson: person,
      steps,
      stepFindings,
    });
  }
  sortErrors(errors, DEV_IMPORT_COLUMNS);
  const good = prepared.filter((p) => !bad.has(p.draft.row));
  const goodRows = new Set(good.map((p) => p.draft.row));
  const keptFindings = findings.filter((f) => goodRows.has(f.row));

  let imported = 0;
  const commit = !req.dryRun && (errors.length === 0 || req.allowPartial) && good.length > 0;
  const summary = {
    total,
    valid: good.length,
    rejectedRows: bad.size,
    findings: keptFindings.length,
    allowPartial: req.allowPartial,
  };
  if (commit) {
    const stamp = now();
    await ctx.db.transaction().execute(async (trx) => {
      const ids: number[] = [];
      for (const p of good) {
        const { draft: d, org } = p;
        const status = importedStatus(p.steps);
        const cand = await repo.insertCandidate(trx, {
          name: d.name,
          gender: d.gender,
          id_number_enc: encryptField(ctx.ring, CANDIDATE_ID_CONTEXT, d.idNumber),
          id_number_bidx: p.bidx,
          id_number_masked: maskIdNumber(d.idNumber),
          birth_date: d.birthDate,
          org_id: org.id,
          org_path: org.path,
          applied_on: p.steps.find((s) => s.step === 1)!.doneOn,
          status,
          person_id: null,
          created_at: stamp,
          updated_at: stamp,
        });
        ids.push(cand.id);
        await repo.insertSteps(
          trx,
          p.steps.map((s, i) => ({
            candidate_id: cand.id,
            org_path: org.path,
            step_no: s.step,
            done_on: s.doneOn,
            data: JSON.stringify(s.data),
            materials: JSON.stringify(s.materials),
            as_history: 1,
            findings: JSON.stringify(p.stepFindings[i]),
            recorded_by: req.actor.userId,
            created_at: stamp,
          })),
        );
        const approval = p.steps.find((s) => s.step === 17);
        if (approval) {
          // 接收预备党员 on record: the person enters the roster as a 预备党员 (or is linked when already there).
          let personId = p.existingPerson?.id;
          if (personId === undefined) {
            const meeting = p.steps.find((s) => s.step === 15);
            personId = await repo.insertPerson(trx, {
              name: d.name,
              gender: d.gender,
              idEnc: encryptField(ctx.ring, PERSON_ID_CONTEXT, d.idNumber),
              idBidx: p.personBidx,
              idMasked: maskIdNumber(d.idNumber),
              birthDate: d.birthDate,
              joinedOn: meeting?.doneOn ?? approval.doneOn,
              now: stamp,
            });
            await repo.openMembership(trx, {
              personId,
              orgId: org.id,
              orgPath: org.path,
              category: PROBATIONARY,
              from: approval.doneOn,
              reason: '接收为预备党员（历史记录导入）',
              now: stamp,
            });
          }
          await repo.updateCandidate(trx, cand.id, { person_id: personId, updated_at: stamp });
        }
      }
      imported = ids.length;
      await appendAudit(trx, ctx.ring, {
        ...base,
        at: now(),
        action: 'development.import',
        result: 'ok',
        detail: {
          fileName: req.fileName,
          ...summary,
          imported,
          candidateIds: ids.length <= 200 ? ids : { first: ids[0], last: ids.at(-1) },
          scopes: [...new Set(good.map((p) => pathIds(p.org.path).at(-1)))].slice(0, 50),
        },
      });
      await refreshAlertsIn(ctx, trx, ['development.audit'], req.scopePath);
    });
  } else {
    await auditAlone(
      req.dryRun || errors.length === 0 ? 'ok' : 'failed',
      req.dryRun ? 'development.import.dry_run' : 'development.import',
      { ...summary, imported: 0, refused: !req.dryRun && errors.length > 0 },
    );
  }
  const errorWorkbook = errors.length > 0 ? await buildDevelopmentErrorWorkbook(sheet, errors) : null;
  return { report: { total, valid: good.length, imported, errors }, findings: keptFindings, errorWorkbook };
}
