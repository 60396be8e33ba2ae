// The member import: guard → streamed read → row rules (core) → file duplicates →
// organisations and database duplicates (set-based) → dry-run report, or one all-or-nothing
// transaction (or only the valid rows with allowPartial), audited. Used by the API and the CLI.
import {
  checkImportOrg,
  findDuplicateIds,
  sortErrors,
  validateRow,
  type MemberDraft,
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
import { encryptFieldsOffThread } from '../../crypto/field-crypto-pool.ts';
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
    // One pass: each row is validated as it streams out of the sheet; only the drafts (and their
    // blind indexes, computed once) are kept, never the raw sheet.
    const errors: RowError[] = [];
    const drafts: Array<{ row: number; draft: MemberDraft; bidx: string }> = [];
    let total = 0;
    await streamMemberSheet(req.buffer, (raw) => {
      total++;
      const r = validateRow(raw, rules);
      for (const e of r.errors) errors.push(e);
      if (r.draft)
        drafts.push({
          row: raw.row,
          draft: r.draft,
          bidx: blindIndex(ctx.ring, 'persons.id_number', r.draft.idNumber),
        });
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
    // Against the database: blind indexes, in chunks.
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

    let imported = 0;
    const commit = !req.dryRun && (errors.length === 0 || req.allowPartial) && goodDrafts.length > 0;
    if (commit) {
      const stamp = now();
      // Encrypted and written batch by batch inside the one transaction: all or nothing, and the
      // encrypted rows of only a few batches are held at a time. A worker thread encrypts batch
      // k + 1 while this thread writes batch k (SQLite) or the server does (PostgreSQL).
      type Good = (typeof goodDrafts)[number];
      const encryptBatch = (batch: readonly Good[]) => {
        const items: [string, string][] = [];
        for (const { draft: m } of batch) {
          items.push(['persons.id_number', m.idNumber]);
          if (m.phone) items.push(['persons.phone', m.phone]);
          if (m.address) items.push([ADDRESS_CONTEXT, m.address]);
        }
        return encryptFieldsOffThread(ctx.ring, items);
      };
      const toMembers = (batch: readonly Good[], encrypted: readonly string[]): repo.NewMember[] => {
        let k = 0;
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
      progress('writing', 0, goodDrafts.length);
      let firstId: number | null = null;
      let lastId: number | null = null;
      await ctx.db.transaction().execute(async (trx) => {
        const written = (ids: number[]) => {
          firstId ??= ids[0] ?? null;
          lastId = ids.at(-1) ?? lastId;
          imported += ids.length;
          progress('writing', imported, goodDrafts.length);
        };
        // A promise that rejects while another is awaited must already have a handler, or
        // Node reports an unhandled rejection; the awaits below still see the rejection.
        const observed = <T>(p: Promise<T>) => (p.catch(() => undefined), p);
        const step = req.writeBatchRows ?? WRITE_BATCH;
        let encrypting = observed(encryptBatch(goodDrafts.slice(0, step)));
        let writing: Promise<number[]> | null = null;
        for (let i = 0; i < goodDrafts.length; i += step) {
          const batch = goodDrafts.slice(i, i + step);
          const encrypted = await encrypting;
          if (i + step < goodDrafts.length)
            encrypting = observed(encryptBatch(goodDrafts.slice(i + step, i + 2 * step)));
          const members = toMembers(batch, encrypted);
          if (writing) written(await writing);
          writing = observed(repo.insertMembers(trx, ctx.engine, members));
        }
        if (writing) written(await writing);
        await appendAudit(trx, ctx.ring, {
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
            total,
            valid: goodDrafts.length,
            imported,
            rejectedRows: bad.size,
            allowPartial: req.allowPartial,
            firstPersonId: firstId,
            lastPersonId: lastId,
          },
        });
      });
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
