// Global search (issue 17, navigation): organisations by name or code, members by name, meetings by
// title, only inside the caller's subtree; each result names its page.
import { chinaDate } from '../../../core/shared/dates.ts';
import { requireActor } from '../../authz.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import * as repo from './search.repository.ts';

export type SearchResultType = 'org' | 'member' | 'meeting';

export interface SearchResult {
  type: SearchResultType;
  id: number;
  label: string;
  /** What the result is, in Chinese: kind and code, the member's organisation, the meeting's date. */
  description: string;
  /** The web page that shows it. */
  link: string;
}

/** Up to `limit` results of each type, organisations first, then members, then meetings. */
export async function search(
  ctx: AppContext,
  rc: RequestContext,
  input: { q: string; limit: number },
): Promise<{ data: SearchResult[] }> {
  const actor = requireActor(rc);
  const q = input.q.trim();
  const on = chinaDate(ctx.now());
  const [orgs, members, meetings] = await Promise.all([
    repo.findOrgs(ctx.db, actor.scopePath, q, input.limit),
    repo.findMembers(ctx.db, actor.scopePath, q, on, input.limit),
    repo.findMeetings(ctx.db, actor.scopePath, q, input.limit),
  ]);
  const data: SearchResult[] = [
    ...orgs.map((o) => ({
      type: 'org' as const,
      id: o.id,
      label: o.name,
      description: `${o.kind} · 编码 ${o.code}${o.status === 'dissolved' ? ' · 已撤销' : ''}`,
      link: `/orgs/${o.id}`,
    })),
    ...members.map((m) => ({
      type: 'member' as const,
      id: m.personId,
      label: m.name,
      description: `${m.category} · ${m.orgName}`,
      // The roster of the member's organisation, filtered to the name.
      link: `/orgs/${m.orgId}/roster?q=${encodeURIComponent(m.name)}&match=prefix`,
    })),
    ...meetings.map((m) => ({
      type: 'meeting' as const,
      id: m.id,
      label: m.title,
      description: `${m.type} · ${m.held_on} · ${m.orgName}`,
      link: `/org-life/meetings/${m.id}`,
    })),
  ];
  return { data };
}
