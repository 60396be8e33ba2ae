// 党费基数: declarations by the branch (confirmed at once) or by the member (pending until the
// branch confirms), confirmation, and Excel import (all rows or none).
import ExcelJS from 'exceljs';
import {
  checkBase,
  IMPORT_HEADERS,
  parseImportRow,
  type ImportRowError,
} from '../../../core/dues/bases.rules.ts';
import { baseInEffect, type BaseDeclaration } from '../../../core/dues/ledger.rules.ts';
import { isDuesCategory, monthlyDueFen, DUES_CATEGORY_LABELS } from '../../../core/dues/rates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import { denied, requireActor } from '../../authz.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, badRequest, conflict, fromDecision, notFound } from '../../http/errors.ts';
import { hasAnyRole, inScope } from '../../http/policy.ts';
import { refreshAlertsIn } from '../alerts/alerts.service.ts';
import { flattenCell, guardXlsx, ImportFileError } from '../roster/roster.xlsx.ts';
import {
  ARREARS_SOURCE,
  auditBase,
  baseTiming,
  DUES_STAFF,
  ratesFor,
  staffOrg,
  todayOf,
} from './dues-common.ts';
import * as repo from './dues-bases.repository.ts';
import * as ledgerRepo from './dues-ledger.repository.ts';
import type { Transaction } from 'kysely';

type BaseRow = Awaited<ReturnType<typeof repo.listBases>>[number];

function present(ctx: AppContext, b: BaseRow) {
  const category = isDuesCategory(b.category) ? b.category : null;
  return {
    id: b.id,
    personId: b.person_id,
    name: b.name,
    orgId: b.org_id,
    orgName: b.org_name,
    category: b.category,
    categoryName: category ? DUES_CATEGORY_LABELS[category] : b.category,
    baseFen: b.base_fen,
    monthlyFen: category ? monthlyDueFen(ratesFor(ctx, b.effective_month), category, b.base_fen) : null,
    effectiveMonth: b.effective_month,
    source: b.source,
    status: b.status,
    note: b.note,
  };
}

export async function listBases(ctx: AppContext, rc: RequestContext, orgId: number | undefined) {
  const org = await staffOrg(ctx, rc, orgId);
  const rows = await repo.listBases(ctx.db, org.path);
  const members = await repo.membersUnder(ctx.db, org.path, todayOf(ctx));
  const declared = new Set(rows.filter((r) => r.status === 'confirmed').map((r) => r.person_id));
  return {
    data: {
      orgId: org.id,
      orgName: org.name,
      rows: rows.map((r) => present(ctx, r)),
      pending: rows.filter((r) => r.status === 'pending').length,
      withoutBase: members
        .filter((m) => !declared.has(m.person_id))
        .map((m) => ({ personId: m.person_id, name: m.name, orgId: m.org_id, orgName: m.org_name })),
    },
  };
}

/**
 * Unpaid ledger months from the declaration's month on follow the newly confirmed base
 * (months already paid keep what was due when they were paid).
 */
async function applyToLedger(ctx: AppContext, trx: Transaction<DB>, personId: number, fromMonth: string) {
  const rows = await repo.unpaidMonthsFrom(trx, personId, fromMonth);
  if (rows.length === 0) return;
  const last = rows.reduce((a, r) => (r.month > a ? r.month : a), fromMonth);
  const bases: (BaseDeclaration & { id: number })[] = (
    await ledgerRepo.confirmedBasesOf(trx, [personId], last)
  )
    .filter((b) => isDuesCategory(b.category))
    .map((b) => ({
      id: b.id,
      category: b.category as BaseDeclaration['category'],
      baseFen: b.base_fen,
      effectiveMonth: b.effective_month,
    }));
  const now = ctx.now().toISOString();
  for (const r of rows) {
    const b = baseInEffect(bases, r.month, baseTiming(ctx, r.month));
    if (!b) continue;
    const due = monthlyDueFen(ratesFor(ctx, r.month), b.category, b.baseFen);
    if (due === r.due_fen) continue;
    await ledgerRepo.updateLedgerRow(trx, r.id, {
      category: b.category,
      base_fen: b.baseFen,
      due_fen: due,
      reduced_fen: Math.min(r.reduced_fen, due),
      status: due - Math.min(r.reduced_fen, due) > 0 ? 'due' : 'paid',
      updated_at: now,
    });
  }
}

export interface DeclareInput {
  orgId?: number | undefined;
  personId: number;
  category: string;
  baseFen: number | null;
  effectiveMonth: string;
  note?: string | undefined;
}

