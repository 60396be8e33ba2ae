// 谈心谈话 yearly pairwise coverage of a branch: which pairs of people must have talked at
// least once in the year (the rule is rulebook data: `orgLife.talks.pairs`), and which of
// them did. A talk covers its pair whoever spoke first. Pure.

export interface TalkPairRule {
  /** Every committee member with each other committee member. */
  committeeEachOther: boolean;
  /** Committee members with the members: each of them ('all'), the 书记 only ('secretary'), or not at all. */
  committeeWithMembers: 'all' | 'secretary' | 'none';
}

export interface TalkPerson {
  personId: number;
  name: string;
}

export interface CommitteeSeat extends TalkPerson {
  post: string;
}

export interface TalkPair {
  a: TalkPerson;
  b: TalkPerson;
}

export interface TalkPairCoverage {
  required: number;
  covered: number;
  missing: TalkPair[];
}

export const SECRETARY_POST = '书记';

const key = (x: number, y: number) => (x < y ? `${x}-${y}` : `${y}-${x}`);

/** The pairs the rule asks for, each once, the lower person id first; nobody is paired with themselves. */
export function requiredTalkPairs(
  rule: TalkPairRule,
  committee: readonly CommitteeSeat[],
  members: readonly TalkPerson[],
): TalkPair[] {
  const seats = new Map<number, CommitteeSeat>();
  for (const c of committee)
    if (!seats.has(c.personId) || c.post === SECRETARY_POST) seats.set(c.personId, c);
  const out = new Map<string, TalkPair>();
  const add = (p: TalkPerson, q: TalkPerson) => {
    if (p.personId === q.personId) return;
    const k = key(p.personId, q.personId);
    if (out.has(k)) return;
    const [a, b] = p.personId < q.personId ? [p, q] : [q, p];
    out.set(k, { a: { personId: a.personId, name: a.name }, b: { personId: b.personId, name: b.name } });
  };
  const list = [...seats.values()].sort((x, y) => x.personId - y.personId);
  if (rule.committeeEachOther)
    for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) add(list[i]!, list[j]!);
  const talkers =
    rule.committeeWithMembers === 'all'
      ? list
      : rule.committeeWithMembers === 'secretary'
        ? list.filter((c) => c.post === SECRETARY_POST)
        : [];
  const people = [...new Map(members.map((m) => [m.personId, m])).values()].sort(
    (x, y) => x.personId - y.personId,
  );
  for (const t of talkers) for (const m of people) add(t, m);
  return [...out.values()].sort((x, y) => x.a.personId - y.a.personId || x.b.personId - y.b.personId);
}

/** Required pairs against the year's talks: how many are covered, and the missing ones. */
export function talkPairCoverage(
  rule: TalkPairRule,
  committee: readonly CommitteeSeat[],
  members: readonly TalkPerson[],
  talks: readonly { talker: number; talkee: number }[],
): TalkPairCoverage {
  const held = new Set(talks.map((t) => key(t.talker, t.talkee)));
  const required = requiredTalkPairs(rule, committee, members);
  const missing = required.filter((p) => !held.has(key(p.a.personId, p.b.personId)));
  return { required: required.length, covered: required.length - missing.length, missing };
}
