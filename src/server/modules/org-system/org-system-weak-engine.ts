// 软弱涣散 cases on the one rectification engine (issue 18): each case has an item (source
// 'orgsys.weak') so that it shows in the 问题清单 with its deadline and overdue flag, and moves the
// same way — progress, 申请销号 with evidence, 销号 by the upper level. Moves made on either side
// (the case page or the rectification drawer) are mirrored to the other in the same transaction.
import type { Transaction } from 'kysely';
import type { RectificationAction } from '../../../core/rectification/rectification.rules.ts';
import type { WeakCriterion } from '../../../core/org-system/org-system.types.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { addMonths, chinaDate } from '../../../core/shared/dates.ts';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import {
  createRectification,
  findRectificationRow,
  transitionRectification,
  type RectActor,
} from '../evaluation/rectification/rectification.service.ts';
import * as repo from './org-system.repository.ts';

export const WEAK_SOURCE = 'orgsys.weak';

type CaseRow = NonNullable<Awaited<ReturnType<typeof repo.findWeakCase>>>;

/** The engine item of a case (cases designated before the engine carried them have none). */
export async function engineItemOf(trx: Transaction<DB>, caseId: number) {
  const row = await trx
    .selectFrom('rect_items')
    .select('id')
    .where('source_type', '=', WEAK_SOURCE)
    .where('source_id', '=', caseId)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row ? findRectificationRow(trx, row.id) : undefined;
}

/** Opens the case's item: deadline = designation + the rulebook's 整顿 period (not before today). */
export async function openWeakItem(trx: Transaction<DB>, ctx: AppContext, c: CaseRow, by: RectActor) {
  const today = chinaDate(ctx.now());
  const months = ruleValue<number>(ctx.config.rulebook, 'orgSystem.weak.rectifyMonths', c.designated_on);
  const due = addMonths(c.designated_on, months);
  const org = await trx.selectFrom('orgs').select('name').where('id', '=', c.org_id).executeTakeFirst();
  const criteria = ruleValue<WeakCriterion[]>(
    ctx.config.rulebook,
    'orgSystem.weak.criteria',
    c.designated_on,
  );
  const labels = (JSON.parse(c.criteria) as string[]).map(
    (k) => criteria.find((x) => x.code === k)?.label ?? k,
  );
  return createRectification(
    trx,
    ctx,
    {
      sourceType: WEAK_SOURCE,
      sourceId: c.id,
      org: { id: c.org_id, path: c.org_path },
      title: `软弱涣散整顿：${org?.name ?? ''}`.slice(0, 200),
      detail: `认定情形：${labels.join('；')}。整顿措施：${c.measures}`.slice(0, 2000),
      deadline: due < today ? today : due,
    },
    by,
  );
}

/** The case page's move, carried to the item (progress, 申请销号, 销号). */
export async function moveWeakItem(
  trx: Transaction<DB>,
  ctx: AppContext,
  caseId: number,
  move: 'progress' | 'request_closure' | 'close',
  note: string,
  by: RectActor,
): Promise<void> {
  let item = await engineItemOf(trx, caseId);
  if (!item || item.status === 'closed') return;
  if (move === 'progress') {
    if (item.status === 'open') await transitionRectification(trx, ctx, item, 'progress', note, null, by);
    return;
  }
  if (item.status === 'open') {
    await transitionRectification(trx, ctx, item, 'request_closure', note, note, by);
    item = (await findRectificationRow(trx, item.id))!;
  }
  if (move === 'close') await transitionRectification(trx, ctx, item, 'approve', note, null, by);
}

/** A move made on the engine's item (the 问题清单 drawer), carried to its case. */
export async function mirrorToWeakCase(
  trx: Transaction<DB>,
  ctx: AppContext,
  item: { source_id: number | null },
  action: RectificationAction,
  note: string,
  userId: number | null,
): Promise<void> {
  if (item.source_id === null) return;
  const c = await repo.findWeakCase(trx, item.source_id);
  if (!c || c.state === '已销号') return;
  const now = ctx.now().toISOString();
  const today = chinaDate(ctx.now());
  await repo.insertProgress(trx, {
    case_id: c.id,
    on_date: today,
    note,
    created_by: userId,
    created_at: now,
  });
  if (action === 'request_closure')
    await repo.updateWeakCase(trx, c.id, { state: '待销号', updated_at: now });
  if (action === 'reject') await repo.updateWeakCase(trx, c.id, { state: '整顿中', updated_at: now });
  if (action === 'approve')
    await repo.updateWeakCase(trx, c.id, {
      state: '已销号',
      closed_on: today,
      review_note: note,
      ...(userId !== null ? { closed_by: userId } : {}),
      updated_at: now,
    });
}
