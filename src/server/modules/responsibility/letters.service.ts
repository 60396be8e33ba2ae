// 责任书: a level issues one to each organisation below it (or chosen ones in its subtree); the
// receiving organisation's own staff sign for it (签收). Unsigned after the rulebook's days → alert.
import {
  decideLetterRecipients,
  letterAckDue,
  letterState,
  LETTER_STATE_LABELS,
} from '../../../core/responsibility/responsibility.rules.ts';
import type { IssueLetterInput } from '../../../core/responsibility/responsibility.schemas.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import { denied, requireActor } from '../../authz.ts';
import type { Actor, AppContext, RequestContext } from '../../context.ts';
import { badRequest, conflict, fromDecision, notFound } from '../../http/errors.ts';
import { hasAnyRole, inScope } from '../../http/policy.ts';
import { refreshAlertsIn } from '../alerts/alerts.service.ts';
import { usersScopedAt } from '../notifications/notifications.repository.ts';
import { notify } from '../notifications/notifications.service.ts';
import { findOrgById, findOrgsByIds } from '../orgs/orgs.repository.ts';
import { ackDays, entryBase, LETTERS_SOURCE, scopeOrg, today } from './responsibility.common.ts';
import { LETTER_ISSUERS, RESP_WRITERS } from './responsibility.policy.ts';
import * as repo from './responsibility.repository.ts';

/** Only the receiving organisation's own staff sign; the issuer and ancestors watch. */
const canAcknowledge = (a: Actor, l: repo.LetterRow) =>
  hasAnyRole(a, RESP_WRITERS) && a.scopePath === l.org_path && l.acknowledged_on === null;

function presentLetter(l: repo.LetterRow, days: number, day: string, actor: Actor) {
  const state = letterState({ issuedOn: l.issued_on, acknowledgedOn: l.acknowledged_on }, days, day);
  return {
    id: l.id,
    year: l.year,
    title: l.title,
    content: l.content,
    issuerOrgId: l.issuer_org_id,
    issuerOrgName: l.issuer_org_name,
    orgId: l.org_id,
    orgName: l.org_name,
    issuedOn: l.issued_on,
    ackDue: letterAckDue(l.issued_on, days),
    state,
    stateLabel: LETTER_STATE_LABELS[state],
    acknowledgedOn: l.acknowledged_on,
    acknowledgedName: l.acknowledged_name,
    canAcknowledge: canAcknowledge(actor, l),
  };
}

/** An organisation's 责任书 of a year: those it issued (with 签收 counts) and those it received. */
export async function listLetters(
  ctx: AppContext,
  rc: RequestContext,
  orgId: number | undefined,
  year: number,
) {
  const actor = requireActor(rc);
  const org = await scopeOrg(ctx, rc, orgId);
  const day = today(ctx);
  const days = ackDays(ctx, day);
  const rows = await repo.lettersUnder(ctx.db, org.path, year);
  const issued = rows
    .filter((l) => l.issuer_org_id === org.id)
    .map((l) => presentLetter(l, days, day, actor));
  // Received: addressed to the organisation itself (the issuer sits above it, outside this scan).
  const received = rows.filter((l) => l.org_id === org.id).map((l) => presentLetter(l, days, day, actor));
  return {
    data: {
      org: { id: org.id, name: org.name },
      year,
      ackDays: days,
      issued,
      received,
      counts: {
        issued: issued.length,
        acknowledged: issued.filter((l) => l.state === 'acknowledged').length,
        pending: issued.filter((l) => l.state === 'pending').length,
        overdue: issued.filter((l) => l.state === 'overdue').length,
      },
    },
  };
}

