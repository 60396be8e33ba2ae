// 组织关系 across the system's boundary: out to an organisation outside the system with a
// 组织关系介绍信 (number, validity, 回执) — the member stays on our roster until the returned slip
// is registered — and in from outside, registered with the sender's letter number.
import {
  checkSlip,
  letterNumber,
  letterValidUntil,
  slipState,
} from '../../../core/roster/external-transfer.rules.ts';
import type { ExternalCreateInput, ExternalListQuery } from '../../../core/roster/roster.schemas.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { ageOn, chinaDate } from '../../../core/shared/dates.ts';
import type { Transaction } from 'kysely';
import { appendAudit } from '../../audit/audit.repository.ts';
import type { DB } from '../../db/schema.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import { denied } from '../../authz.ts';
import { AppError, badRequest, fromDecision, notFound } from '../../http/errors.ts';
import { inScope } from '../../http/policy.ts';
import * as xrepo from './roster-external.repository.ts';
import * as repo from './roster.repository.ts';

const today = (ctx: AppContext) => chinaDate(ctx.now());
const STATUS_LABEL: Record<string, string> = {
  letter_issued: '已开介绍信，待回执',
  completed: '已办结',
  cancelled: '已撤销',
};

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

function present(r: xrepo.ExternalRow, on: string) {
  const slip =
    r.direction === 'out' && r.status !== 'cancelled'
      ? slipState(r.valid_until ?? r.issued_on, r.slip_returned_on, on)
      : null;
  return {
    id: Number(r.id),
    direction: r.direction as 'out' | 'in',
    personId: r.person_id === null ? null : Number(r.person_id),
    personName: r.person_name,
    org: { id: Number(r.org_id), name: r.org_name, code: r.org_code },
    otherOrgName: r.other_org_name,
    letterNumber: r.letter_number,
    reason: r.reason,
    issuedOn: r.issued_on,
    validUntil: r.valid_until,
    slipReturnedOn: r.slip_returned_on,
    slip,
    status: r.status,
    statusLabel: STATUS_LABEL[r.status] ?? r.status,
  };
}

async function requireExternal(ctx: AppContext, rc: RequestContext, id: number) {
  const row = await xrepo.findExternal(ctx.db, id);
  if (!row) throw notFound('系统外转接');
  if (!inScope(rc.actor!, row.org_path)) throw await denied(ctx, rc, 'roster_external_transfer', id, 'scope');
  return row;
}

export async function listExternal(ctx: AppContext, rc: RequestContext, q: ExternalListQuery) {
  const org = await repo.findOrgById(ctx.db, q.orgId);
  if (!org) throw notFound('组织');
  if (!inScope(rc.actor!, org.path)) throw await denied(ctx, rc, 'org', q.orgId, 'scope');
  const on = today(ctx);
  const items = (await xrepo.listExternal(ctx.db, org.path, q.status)).map((r) => present(r, on));
  return { data: { items, slipOverdue: items.filter((i) => i.slip === 'overdue').length } };
}

/** `link` (letters out only) runs in the same transaction with the new row's id. */
export async function createExternal(
  ctx: AppContext,
  rc: RequestContext,
  input: ExternalCreateInput,
  link?: (trx: Transaction<DB>, externalId: number) => Promise<void>,
) {
  const actor = rc.actor!;
  const on = today(ctx);
  const now = ctx.now().toISOString();
  if (input.direction === 'out') {
    const m = await repo.memberById(ctx.db, input.personId, on);
    if (!m) throw notFound('党员');
    if (!m.org_id || !m.org_path)
      throw badRequest('NO_MEMBERSHIP', '该党员当前没有所在党组织，不能开具介绍信', 'personId');
    if (!inScope(actor, m.org_path)) throw await denied(ctx, rc, 'person', input.personId, 'scope');
    if (
      (await xrepo.hasOpenExternal(ctx.db, input.personId)) ||
      (await repo.hasOpenTransfer(ctx.db, input.personId))
    ) {
      throw new AppError('conflict', 'TRANSFER_OPEN', '该党员已有办理中的组织关系转接', {
        personId: '已有办理中的转接',
      });
    }
    const validUntil = letterValidUntil(
      on,
      ruleValue<number>(ctx.config.rulebook, 'roster.transfer.letterValidDays', on),
    );
    return ctx.db.transaction().execute(async (trx) => {
      const id = await xrepo.insertExternal(trx, {
        direction: 'out',
        person_id: input.personId,
        person_name: m.name,
        org_id: Number(m.org_id),
        org_path: m.org_path!,
        other_org_name: input.otherOrgName,
        letter_number: null,
        reason: input.reason,
        issued_on: on,
        valid_until: validUntil,
        slip_returned_on: null,
        status: 'letter_issued',
        created_by: actor.username,
        created_at: now,
        updated_at: now,
      });
      const number = letterNumber(on, id);
      await xrepo.updateExternal(trx, id, { letter_number: number });
      await appendAudit(trx, ctx.ring, {
        ...audit(ctx, rc),
        action: 'roster.external.out',
        objectType: 'roster_external_transfer',
        objectId: id,
        scopePath: m.org_path,
        detail: { personId: input.personId, to: input.otherOrgName, letterNumber: number, validUntil },
      });
      if (link) await link(trx, id);
      return { data: present((await xrepo.findExternal(trx, id))!, on) };
    });
  }
  const org = await repo.findOrgById(ctx.db, input.orgId);
  if (!org) throw notFound('组织');
  if (!inScope(actor, org.path)) throw await denied(ctx, rc, 'org', input.orgId, 'scope');
  if (input.receivedOn > on) throw badRequest('RECEIVED_IN_FUTURE', '接收日期不能晚于今天', 'receivedOn');
  return ctx.db.transaction().execute(async (trx) => {
    const id = await xrepo.insertExternal(trx, {
      direction: 'in',
      person_id: null,
      person_name: input.personName,
      org_id: org.id,
      org_path: org.path,
      other_org_name: input.otherOrgName,
      letter_number: input.letterNumber,
      reason: null,
      issued_on: input.receivedOn,
      valid_until: null,
      slip_returned_on: null,
      status: 'completed',
      created_by: actor.username,
      created_at: now,
      updated_at: now,
    });
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'roster.external.in',
      objectType: 'roster_external_transfer',
      objectId: id,
      scopePath: org.path,
      detail: { from: input.otherOrgName, letterNumber: input.letterNumber, receivedOn: input.receivedOn },
    });
    return { data: present((await xrepo.findExternal(trx, id))!, on) };
  });
}

