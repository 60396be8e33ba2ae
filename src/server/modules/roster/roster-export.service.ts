// Roster services: member export.
import type { ExportQuery } from '../../../core/roster/roster.schemas.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import { denied } from '../../authz.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import { decryptField } from '../../crypto/field-crypto.ts';
import { auditBase, memberFilter, requireOrg } from './roster-common.service.ts';
import { mayUnmask } from './roster.policy.ts';
import { presentMemberListItem } from './roster.presenter.ts';
import * as repo from './roster.repository.ts';
import { buildSheetWorkbook } from './roster.xlsx.ts';

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
