// 通报 (issue 18): a committee publishes to organisations below it, naming 表扬 and 批评 examples;
// the receiving organisations' staff are notified, and each one's first opening is a read receipt.
import { readStates } from '../../../core/inspection/inspection.rules.ts';
import type { CreateBulletinInput } from '../../../core/inspection/inspection.schemas.ts';
import { pathIds } from '../../../core/org/org.rules.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { chinaDate } from '../../../core/shared/dates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import { denied, requireActor } from '../../authz.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import { badRequest, notFound } from '../../http/errors.ts';
import { inScope } from '../../http/policy.ts';
import { notify } from '../notifications/notifications.service.ts';
import { usersScopedAt } from '../notifications/notifications.repository.ts';
import { findOrgById, findOrgsByIds } from '../orgs/orgs.repository.ts';
import * as repo from './bulletins.repository.ts';
import { canReadBulletin, canSeeReceipts, INSP_STAFF, isIssuerKind } from './inspection.policy.ts';
import { findVisit } from './inspection.repository.ts';
import { requireScopeOrg } from './inspection.service.ts';

const today = (ctx: AppContext) => chinaDate(ctx.now());

/** '/1/23/45/' → ['/1/', '/1/23/', '/1/23/45/']: the organisation and its ancestors. */
function selfAndAncestors(path: string): string[] {
  const ids = pathIds(path);
  return ids.map((_, i) => `/${ids.slice(0, i + 1).join('/')}/`);
}

function present(b: repo.BulletinRow) {
  return {
    id: b.id,
    orgId: b.org_id,
    orgName: b.org_name,
    title: b.title,
    issuedOn: b.issued_on,
    createdAt: b.created_at,
  };
}

export async function publishBulletin(ctx: AppContext, rc: RequestContext, input: CreateBulletinInput) {
  const actor = requireActor(rc);
  const publisher = await findOrgById(ctx.db, input.orgId);
  if (!publisher) throw notFound('发布组织');
  if (!inScope(actor, publisher.path)) throw await denied(ctx, rc, 'org', publisher.id, 'scope');
  if (!isIssuerKind(publisher.kind) || publisher.status !== 'active')
    throw badRequest('PUBLISHER_NOT_COMMITTEE', '通报只能由党委（党工委、党总支）发布', 'orgId');
  const below = (p: string) => p !== publisher.path && p.startsWith(publisher.path);
  const recipients = input.recipientOrgIds
    ? await findOrgsByIds(ctx.db, [...new Set(input.recipientOrgIds)])
    : await repo.childrenOf(ctx.db, publisher.id);
  if (input.recipientOrgIds && recipients.length !== new Set(input.recipientOrgIds).size)
    throw badRequest('RECIPIENT_UNKNOWN', '接收组织不存在', 'recipientOrgIds');
  if (recipients.length === 0)
    throw badRequest('RECIPIENTS_REQUIRED', '请选择接收通报的组织', 'recipientOrgIds');
  if (recipients.some((r) => !below(r.path)))
    throw badRequest('RECIPIENT_OUT_OF_SCOPE', '接收组织超出本组织管理范围', 'recipientOrgIds');
  const exampleOrgs = new Map(
    (
      await findOrgsByIds(
        ctx.db,
        input.examples.flatMap((e) => (e.orgId ? [e.orgId] : [])),
      )
    ).map((o) => [o.id, o]),
  );
  const examples: Array<{
    kind: string;
    text: string;
    org_id: number | null;
    org_name: string | null;
    visit_id: number | null;
    sort: number;
  }> = [];
  for (const [i, e] of input.examples.entries()) {
    const org = e.orgId ? exampleOrgs.get(e.orgId) : undefined;
    if (e.orgId && (!org || !below(org.path)))
      throw badRequest('EXAMPLE_ORG_OUT_OF_SCOPE', '典型所在组织超出本组织管理范围', `examples[${i}].orgId`);
    if (e.visitId) {
      const v = await findVisit(ctx.db, e.visitId);
      if (!v || !v.org_path.startsWith(publisher.path))
        throw badRequest(
          'EXAMPLE_VISIT_OUT_OF_SCOPE',
          '引用的督查记录不属于本组织管理范围',
          `examples[${i}].visitId`,
        );
      if (org && v.org_id !== org.id)
        throw badRequest('EXAMPLE_VISIT_MISMATCH', '引用的督查记录不是该组织的', `examples[${i}].visitId`);
    }
    examples.push({
      kind: e.kind,
      text: e.text,
      org_id: org?.id ?? null,
      org_name: org?.name ?? null,
      visit_id: e.visitId ?? null,
      sort: i,
    });
  }
  const day = today(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const b = await repo.insertBulletin(
      trx,
      {
        org_id: publisher.id,
        org_path: publisher.path,
        org_name: publisher.name,
        title: input.title,
        content: input.content,
        issued_on: day,
        created_by: actor.userId,
        created_at: ctx.now().toISOString(),
      },
      recipients.map((r) => ({ org_id: r.id, org_path: r.path, org_name: r.name })),
      examples,
    );
    const staff = await usersScopedAt(
      trx,
      recipients.map((r) => r.id),
      INSP_STAFF,
    );
    const notified = await notify(ctx, trx, {
      kind: 'bulletin.published',
      title: `${publisher.name}通报：${input.title}`,
      body: `${publisher.name}于${day}印发通报“${input.title}”，请及时阅读。`,
      link: `/bulletins/${b.id}`,
      dedupeKey: `bulletin:${b.id}`,
      recipients: staff.map((u) => u.id),
      orgPath: publisher.path,
    });
    await appendAudit(trx, ctx.ring, {
      at: ctx.now().toISOString(),
      result: 'ok',
      actorUserId: actor.userId,
      actorUsername: actor.username,
      requestId: rc.meta.requestId,
      ip: rc.meta.ip,
      objectType: 'bulletin',
      objectId: b.id,
      scopePath: publisher.path,
      action: 'bulletin.publish',
      detail: {
        after: {
          title: b.title,
          recipients: recipients.map((r) => r.name),
          praised: examples.filter((e) => e.kind === '表扬').length,
          criticised: examples.filter((e) => e.kind === '批评').length,
          notified,
        },
      },
    });
    return { data: { ...present(b), recipients: recipients.length, notified } };
  });
}

