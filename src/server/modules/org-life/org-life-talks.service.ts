// Org-life services: 谈心谈话 (heart-to-heart talks).
import type { TalkInput } from '../../../core/org-life/org-life.schemas.ts';
import { parsePeriod } from '../../../core/org-life/periods.ts';
import { talkPairCoverage, type TalkPairRule } from '../../../core/org-life/talk-coverage.ts';
import { isBranchKind } from '../../../core/org/org.types.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { addDays } from '../../../core/shared/dates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import { badRequest } from '../../http/errors.ts';
import { membersOn } from '../membership/membership.repository.ts';
import { audit, requireOrg, today } from './org-life-common.service.ts';
import { talkPairsUnder } from './org-life.compliance.ts';
import { canReport, canWriteLife } from './org-life.policy.ts';
import * as repo from './org-life.repository.ts';

export async function createTalk(ctx: AppContext, rc: RequestContext, input: TalkInput) {
  const actor = rc.actor!;
  const org = await requireOrg(ctx, rc, input.orgId, (p) => canWriteLife(actor, p));
  if (!isBranchKind(org.kind)) throw badRequest('TYPE_NOT_FOR_ORG', '谈心谈话记录在党支部登记', 'orgId');
  if (input.heldOn > today(ctx)) throw badRequest('DATE_IN_FUTURE', '谈话日期不能晚于今天', 'heldOn');
  if (input.talkerPersonId === input.talkeePersonId)
    throw badRequest('SAME_PERSON', '谈话人和谈话对象不能是同一人', 'talkeePersonId');
  const members = new Set((await membersOn(ctx.db, org.id, input.heldOn)).map((m) => m.personId));
  if (!members.has(input.talkeePersonId))
    throw badRequest('NOT_MEMBER', '谈话对象在谈话日期不是本支部党员', 'talkeePersonId');
  if (!members.has(input.talkerPersonId))
    throw badRequest('NOT_MEMBER', '谈话人在谈话日期不是本支部党员', 'talkerPersonId');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.insertTalk(trx, {
      org_id: org.id,
      org_path: org.path,
      talker_person_id: input.talkerPersonId,
      talkee_person_id: input.talkeePersonId,
      held_on: input.heldOn,
      topic: input.topic,
      follow_up: input.followUp ?? null,
      created_by: actor.userId,
      created_at: ctx.now().toISOString(),
    });
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc, 'life_talk'),
      action: 'life.talk.create',
      objectId: row.id,
      scopePath: org.path,
      detail: {
        after: {
          heldOn: row.held_on,
          topic: row.topic,
          talker: row.talker_person_id,
          talkee: row.talkee_person_id,
        },
      },
    });
    return { data: { id: row.id, heldOn: row.held_on, topic: row.topic } };
  });
}

export async function listTalks(ctx: AppContext, rc: RequestContext, orgId: number, year: number) {
  const actor = rc.actor!;
  const org = await requireOrg(ctx, rc, orgId, (p) => canWriteLife(actor, p));
  const p = parsePeriod(String(year))!;
  const on = today(ctx) < p.to ? today(ctx) : addDays(p.to, -1);
  const [rows, members, seats] = await Promise.all([
    repo.talksOf(ctx.db, org.id, p.from, p.to),
    membersOn(ctx.db, org.id, on),
    repo.committeeSeatsOn(ctx.db, org.id, on),
  ]);
  const covered = new Set(rows.map((r) => r.talkee_person_id));
  const rule = ruleValue<TalkPairRule>(ctx.config.rulebook, 'orgLife.talks.pairs', p.from);
  const pairs = talkPairCoverage(
    rule,
    seats,
    members.map((m) => ({ personId: m.personId, name: m.name })),
    rows.map((r) => ({ talker: r.talker_person_id, talkee: r.talkee_person_id })),
  );
  return {
    data: {
      talks: rows.map((r) => ({
        id: r.id,
        heldOn: r.held_on,
        topic: r.topic,
        followUp: r.follow_up,
        talker: r.talker,
        talkee: r.talkee,
      })),
      coverage: {
        members: members.length,
        covered: members.filter((m) => covered.has(m.personId)).length,
        missing: members
          .filter((m) => !covered.has(m.personId))
          .map((m) => ({ personId: m.personId, name: m.name })),
      },
      pairs: { rule, required: pairs.required, covered: pairs.covered, missing: pairs.missing },
      people: members.map((m) => ({ personId: m.personId, name: m.name })),
    },
    policies: { create: canWriteLife(actor, org.path) },
  };
}

/** 谈心谈话 pairwise coverage of every branch under an organisation for a year. */
export async function talkCoverage(ctx: AppContext, rc: RequestContext, orgId: number, year: number) {
  const actor = rc.actor!;
  const org = await requireOrg(ctx, rc, orgId, (p) => canReport(actor, p));
  return {
    data: {
      org: { id: org.id, code: org.code, name: org.name },
      year,
      rows: await talkPairsUnder(ctx, org, year, today(ctx)),
    },
  };
}
