// Roster services: 组织关系介绍信 (printable).
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { addDays, ageOn } from '../../../core/shared/dates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import { denied } from '../../authz.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import { badRequest, notFound } from '../../http/errors.ts';
import { inScope } from '../../http/policy.ts';
import { auditBase, today } from './roster-common.service.ts';
import * as repo from './roster.repository.ts';

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
