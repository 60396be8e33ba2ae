// The member import: guard → streamed read → row rules (core) → file duplicates →
// organisations and database duplicates (set-based) → dry-run report, or one all-or-nothing
// transaction (or only the valid rows with allowPartial), audited. Used by the API and the CLI.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  checkImportOrg,
  findDuplicateIds,
  INTERRUPTED_MESSAGE,
  INTERRUPTED_STATUS,
  isOrphanedImportJob,
  sortErrors,
  validateRow,
  type RowError,
  type RowRules,
} from '../../../core/roster/import.rules.ts';
import { ALL_IMPORT_COLUMNS } from '../../../core/roster/roster.constants.ts';
import { maskIdNumber, maskPhone } from '../../../core/person/id-number.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { chinaDate } from '../../../core/shared/dates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import type { AppContext } from '../../context.ts';
import { blindIndex, encryptField } from '../../crypto/field-crypto.ts';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { ImportWriter, type GoodRow, type OrgFacts } from './roster.import-writer.ts';
import * as repo from './roster.repository.ts';
import { buildErrorWorkbook, ImportFileError, readMemberSheet, streamMemberSheet } from './roster.xlsx.ts';

export interface ImportReport {
  total: number;
  valid: number;
  imported: number;
  errors: RowError[];
}

export interface ImportProgress {
  phase: 'reading' | 'validating' | 'writing' | 'done' | 'failed';
  done: number;
  total: number;
}

export interface ImportRequest {
  buffer: Buffer;
  scopePath: string;
  actor: { userId: number | null; username: string };
  dryRun: boolean;
  allowPartial: boolean;
  fileName: string | null;
  requestId?: string | null;
  ip?: string | null;
  onProgress?: (p: ImportProgress) => void;
  /** Created beforehand by the API (so the browser can poll it); otherwise created here. */
  jobId?: number;
  /** Rows per write batch (default WRITE_BATCH); tests use small batches to run several. */
  writeBatchRows?: number;
}

export interface ImportOutcome {
  jobId: number;
  report: ImportReport;
  errorWorkbook: Buffer | null;
}

/** Keeps the stored error list bounded; the workbook carries every error. */
const MAX_STORED_ERRORS = 5000;
/** Rows encrypted and written per step of the commit. */
const WRITE_BATCH = 5000;
/** A commit this large refreshes the planner statistics of the member tables. */
const ANALYZE_AFTER_ROWS = 1000;
export const ADDRESS_CONTEXT = 'roster_profiles.address';

/** This process, as the owner of the import jobs it runs ("<host> <pid> <token>"). */
const PROCESS_TOKEN = randomUUID();
export const IMPORT_JOB_OWNER = `${hostname()} ${process.pid} ${PROCESS_TOKEN}`;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface InterruptedJob {
  id: number;
  /** Rows the job had committed before its process stopped (its report was lost), else 0. */
  committed: number;
}

/**
 * Marks the import jobs whose process stopped (a crash, a restart) as interrupted, with a message
 * the job API shows: called when the server starts and before a CLI import. Nothing of such a
 * job is in the database: an import writes its members and its 'roster.import' audit row in one
 * transaction, which a stopped process never committed. (Should it have stopped after the
 * commit, while writing its report, that audit row tells, and the message says so.)
 */