export async function issueLetters(ctx: AppContext, rc: RequestContext, input: IssueLetterInput) {
  const actor = requireActor(rc);
  const issuer = await findOrgById(ctx.db, input.issuerOrgId ?? actor.scopeOrgId);
  if (!issuer) throw badRequest('ORG_NOT_FOUND', '下达单位不存在', 'issuerOrgId');
  if (!hasAnyRole(actor, LETTER_ISSUERS) || !inScope(actor, issuer.path))
    throw await denied(ctx, rc, 'org', issuer.id, 'scope');
  let recipients: Array<{ id: number; name: string; path: string }>;
  if (input.orgIds === undefined) recipients = await repo.directChildren(ctx.db, issuer.id);
  else {
    const found = await findOrgsByIds(ctx.db, input.orgIds);
    if (found.length !== new Set(input.orgIds).size)
      throw badRequest('ORG_NOT_FOUND', '接收单位不存在', 'orgIds');
    recipients = input.orgIds.map((id) => found.find((o) => o.id === id)!);
  }
  const d = decideLetterRecipients(issuer.path, recipients);
  if (!d.ok) throw fromDecision(d);
  const day = today(ctx);
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const rows = await repo.insertLetters(
      trx,
      recipients.map((r) => ({
        year: input.year,
        title: input.title,
        content: input.content,
        issuer_org_id: issuer.id,
        issuer_org_path: issuer.path,
        issuer_org_name: issuer.name,
        org_id: r.id,
        org_path: r.path,
        org_name: r.name,
        issued_on: day,
        acknowledged_on: null,
        acknowledged_by: null,
        acknowledged_name: null,
        created_by: actor.userId,
        created_at: now,
      })),
    );
    await appendAudit(trx, ctx.ring, {
      ...entryBase(ctx, rc, 'resp.letter'),
      action: 'resp.letter.issue',
      objectId: rows.map((r) => r.id).join(','),
      scopePath: issuer.path,
      detail: { year: input.year, title: input.title, orgs: recipients.map((r) => r.name) },
    });
    await refreshAlertsIn(ctx, trx, [LETTERS_SOURCE], issuer.path);
    // The receiving organisations' own staff are the ones who sign.
    const staff = await usersScopedAt(
      trx,
      recipients.map((r) => r.id),
      RESP_WRITERS,
    );
    for (const l of rows)
      await notify(ctx, trx, {
        kind: 'resp.letter',
        title: `请签收责任书：${l.title}`,
        body: `${issuer.name}向${l.org_name}下达了《${l.title}》，请在${ackDays(ctx, day)}日内签收。`,
        link: `/orgs/${l.org_id}/responsibility?tab=letters&year=${l.year}`,
        dedupeKey: `resp.letter:${l.id}`,
        recipients: staff.filter((u) => u.scope_org_id === l.org_id).map((u) => u.id),
        orgPath: l.org_path,
      });
    const days = ackDays(ctx, day);
    return { data: rows.map((r) => presentLetter(r, days, day, actor)) };
  });
}

export async function acknowledgeLetter(ctx: AppContext, rc: RequestContext, id: number) {
  const actor = requireActor(rc);
  const letter = await repo.findLetter(ctx.db, id);
  if (!letter) throw notFound('责任书');
  if (!inScope(actor, letter.org_path)) throw await denied(ctx, rc, 'resp.letter', id, 'scope');
  if (letter.acknowledged_on !== null) throw conflict('ALREADY_ACKNOWLEDGED', '该责任书已签收');
  if (!canAcknowledge(actor, letter)) throw await denied(ctx, rc, 'resp.letter', id, 'scope');
  const day = today(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.acknowledgeLetter(trx, id, day, { userId: actor.userId, name: actor.displayName });
    await appendAudit(trx, ctx.ring, {
      ...entryBase(ctx, rc, 'resp.letter'),
      action: 'resp.letter.acknowledge',
      objectId: id,
      scopePath: letter.org_path,
      detail: { title: letter.title, issuer: letter.issuer_org_name, on: day },
    });
    await refreshAlertsIn(ctx, trx, [LETTERS_SOURCE], letter.org_path);
    return { data: presentLetter(row, ackDays(ctx, day), day, actor) };
  });
}
