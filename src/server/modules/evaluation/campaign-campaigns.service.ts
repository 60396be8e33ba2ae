// 述职评议考核 services: campaigns (list, read, create).
import { validateWeights } from '../../../core/evaluation/evaluation.rules.ts';
import type { CreateCampaignInput } from '../../../core/evaluation/evaluation.schemas.ts';
import { pathIds } from '../../../core/org/org.rules.ts';
import { chinaDate } from '../../../core/shared/dates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import { denied } from '../../authz.ts';
import type { Actor, AppContext, RequestContext } from '../../context.ts';
import { badRequest, conflict, fromDecision, notFound } from '../../http/errors.ts';
import { findOrgById } from '../orgs/orgs.repository.ts';
import {
  SUBJECT_SOURCE,
  audit,
  loadCampaign,
  presentCampaign,
  presentSubject,
  rules,
  stageOf,
} from './campaign-common.service.ts';
import { canLeadIn, canManageIn, canReadCampaign } from './evaluation.policy.ts';
import * as repo from './evaluation.repository.ts';
import { summariseRectifications } from './rectification/rectification.service.ts';
import { tallyBoxes } from './voting/voting.service.ts';

export async function listCampaigns(ctx: AppContext, actor: Actor, year: number | undefined) {
  const rows = await repo.listCampaigns(ctx.db, actor.scopePath, year);
  const boxes = await tallyBoxes(
    ctx.db,
    rows.map((r) => r.box_id).filter((x): x is number => x !== null),
    ctx.config.rulebook,
    chinaDate(ctx.now()),
  );
  return {
    data: rows.map((r) => presentCampaign(r, r.box_id ? boxes.get(r.box_id)?.box.status : undefined)),
  };
}

export async function getCampaign(ctx: AppContext, rc: RequestContext, id: number) {
  const c = await loadCampaign(ctx, rc, id, canReadCampaign);
  const today = chinaDate(ctx.now());
  const [subjects, boxes, interviews] = await Promise.all([
    repo.subjectsOf(ctx.db, [c.id]),
    tallyBoxes(ctx.db, c.box_id ? [c.box_id] : [], ctx.config.rulebook, today),
    repo.interviewsOf(ctx.db, [c.id]),
  ]);
  const t = c.box_id ? boxes.get(c.box_id) : undefined;
  const rect = await summariseRectifications(ctx.db, c.org_path, today, {
    type: SUBJECT_SOURCE,
    ids: subjects.map((s) => s.id),
  });
  const actor = rc.actor!;
  const stage = stageOf(c, t?.box.status);
  const lead = canLeadIn(actor, c.org_path);
  return {
    data: {
      ...presentCampaign(c, t?.box.status),
      subjects: subjects.map((s) =>
        presentSubject(
          s,
          t?.subjects.find((x) => x.key === String(s.id)),
        ),
      ),
      voting: t
        ? {
            boxId: t.box.id,
            status: t.box.status,
            expected: t.expected,
            cast: t.cast,
            turnoutPercent: t.turnoutPercent,
            quorumMet: t.quorumMet,
            issuedTokens: t.box.issuedTokens,
          }
        : null,
      interviews: interviews.map((i) => ({
        id: i.id,
        subjectId: i.subject_id,
        personId: i.person_id,
        reason: i.reason,
        status: i.status,
        heldOn: i.held_on,
        notes: i.notes,
      })),
      rectifications: rect,
    },
    policies: {
      openVoting: lead && stage === 'reporting',
      comment: lead && stage !== 'published',
      publish: lead && stage === 'reviewing',
      submitReport: stage === 'reporting' && canManageIn(actor, c.org_path),
      order: lead && stage === 'reporting',
      paperBallot: t?.box.status === 'open' && canManageIn(actor, c.org_path),
      interview: lead,
    },
  };
}

export async function createCampaign(ctx: AppContext, rc: RequestContext, input: CreateCampaignInput) {
  const actor = rc.actor!;
  const org = await findOrgById(ctx.db, input.orgId);
  if (!org) throw notFound('组织');
  if (!canLeadIn(actor, org.path)) throw await denied(ctx, rc, 'org', org.id, 'scope');
  const today = chinaDate(ctx.now());
  const weights = input.weights ?? rules(ctx, today).weights;
  const w = validateWeights(weights);
  if (!w.ok) throw fromDecision(w);
  return ctx.db.transaction().execute(async (trx) => {
    if (await repo.findCampaignByOrgYear(trx, org.id, input.year))
      throw conflict('CAMPAIGN_EXISTS', `${org.name}${input.year}年度的述职评议活动已经存在`, 'year');
    let parentId: number | null = null;
    if (input.parentCampaignId !== undefined) {
      const parent = await repo.findCampaign(trx, input.parentCampaignId);
      if (
        !parent ||
        parent.year !== input.year ||
        !org.path.startsWith(parent.org_path) ||
        parent.org_path === org.path
      ) {
        throw badRequest(
          'PARENT_CAMPAIGN_INVALID',
          '上级评议活动须为同一年度、由上级组织开展的活动',
          'parentCampaignId',
        );
      }
      parentId = parent.id;
    } else {
      parentId =
        (
          await repo.nearestAncestorCampaign(
            trx,
            pathIds(org.path).filter((x) => x !== org.id),
            input.year,
          )
        )?.id ?? null;
    }
    const all = await repo.childSecretaries(trx, org.id, today);
    const chosen = input.orgIds ? new Set(input.orgIds) : null;
    if (chosen && [...chosen].some((x) => !all.some((c) => c.org_id === x)))
      throw badRequest('ORG_NOT_CHILD', '述职组织须为本组织的直接下级组织', 'orgIds');
    const children = chosen ? all.filter((c) => chosen.has(c.org_id)) : all;
    const withSecretary = children.filter((c) => c.person_id !== null);
    if (withSecretary.length === 0)
      throw badRequest('NO_SECRETARIES', '下级组织没有在任书记，无法开展述职评议', 'orgId');
    const seen = new Set<number>();
    const subjects = withSecretary.filter((c) => !seen.has(c.org_id) && seen.add(c.org_id));
    const { id } = await repo.insertCampaign(trx, {
      org_id: org.id,
      org_path: org.path,
      parent_campaign_id: parentId,
      year: input.year,
      title: input.title,
      meeting_on: input.meetingOn ?? null,
      weights: JSON.stringify(weights),
      created_by: actor.userId,
      created_at: ctx.now().toISOString(),
    });
    await repo.insertSubjects(
      trx,
      subjects.map((s, i) => ({
        campaign_id: id,
        org_id: s.org_id,
        org_path: s.path,
        org_code: s.code,
        org_name: s.org_name,
        person_id: s.person_id!,
        name: s.name!,
        report_order: i + 1,
      })),
    );
    const vacant = children
      .filter((c) => c.person_id === null)
      .map((c) => ({ orgId: c.org_id, orgCode: c.code, orgName: c.org_name }));
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'evaluation.campaign.create',
      objectType: 'eval_campaign',
      objectId: id,
      scopePath: org.path,
      detail: {
        after: {
          title: input.title,
          year: input.year,
          subjects: subjects.length,
          parentCampaignId: parentId,
          weights,
        },
      },
    });
    const row = (await repo.findCampaign(trx, id))!;
    return { data: { ...presentCampaign(row, undefined), subjects: subjects.length, vacantOrgs: vacant } };
  });
}