/** Staff declare for a member of their subtree (confirmed); a member declares for themself (pending). */
export async function declareBase(ctx: AppContext, rc: RequestContext, input: DeclareInput) {
  const actor = requireActor(rc);
  const today = todayOf(ctx);
  const d = checkBase(input, today.slice(0, 7));
  if (!d.ok) throw fromDecision(d);
  const isStaff = hasAnyRole(actor, DUES_STAFF);
  let member: { person_id: number; name: string; org_id: number; org_path: string } | undefined;
  if (isStaff) {
    const org = await staffOrg(ctx, rc, input.orgId);
    member = (await repo.membersUnder(ctx.db, org.path, today)).find((m) => m.person_id === input.personId);
    if (!member)
      throw badRequest('NOT_A_MEMBER', `该党员（ID ${input.personId}）不是${org.name}的在册党员`, 'personId');
  } else {
    const own = await repo.personOfUser(ctx.db, actor.userId);
    if (!own) throw notFound('本人党员档案（账号未关联党员）');
    if (own !== input.personId) throw await denied(ctx, rc, 'person', input.personId, 'not_self');
    member = (await repo.membersUnder(ctx.db, actor.scopePath, today)).find((m) => m.person_id === own);
    if (!member) throw badRequest('NOT_A_MEMBER', '本人不在党组织在册党员名单中，无法申报', 'personId');
  }
  const now = ctx.now().toISOString();
  const m = member;
  return ctx.db.transaction().execute(async (trx) => {
    const [id] = await repo.insertBases(trx, [
      {
        person_id: m.person_id,
        org_id: m.org_id,
        org_path: m.org_path,
        category: d.value.category,
        base_fen: d.value.baseFen,
        effective_month: d.value.effectiveMonth,
        source: isStaff ? 'branch' : 'member',
        status: isStaff ? 'confirmed' : 'pending',
        note: input.note?.trim() || null,
        created_by: actor.userId,
        created_at: now,
        confirmed_by: isStaff ? actor.userId : null,
        confirmed_at: isStaff ? now : null,
      },
    ]);
    await appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc, 'dues_base'),
      action: 'dues.base.declare',
      objectId: id!,
      scopePath: m.org_path,
      detail: { after: { personId: m.person_id, ...d.value, source: isStaff ? 'branch' : 'member' } },
    });
    if (isStaff) {
      await applyToLedger(ctx, trx, m.person_id, d.value.effectiveMonth);
      await refreshAlertsIn(ctx, trx, [ARREARS_SOURCE], m.org_path);
    }
    const row = (await repo.listBases(trx, m.org_path)).find((r) => r.id === id)!;
    return { data: present(ctx, row) };
  });
}

export async function confirmBase(ctx: AppContext, rc: RequestContext, id: number) {
  const actor = requireActor(rc);
  const b = await repo.findBase(ctx.db, id);
  if (!b) throw notFound('缴费基数申报');
  if (!hasAnyRole(actor, DUES_STAFF) || !inScope(actor, b.org_path))
    throw await denied(ctx, rc, 'dues_base', id, 'scope');
  if (b.status !== 'pending') throw conflict('NOT_PENDING', '该申报不是待确认状态', 'status');
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const fresh = await repo.findBase(trx, id);
    if (fresh?.status !== 'pending')
      throw conflict('NOT_PENDING', '该申报已被他人处理，请刷新后重试', 'status');
    await repo.confirmBase(trx, id, actor.userId, now);
    await appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc, 'dues_base'),
      action: 'dues.base.confirm',
      objectId: id,
      scopePath: b.org_path,
      detail: { before: { status: 'pending' }, after: { status: 'confirmed' }, personId: b.person_id },
    });
    await applyToLedger(ctx, trx, b.person_id, b.effective_month);
    await refreshAlertsIn(ctx, trx, [ARREARS_SOURCE], b.org_path);
    const row = (await repo.listBases(trx, b.org_path)).find((r) => r.id === id)!;
    return { data: present(ctx, row) };
  });
}

function rowErrorsToAppError(errors: ImportRowError[]): AppError {
  const fields: Record<string, string> = {};
  for (const e of errors.slice(0, 200)) fields[`第${e.row}行.${e.field}`] = e.message;
  const first = errors
    .slice(0, 5)
    .map((e) => `第${e.row}行“${e.field}”：${e.message}`)
    .join('；');
  return new AppError(
    'bad_request',
    'IMPORT_ROWS_INVALID',
    `导入失败，共${errors.length}处错误，未导入任何数据：${first}${errors.length > 5 ? '……' : ''}`,
    fields,
  );
}

