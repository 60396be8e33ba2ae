// 领导点评 calendar: which reviewer owes which review, by month. Pure: today and the facts are arguments.
import { reviewDueOn, reviewState } from './commitments.rules.ts';

export interface CalendarCommitment {
  id: number;
  orgId: number;
  orgPath: string;
  orgName: string;
  committerKind: string;
  committerName: string;
  title: string;
  publishedOn: string | null;
  lastReviewOn: string | null;
}

export interface CalendarReviewer {
  personId: number;
  name: string;
  role: '联系点' | '支部书记';
}

export interface CalendarEntry {
  id: number;
  title: string;
  orgName: string;
  committerName: string;
  dueOn: string;
  /** YYYY-MM of the due day; overdue items keep their own month. */
  month: string;
  state: 'ok' | 'due' | 'overdue';
}

export interface ReviewerCalendar {
  key: string;
  reviewer: CalendarReviewer | null;
  /** Who reviews when nobody is mapped: a leader of the committee above (书记/副书记). */
  fallback: string | null;
  overdue: number;
  due: number;
  entries: CalendarEntry[];
}

/**
 * Groups active commitments by reviewer: a member's by the branch 书记, an organisation's by the
 * leaders linked to it (联系点: the organisation or an ancestor); with nobody mapped, by the
 * committee's 书记/副书记 (one "unassigned" row, so nothing is silently dropped).
 */
export function reviewCalendar(
  items: readonly CalendarCommitment[],
  secretaries: ReadonlyMap<number, { personId: number; name: string }>,
  links: ReadonlyArray<{ personId: number; name: string; orgPath: string }>,
  maxMonths: number,
  today: string,
): ReviewerCalendar[] {
  const rows = new Map<string, ReviewerCalendar>();
  const add = (key: string, reviewer: CalendarReviewer | null, fallback: string | null, e: CalendarEntry) => {
    const row = rows.get(key) ?? { key, reviewer, fallback, overdue: 0, due: 0, entries: [] };
    row.entries.push(e);
    if (e.state === 'overdue') row.overdue++;
    if (e.state === 'due') row.due++;
    rows.set(key, row);
  };
  for (const c of items) {
    const basis = c.lastReviewOn ?? c.publishedOn ?? today;
    const dueOn = reviewDueOn(basis, maxMonths);
    const entry: CalendarEntry = {
      id: c.id,
      title: c.title,
      orgName: c.orgName,
      committerName: c.committerName,
      dueOn,
      month: dueOn.slice(0, 7),
      state: reviewState(basis, maxMonths, today),
    };
    if (c.committerKind === 'member') {
      const s = secretaries.get(c.orgId);
      if (s) add(`p${s.personId}`, { ...s, role: '支部书记' }, null, entry);
      else add('none:member', null, '本支部书记（未配备）', entry);
      continue;
    }
    const linked = links.filter((l) => c.orgPath.startsWith(l.orgPath));
    const seen = new Set<number>();
    for (const l of linked) {
      if (seen.has(l.personId)) continue;
      seen.add(l.personId);
      add(`p${l.personId}`, { personId: l.personId, name: l.name, role: '联系点' }, null, entry);
    }
    if (linked.length === 0) add('none:org', null, '上级党委书记、副书记（未设联系点）', entry);
  }
  const out = [...rows.values()];
  for (const r of out)
    r.entries.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.id - b.id));
  return out.sort(
    (a, b) => b.overdue - a.overdue || (a.reviewer?.name ?? '~').localeCompare(b.reviewer?.name ?? '~'),
  );
}
