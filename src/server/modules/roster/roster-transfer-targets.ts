// 转入党组织 directory (issue 17): a member asking to transfer, or a worker starting a transfer,
// names the receiving branch, which is usually outside their own subtree. This lookup is the one
// deliberate exception to subtree scope (docs/security.md, "Subtree scope"): it returns only
// active branches that can receive members, with code, name and parent name — no members, no
// figures, nothing else about them — for a search of at least two characters, a page at most.
import { sql } from 'kysely';
import { BRANCH_KINDS } from '../../../core/org/org.types.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import { containsInsensitive, escapeLike } from '../../db/dialect.ts';
import { requireActor } from '../../authz.ts';

export const TRANSFER_TARGET_LIMIT = 20;

export interface TransferTarget {
  id: number;
  code: string;
  name: string;
  parentName: string | null;
}

export async function transferTargets(
  ctx: AppContext,
  rc: RequestContext,
  q: string,
): Promise<{ data: TransferTarget[] }> {
  requireActor(rc);
  const needle = q.trim();
  const rows = await ctx.db
    .selectFrom('orgs as o')
    .leftJoin('orgs as p', 'p.id', 'o.parent_id')
    .select(['o.id', 'o.code', 'o.name', 'p.name as parentName'])
    .where('o.status', '=', 'active')
    .where('o.kind', 'in', [...BRANCH_KINDS])
    .where((eb) =>
      eb.or([
        containsInsensitive('o.name', needle),
        sql<boolean>`${sql.ref('o.code')} like ${`${escapeLike(needle)}%`} escape '\\'`,
        containsInsensitive('o.short_name', needle),
      ]),
    )
    // An exact code first, then by code.
    .orderBy((eb) => eb.case().when('o.code', '=', needle).then(0).else(1).end())
    .orderBy('o.code')
    .limit(TRANSFER_TARGET_LIMIT)
    .execute();
  return {
    data: rows.map((r) => ({ id: r.id, code: r.code, name: r.name, parentName: r.parentName ?? null })),
  };
}