/** Reads the first sheet: the header row names the columns (IMPORT_HEADERS). */
async function readSheet(buf: Buffer) {
  try {
    guardXlsx(buf);
  } catch (e) {
    if (e instanceof ImportFileError) throw badRequest(e.code, e.message, 'file');
    throw e;
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw badRequest('NOT_XLSX', '文件不是有效的.xlsx工作簿', 'file');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw badRequest('NO_SHEET', '工作簿中没有工作表', 'file');
  const header = (ws.getRow(1).values as unknown[]).map((v) => String(flattenCell(v) ?? '').trim());
  const col: Record<string, number> = {};
  for (const h of IMPORT_HEADERS) col[h] = header.indexOf(h);
  const missing = ['姓名', '党员类别', '月缴费基数（元）', '起始月份'].filter((h) => col[h]! < 1);
  if (missing.length) throw badRequest('MISSING_COLUMNS', `缺少列：${missing.join('、')}`, 'file');
  const rows: { row: number; cells: Record<string, string> }[] = [];
  ws.eachRow((r, n) => {
    if (n === 1) return;
    const cells: Record<string, string> = {};
    for (const h of IMPORT_HEADERS) {
      const v = col[h]! > 0 ? flattenCell(r.getCell(col[h]!).value) : null;
      cells[h] = v === null ? '' : v instanceof Date ? v.toISOString().slice(0, 7) : String(v);
    }
    if (Object.values(cells).some((c) => c.trim())) rows.push({ row: n, cells });
  });
  if (rows.length === 0) throw badRequest('NO_ROWS', '工作表中没有数据行', 'file');
  if (rows.length > 20000) throw badRequest('TOO_MANY_ROWS', '一次最多导入20000行', 'file');
  return rows;
}

/** Excel import: every row is checked first; any error and nothing is written. */
export async function importBases(
  ctx: AppContext,
  rc: RequestContext,
  orgId: number | undefined,
  file: Buffer,
) {
  const actor = requireActor(rc);
  const org = await staffOrg(ctx, rc, orgId);
  if (!Buffer.isBuffer(file)) throw badRequest('NOT_XLSX', '请上传.xlsx文件', 'file');
  const today = todayOf(ctx);
  const rows = await readSheet(file);
  const members = await repo.membersUnder(ctx.db, org.path, today);
  const byName = new Map<string, typeof members>();
  for (const m of members) byName.set(m.name, [...(byName.get(m.name) ?? []), m]);
  const errors: ImportRowError[] = [];
  const ok: {
    member: (typeof members)[number];
    p: Extract<ReturnType<typeof parseImportRow>, { ok: true }>['value'];
  }[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    const c = r.cells;
    const p = parseImportRow(
      r.row,
      {
        name: c['姓名']!,
        orgName: c['所在组织']!,
        category: c['党员类别']!,
        base: c['月缴费基数（元）']!,
        month: c['起始月份']!,
        note: c['备注']!,
      },
      today.slice(0, 7),
    );
    if (!p.ok) {
      errors.push(...p.errors);
      continue;
    }
    let found = byName.get(p.value.name) ?? [];
    if (p.value.orgName) found = found.filter((m) => m.org_name === p.value.orgName);
    if (found.length === 0) {
      errors.push({
        row: r.row,
        field: '姓名',
        message: `${org.name}没有名为“${p.value.name}”的在册党员${p.value.orgName ? `（${p.value.orgName}）` : ''}`,
      });
      continue;
    }
    if (found.length > 1) {
      errors.push({
        row: r.row,
        field: '所在组织',
        message: `有${found.length}名党员名为“${p.value.name}”，请填写所在组织以区分`,
      });
      continue;
    }
    const key = `${found[0]!.person_id}/${p.value.base.effectiveMonth}`;
    if (seen.has(key)) {
      errors.push({
        row: r.row,
        field: '起始月份',
        message: `与第${seen.get(key)}行重复（同一党员同一起始月份）`,
      });
      continue;
    }
    seen.set(key, r.row);
    ok.push({ member: found[0]!, p: p.value });
  }
  if (errors.length > 0) throw rowErrorsToAppError(errors);
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const ids = await repo.insertBases(
      trx,
      ok.map(({ member, p }) => ({
        person_id: member.person_id,
        org_id: member.org_id,
        org_path: member.org_path,
        category: p.base.category,
        base_fen: p.base.baseFen,
        effective_month: p.base.effectiveMonth,
        source: 'import',
        status: 'confirmed',
        note: p.note,
        created_by: actor.userId,
        created_at: now,
        confirmed_by: actor.userId,
        confirmed_at: now,
      })),
    );
    for (const { member, p } of ok) await applyToLedger(ctx, trx, member.person_id, p.base.effectiveMonth);
    await appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc, 'org'),
      action: 'dues.base.import',
      objectId: org.id,
      scopePath: org.path,
      detail: { imported: ids.length },
    });
    await refreshAlertsIn(ctx, trx, [ARREARS_SOURCE], org.path);
    return { data: { imported: ids.length } };
  });
}
