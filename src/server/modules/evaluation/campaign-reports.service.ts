// 述职评议考核 services: linked view and the CLI report.
import { chinaDate } from '../../../core/shared/dates.ts';
import { SECRETARY_SCHEME } from '../../../core/voting/voting.rules.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import { SUBJECT_SOURCE, loadCampaign, presentCampaign, presentSubject } from './campaign-common.service.ts';
import { canManageIn } from './evaluation.policy.ts';
import * as repo from './evaluation.repository.ts';
import { summariseRectifications } from './rectification/rectification.service.ts';
import { tallyBoxes } from './voting/voting.service.ts';

/** 三级联述联评联考: every campaign of the year in the subtree, with grades and rectification progress. */
export async function linkedView(ctx: AppContext, rc: RequestContext, id: number) {
  const c = await loadCampaign(ctx, rc, id, (a, x) => canManageIn(a, x.org_path));
  const today = chinaDate(ctx.now());
  const campaigns = await repo.campaignsInSubtree(ctx.db, c.org_path, c.year);
  const subjects = await repo.subjectsOf(
    ctx.db,
    campaigns.map((x) => x.id),
  );
  const rect = await summariseRectifications(ctx.db, c.org_path, today, {
    type: SUBJECT_SOURCE,
    ids: subjects.map((s) => s.id),
  });
  const boxes = await tallyBoxes(
    ctx.db,
    campaigns.map((x) => x.box_id).filter((x): x is number => x !== null),
    ctx.config.rulebook,
    today,
  );
  const perCampaign = await Promise.all(
    campaigns.map(async (x) => {
      const mine = subjects.filter((s) => s.campaign_id === x.id);
      const grades: Record<string, number> = Object.fromEntries(SECRETARY_SCHEME.map((g) => [g, 0]));
      for (const s of mine) if (s.grade) grades[s.grade] = (grades[s.grade] ?? 0) + 1;
      return {
        ...presentCampaign(x, x.box_id ? boxes.get(x.box_id)?.box.status : undefined),
        subjects: mine.length,
        grades,
        rectifications: await summariseRectifications(ctx.db, x.org_path, today, {
          type: SUBJECT_SOURCE,
          ids: mine.map((s) => s.id),
        }),
      };
    }),
  );
  return { data: { root: c.id, year: c.year, campaigns: perCampaign, rectifications: rect } };
}

/** The CLI report: `latest` = the most recently published campaign at the highest level (else the latest one). */
export async function campaignReport(ctx: AppContext, ref: number | 'latest') {
  const id =
    ref === 'latest'
      ? ((await repo.latestCampaignId(ctx.db, true)) ?? (await repo.latestCampaignId(ctx.db, false)))
      : ref;
  const c = id === undefined ? undefined : await repo.findCampaign(ctx.db, id);
  if (!c) return null;
  const today = chinaDate(ctx.now());
  const subjects = await repo.subjectsOf(ctx.db, [c.id]);
  const boxes = await tallyBoxes(ctx.db, c.box_id ? [c.box_id] : [], ctx.config.rulebook, today);
  const t = c.box_id ? boxes.get(c.box_id) : undefined;
  const rect = await summariseRectifications(ctx.db, c.org_path, today, {
    type: SUBJECT_SOURCE,
    ids: subjects.map((s) => s.id),
  });
  const campaign = presentCampaign(c, t?.box.status);
  return {
    campaign: {
      id: campaign.id,
      title: campaign.title,
      year: campaign.year,
      orgCode: campaign.orgCode,
      orgName: campaign.orgName,
      status: campaign.status,
      publishedAt: campaign.publishedAt,
      turnoutPercent: t?.turnoutPercent ?? null,
      quorumMet: t?.quorumMet ?? null,
    },
    people: subjects.map((s) => {
      const p = presentSubject(
        s,
        t?.subjects.find((x) => x.key === String(s.id)),
      );
      const tally = {
        好: p.tally['好'] ?? 0,
        较好: p.tally['较好'] ?? 0,
        一般: p.tally['一般'] ?? 0,
        差: p.tally['差'] ?? 0,
      };
      return { name: p.name, orgCode: p.orgCode, tally, score: p.score, grade: p.grade };
    }),
    rectifications: rect.total,
  };
}