/** Registers the returned 回执: the transfer is complete and the member leaves our roster on that day. */
export async function registerSlip(ctx: AppContext, rc: RequestContext, id: number, returnedOn: string) {
  const row = await requireExternal(ctx, rc, id);
  if (row.direction !== 'out' || row.status === 'cancelled')
    throw new AppError('conflict', 'NOT_AN_OPEN_LETTER', '只有已开具介绍信的转出可以登记回执');
  const on = today(ctx);
  const d = checkSlip(returnedOn, row.issued_on, row.slip_returned_on, on);
  if (!d.ok) throw fromDecision(d, d.code === 'SLIP_ALREADY_RETURNED' ? 'conflict' : 'bad_request');
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    await xrepo.updateExternal(trx, id, {
      slip_returned_on: returnedOn,
      status: 'completed',
      updated_at: now,
    });
    const ended =
      row.person_id === null ? 0 : await xrepo.endMembership(trx, Number(row.person_id), returnedOn);
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'roster.external.slip',
      objectType: 'roster_external_transfer',
      objectId: id,
      scopePath: row.org_path,
      detail: {
        before: { status: row.status },
        after: { status: 'completed', slipReturnedOn: returnedOn },
        membershipsEnded: ended,
      },
    });
    return { data: present((await xrepo.findExternal(trx, id))!, on) };
  });
}

const esc = (v: string | null | undefined) =>
  (v ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** The printable 组织关系介绍信 with its 回执 for a transfer out of the system (print or save as PDF). */
export async function externalLetter(ctx: AppContext, rc: RequestContext, id: number): Promise<string> {
  const row = await requireExternal(ctx, rc, id);
  if (row.direction !== 'out' || row.status === 'cancelled')
    throw badRequest('NOT_AN_OUT_LETTER', '只有转出系统外的转接有介绍信', 'id');
  const p =
    row.person_id === null ? undefined : await repo.memberById(ctx.db, Number(row.person_id), row.issued_on);
  await ctx.db.transaction().execute((trx) =>
    appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'roster.external.letter',
      objectType: 'roster_external_transfer',
      objectId: id,
      scopePath: row.org_path,
      detail: { number: row.letter_number },
    }),
  );
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>中国共产党党员组织关系介绍信 ${esc(row.letter_number)}</title>
<style>body{font-family:"SimSun","Songti SC",serif;max-width:720px;margin:24px auto;line-height:2;font-size:16px}h1{text-align:center;font-size:22px;letter-spacing:4px}
.cut{border-top:1px dashed #999;margin:32px 0;text-align:center;color:#999;font-size:12px}.right{text-align:right}.no{text-align:right;font-size:14px}@media print{.noprint{display:none}}</style></head><body>
<p class="noprint"><button onclick="window.print()">打印 / 另存为PDF</button></p>
<h1>中国共产党党员组织关系介绍信</h1><p class="no">${esc(row.letter_number)}</p>
<p>${esc(row.other_org_name)}：</p>
<p>\u3000\u3000${esc(row.person_name)}同志（${esc(p?.gender)}，${p?.birth_date ? esc(String(ageOn(p.birth_date, row.issued_on))) + '岁，' : ''}${esc(p?.ethnicity)}），系中共${esc(p?.category ?? '党员')}，身份证号码${esc(p?.id_number_masked)}，由${esc(row.org_name)}去${esc(row.other_org_name)}，请转接组织关系。转接原因：${esc(row.reason)}。</p>
<p>\u3000\u3000（有效期至${esc(row.valid_until)}止）</p>
<p class="right">${esc(row.org_name)}（盖章）<br>${esc(row.issued_on)}</p>
<div class="cut">——————————————— 沿此线剪开，回执寄回 ———————————————</div>
<h1>回\u3000执</h1><p class="no">${esc(row.letter_number)}</p>
<p>${esc(row.org_name)}：</p>
<p>\u3000\u3000${esc(row.person_name)}同志的党员组织关系已转到我处，特此回复。</p>
<p class="right">接收党组织（盖章）<br>\u3000\u3000年\u3000\u3000月\u3000\u3000日</p>
</body></html>`;
}