export async function interruptOrphanedImports(ctx: AppContext): Promise<InterruptedJob[]> {
  const here = { host: hostname(), pid: process.pid, token: PROCESS_TOKEN, now: ctx.now(), alive: processAlive };
  const out: InterruptedJob[] = [];
  for (const job of await repo.runningImportJobs(ctx.db)) {
    if (!isOrphanedImportJob({ owner: job.owner, createdAt: job.created_at }, here)) continue;
    const committed = await repo.committedImportRows(ctx.db, job.id);
    const message =
      committed === null
        ? INTERRUPTED_MESSAGE
        : `服务重启时导入被中断：已写入${committed}行，但导入报告未能保存，请在党员名册中核对后再决定是否重新导入`;
    const at = ctx.now().toISOString();
    const marked = await ctx.db.transaction().execute(async (trx) => {
      if (!(await repo.interruptImportJob(trx, job.id, { status: INTERRUPTED_STATUS, message, now: at })))
        return false;
      await appendAudit(trx, ctx.ring, {
        at,
        action: 'roster.import.interrupted',
        result: 'failed',
        actorUsername: 'system',
        objectType: 'roster_import',
        objectId: job.id,
        scopePath: job.scope_path,
        detail: { fileName: job.file_name, startedBy: job.username, owner: job.owner, committed: committed ?? 0 },
      });
      return true;
    });
    if (marked) out.push({ id: job.id, committed: committed ?? 0 });
  }
  return out;
}

export function rowRules(ctx: AppContext, today: string): RowRules {
  return {
    today,
    minAge: ruleValue<number>(ctx.config.rulebook, 'development.minAge', today),
    probationYears: ruleValue<number>(ctx.config.rulebook, 'development.probationYears', today),
    maxExtensionYears: ruleValue<number>(ctx.config.rulebook, 'roster.probation.maxExtensionYears', today),
  };
}