/** Bulletins published in the organisation's subtree, and those it (or an ancestor) received. */
export async function listBulletins(ctx: AppContext, rc: RequestContext, orgId: number | undefined) {
  const actor = requireActor(rc);
  const org = await requireScopeOrg(ctx, rc, orgId);
  const [published, receivedRows] = await Promise.all([
    repo.publishedUnder(ctx.db, org.path),
    repo.receivedAt(ctx.db, selfAndAncestors(org.path)),
  ]);
  const ids = [...new Set([...published, ...receivedRows].map((b) => b.id))];
  const [recipients, receipts] = await Promise.all([
    repo.recipientsOf(ctx.db, ids),
    repo.receiptsOf(ctx.db, ids),
  ]);
  const row = (b: repo.BulletinRow, direction: 'published' | 'received') => {
    const rs = recipients.filter((r) => r.bulletin_id === b.id);
    const readOrgs = new Set(receipts.filter((x) => x.bulletin_id === b.id).map((x) => x.org_id));
    return {
      ...present(b),
      direction,
      recipients: rs.length,
      readOrgs: rs.filter((r) => readOrgs.has(r.org_id)).length,
      readByMe: receipts.some((x) => x.bulletin_id === b.id && x.user_id === actor.userId),
    };
  };
  const publishedIds = new Set(published.map((b) => b.id));
  return {
    data: [
      ...published.map((b) => row(b, 'published')),
      ...receivedRows.filter((b) => !publishedIds.has(b.id)).map((b) => row(b, 'received')),
    ],
    policies: { publish: isIssuerKind(org.kind) && org.status === 'active' },
  };
}

/** Opens a bulletin; the first opening by a receiving organisation's own staff is its read receipt. */
export async function openBulletin(ctx: AppContext, rc: RequestContext, id: number) {
  const actor = requireActor(rc);
  const b = await repo.findBulletin(ctx.db, id);
  if (!b) throw notFound('通报');
  const recipients = await repo.recipientsOf(ctx.db, [id]);
  if (
    !canReadBulletin(
      actor,
      b,
      recipients.map((r) => r.org_path),
    )
  )
    throw await denied(ctx, rc, 'bulletin', id, 'scope');
  const mine = recipients.find((r) => r.org_id === actor.scopeOrgId);
  let readAt: string | null = null;
  if (mine) {
    const now = ctx.now().toISOString();
    await ctx.db.transaction().execute(async (trx) => {
      const fresh = await repo.insertReceipt(trx, {
        bulletin_id: id,
        org_id: mine.org_id,
        user_id: actor.userId,
        user_name: actor.displayName,
        read_at: now,
      });
      if (!fresh) return;
      readAt = now;
      await appendAudit(trx, ctx.ring, {
        at: now,
        result: 'ok',
        actorUserId: actor.userId,
        actorUsername: actor.username,
        requestId: rc.meta.requestId,
        ip: rc.meta.ip,
        objectType: 'bulletin',
        objectId: id,
        scopePath: mine.org_path,
        action: 'bulletin.read',
        detail: { org: mine.org_name },
      });
    });
  }
  const examples = await repo.examplesOf(ctx.db, id);
  const shape = (e: (typeof examples)[number]) => ({
    id: e.id,
    text: e.text,
    orgId: e.org_id,
    orgName: e.org_name,
    visitId: e.visit_id,
  });
  return {
    data: {
      ...present(b),
      content: b.content,
      praised: examples.filter((e) => e.kind === '表扬').map(shape),
      criticised: examples.filter((e) => e.kind === '批评').map(shape),
      recipients: recipients.map((r) => ({ orgId: r.org_id, orgName: r.org_name })),
      receiptRecorded: readAt !== null,
    },
    policies: { receipts: canSeeReceipts(actor, b) },
  };
}

/** Read and unread per receiving organisation, for the publisher's side. */
export async function bulletinReceipts(ctx: AppContext, rc: RequestContext, id: number) {
  const actor = requireActor(rc);
  const b = await repo.findBulletin(ctx.db, id);
  if (!b) throw notFound('通报');
  if (!canSeeReceipts(actor, b)) throw await denied(ctx, rc, 'bulletin', id, 'scope');
  const [recipients, receipts] = await Promise.all([
    repo.recipientsOf(ctx.db, [id]),
    repo.receiptsOf(ctx.db, [id]),
  ]);
  const day = today(ctx);
  const unreadDays = ruleValue<number>(ctx.config.rulebook, 'inspection.bulletin.unreadDays', day);
  const rows = readStates(
    recipients.map((r) => ({ orgId: r.org_id, orgName: r.org_name })),
    receipts.map((x) => ({ orgId: x.org_id, userName: x.user_name, readAt: x.read_at })),
    b.issued_on,
    unreadDays,
    day,
  );
  return {
    data: {
      bulletinId: id,
      unreadDays,
      read: rows.filter((r) => r.read).length,
      unread: rows.filter((r) => !r.read).length,
      rows,
    },
  };
}
