// 领导点评 calendar for a subtree: due and overdue reviews per reviewer, by month.
import { reviewCalendar } from '../../../core/commitments/review-calendar.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { chinaDate } from '../../../core/shared/dates.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import { denied } from '../../authz.ts';
import { notFound } from '../../http/errors.ts';
import { inScope } from '../../http/policy.ts';
import { findOrgById } from '../orgs/orgs.repository.ts';
import { pathAndAncestors } from './commendations.service.ts';
import * as repo from './commitments.repository.ts';
import { activeLinksCovering } from './liaisons.repository.ts';

export async function calendarFor(ctx: AppContext, rc: RequestContext, orgId: number | undefined) {
  const actor = rc.actor!;
  let path = actor.scopePath;
  if (orgId !== undefined) {
    const org = await findOrgById(ctx.db, orgId);
    if (!org) throw notFound('组织');
    if (!inScope(actor, org.path)) throw await denied(ctx, rc, 'org', orgId, 'scope');
    path = org.path;
  }
  const day = chinaDate(ctx.now());
  const months = ruleValue<number>(ctx.config.rulebook, 'commitments.review.maxMonths', day);
  const active = await repo.listActive(ctx.db, path);
  const memberOrgs = [...new Set(active.filter((a) => a.committer_kind === 'member').map((a) => a.org_id))];
  const [secs, links] = await Promise.all([
    repo.secretariesOf(ctx.db, memberOrgs, day),
    activeLinksCovering(ctx.db, path, pathAndAncestors(path), day),
  ]);
  const secretaries = new Map<number, { personId: number; name: string }>();
  for (const s of secs)
    if (!secretaries.has(s.orgId)) secretaries.set(s.orgId, { personId: s.personId, name: s.name });
  const rows = reviewCalendar(
    active.map((a) => ({
      id: a.id,
      orgId: a.org_id,
      orgPath: a.org_path,
      orgName: a.org_name,
      committerKind: a.committer_kind,
      committerName: a.committer_name,
      title: a.title,
      publishedOn: a.published_on,
      lastReviewOn: a.last_review_on,
    })),
    secretaries,
    links.map((l) => ({ personId: l.person_id, name: l.person_name, orgPath: l.org_path })),
    months,
    day,
  );
  return { data: { today: day, cadenceMonths: months, reviewers: rows } };
}