export async function runImport(ctx: AppContext, req: ImportRequest): Promise<ImportOutcome> {
  const now = () => ctx.now().toISOString();
  const jobId =
    req.jobId ??
    (await repo.insertImportJob(ctx.db, {
      userId: req.actor.userId,
      username: req.actor.username,
      scopePath: req.scopePath,
      fileName: req.fileName,
      dryRun: req.dryRun,
      allowPartial: req.allowPartial,
      now: now(),
      owner: IMPORT_JOB_OWNER,
    }));
  const progress = (phase: ImportProgress['phase'], done: number, total: number) =>
    req.onProgress?.({ phase, done, total });
  const audit = async (result: 'ok' | 'failed', detail: Record<string, unknown>) =>
    ctx.db.transaction().execute((trx) =>
      appendAudit(trx, ctx.ring, {
        at: now(),
        action: req.dryRun ? 'roster.import.dry_run' : 'roster.import',
        result,
        actorUserId: req.actor.userId,
        actorUsername: req.actor.username,
        objectType: 'roster_import',
        objectId: jobId,
        scopePath: req.scopePath,
        requestId: req.requestId ?? null,
        ip: req.ip ?? null,
        detail: { fileName: req.fileName, ...detail },
      }),
    );
  try {
    progress('reading', 0, 0);
    const today = chinaDate(ctx.now());
    const rules = rowRules(ctx, today);
    const stamp = now();

    // One pass: each row is validated as it streams out of the sheet; only the drafts (and their
    // blind indexes, computed once) are kept, never the raw sheet. `writer`, when given, receives
    // every row that passed its own rules, in file order, and stops at the first that did not.
    const validate = async (writer: ImportWriter | null) => {
      const errors: RowError[] = [];
      const drafts: GoodRow[] = [];
      let total = 0;
      await streamMemberSheet(req.buffer, (raw) => {
        total++;
        const r = validateRow(raw, rules);
        for (const e of r.errors) errors.push(e);
        if (r.draft) {
          const d = { row: raw.row, draft: r.draft, bidx: blindIndex(ctx.ring, 'persons.id_number', r.draft.idNumber) };
          drafts.push(d);
          if (r.errors.length === 0) writer?.offer(d);
        }
        if (r.errors.length > 0) writer?.stop();
        if (total % 5000 === 0) progress('reading', total, 0);
      });
      progress('validating', total, total);
      // Duplicates in the file: every ID that parsed, including rows with other errors.
      const bad = new Set(errors.map((e) => e.row));
      const dupErrors = findDuplicateIds(drafts.map((d) => ({ row: d.row, idNumber: d.draft.idNumber })));
      errors.push(...dupErrors);
      for (const e of dupErrors) bad.add(e.row);
      // Organisations: one lookup for all distinct codes.
      const orgs = await repo.findOrgsByCodes(ctx.db, [...new Set(drafts.map((d) => d.draft.orgCode))]);
      for (const d of drafts) {
        const e = checkImportOrg(d.row, d.draft.orgCode, orgs.get(d.draft.orgCode), req.scopePath);
        if (e) {
          errors.push(e);
          bad.add(d.row);
        }
      }
      // Against the database (committed rows: on PostgreSQL another connection, which does not
      // see what the writer has written so far): blind indexes, in chunks.
      const existing = await repo.existingIdIndexes(
        ctx.db,
        drafts.map((d) => d.bidx),
      );
      for (const d of drafts) {
        if (existing.has(d.bidx)) {
          errors.push({
            row: d.row,
            column: '公民身份号码',
            code: 'DUPLICATE_IN_DB',
            message: `第${d.row}行：该公民身份号码已在党员信息库中登记，不能重复导入`,
          });
          bad.add(d.row);
        }
      }
      sortErrors(errors, ALL_IMPORT_COLUMNS);
      const goodDrafts = bad.size === 0 ? drafts : drafts.filter((d) => !bad.has(d.row));
      return { total, errors, bad, goodDrafts, orgs };
    };

    const toMembers = (
      batch: readonly GoodRow[],
      encrypted: readonly string[],
      orgs: ReadonlyMap<string, OrgFacts>,
    ): repo.NewMember[] => {
      let k = 0; // encrypted values come in the writer's order: ID number, phone?, address?
      return batch.map(({ draft: m, bidx }) => {
        const org = orgs.get(m.orgCode)!;
        const idEnc = encrypted[k++]!;
        const phoneEnc = m.phone ? encrypted[k++]! : null;
        const addressEnc = m.address ? encrypted[k++]! : null;
        return {
          person: {
            name: m.name,
            gender: m.gender,
            ethnicity: m.ethnicity,
            education: m.education,
            birth_date: m.birthDate,
            category: m.category,
            joined_on: m.joinedOn,
            full_member_on: m.fullMemberOn,
            id_number_enc: idEnc,
            id_number_bidx: bidx,
            id_number_masked: maskIdNumber(m.idNumber),
            phone_enc: phoneEnc,
            phone_bidx: m.phone ? blindIndex(ctx.ring, 'persons.phone', m.phone) : null,
            phone_masked: m.phone ? maskPhone(m.phone) : null,
            created_at: stamp,
            updated_at: stamp,
          },
          profile: {
            native_place: m.nativePlace,
            degree: m.degree,
            work_unit: m.workUnit,
            post: m.post,
            identity: m.identity,
            address_enc: addressEnc,
            updated_at: stamp,
          },
          orgId: org.id,
          orgPath: org.path,
          validFrom: today,
          reason: '批量导入',
        };
      });
    };
    let reportWrites = false;
    let writingTotal = 0;
    const writerFor = (trx: Transaction<DB>, knownOrgs?: ReadonlyMap<string, OrgFacts>) =>
      new ImportWriter({
        ctx,
        trx,
        rowsPerBatch: req.writeBatchRows ?? WRITE_BATCH,
        addressContext: ADDRESS_CONTEXT,
        build: toMembers,
        ...(knownOrgs ? { knownOrgs } : {}),
        onWritten: (n) => {
          if (reportWrites) progress('writing', n, writingTotal);
        },
      });
    const auditCommit = (trx: Transaction<DB>, v: Validated, w: ImportWriter) =>
      appendAudit(trx, ctx.ring, {
        at: now(),
        action: 'roster.import',
        result: 'ok',
        actorUserId: req.actor.userId,
        actorUsername: req.actor.username,
        objectType: 'roster_import',
        objectId: jobId,
        scopePath: req.scopePath,
        requestId: req.requestId ?? null,
        ip: req.ip ?? null,
        detail: {
          fileName: req.fileName,
          total: v.total,
          valid: v.goodDrafts.length,
          imported: w.imported,
          rejectedRows: v.bad.size,
          allowPartial: req.allowPartial,
          firstPersonId: w.firstId,
          lastPersonId: w.lastId,
        },
      });
    type Validated = Awaited<ReturnType<typeof validate>>;

    let v: Validated;
    let imported = 0;
    if (!req.dryRun && !req.allowPartial && ctx.engine === 'postgres') {
      // All or nothing on PostgreSQL: write while reading. The database works in its own
      // process on the rows already read while this thread reads and checks the rest; any error
      // anywhere in the file rolls the whole transaction back (issue 4's 10 s target).
      class Refused extends Error {
        constructor(readonly validated: Validated) {
          super('refused');
        }
      }
      try {
        v = await ctx.db.transaction().execute(async (trx) => {
          const writer = writerFor(trx);
          let checked: Validated;
          try {
            checked = await validate(writer);
          } catch (e) {
            await writer.abandon();
            throw e;
          }
          if (checked.errors.length > 0 || checked.goodDrafts.length === 0) {
            await writer.abandon();
            throw new Refused(checked);
          }
          reportWrites = true;
          writingTotal = checked.goodDrafts.length;
          await writer.finish();
          imported = writer.imported;
          await auditCommit(trx, checked, writer);
          return checked;
        });
      } catch (e) {
        if (!(e instanceof Refused)) throw e;
        v = e.validated;
      }
    } else {
      v = await validate(null);
      const commit = !req.dryRun && (v.errors.length === 0 || req.allowPartial) && v.goodDrafts.length > 0;
      if (commit) {
        progress('writing', 0, v.goodDrafts.length);
        reportWrites = true;
        writingTotal = v.goodDrafts.length;
        const checked = v;
        await ctx.db.transaction().execute(async (trx) => {
          const writer = writerFor(trx, checked.orgs);
          for (const d of checked.goodDrafts) writer.offer(d);
          await writer.finish();
          imported = writer.imported;
          await auditCommit(trx, checked, writer);
        });
      }
    }
    const { total, errors, bad, goodDrafts } = v;
    if (imported > 0) {
      if (imported >= ANALYZE_AFTER_ROWS) await repo.analyzeMemberTables(ctx.db, ctx.engine);
    } else {
      await audit(req.dryRun || errors.length === 0 ? 'ok' : 'failed', {
        total,
        valid: goodDrafts.length,
        imported: 0,
        rejectedRows: bad.size,
        refused: !req.dryRun && errors.length > 0,
      });
    }
    const report: ImportReport = { total, valid: goodDrafts.length, imported, errors };
    // The annotated workbook repeats every uploaded row: the file is read again only when needed.
    const errorWorkbook =
      errors.length > 0 ? await buildErrorWorkbook(await readMemberSheet(req.buffer), errors) : null;
    await repo.finishImportJob(ctx.db, jobId, {
      status: 'done',
      total,
      valid: report.valid,
      imported,
      errorsJson: JSON.stringify(errors.slice(0, MAX_STORED_ERRORS)),
      fileError: null,
      errorWorkbookEnc: errorWorkbook
        ? encryptField(ctx.ring, 'roster_import_jobs.error_workbook', errorWorkbook.toString('base64'))
        : null,
      now: now(),
    });
    progress('done', total, total);
    return { jobId, report, errorWorkbook };
  } catch (e) {
    const message = e instanceof ImportFileError ? e.message : '导入失败：服务器处理文件时出错';
    await repo.finishImportJob(ctx.db, jobId, {
      status: 'failed',
      total: 0,
      valid: 0,
      imported: 0,
      errorsJson: '[]',
      fileError: message,
      errorWorkbookEnc: null,
      now: now(),
    });
    await audit('failed', { fileError: e instanceof ImportFileError ? e.code : 'INTERNAL' });
    progress('failed', 0, 0);
    throw e;
  }
}
