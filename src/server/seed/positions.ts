// Posts held by a branch's members: the leaders of the 党委/党工委/党总支 the branch supplies,
// the branch's own 书记 or committee (3–5 for branches with ≥7 full members), some
// previous-term secretaries, and the planned vacancies.
import { addDays, addYears } from './days.ts';
import type { GenPerson, GenPosition } from './people.ts';
import type { Plan, PlanOrg } from './plan.ts';
import type { Rng } from './prng.ts';
import { maxCadreAge } from './profiles.ts';

export interface Holder {
  person: GenPerson;
  /** Start of the member's current membership row here. */
  since: string;
  age: number;
}

export const POSTS = ['书记', '副书记', '组织委员', '宣传委员', '纪检委员', '委员'] as const;

const COMMITTEES: Record<number, readonly string[]> = {
  1: ['书记'],
  3: ['书记', '组织委员', '宣传委员'],
  4: ['书记', '组织委员', '宣传委员', '纪检委员'],
  5: ['书记', '副书记', '组织委员', '宣传委员', '纪检委员'],
};

function ledPosts(led: PlanOrg): { posts: readonly string[]; termDays: number; basis: (year: number) => string } {
  if (led.parentId === null || led.role === 'county') {
    return { posts: ['书记', '副书记', '副书记', '委员', '委员', '委员', '委员'], termDays: 1800, basis: (y) => `${y}年党代表大会选举` };
  }
  if (led.kind === '党委') {
    return { posts: ['书记', '副书记', '组织委员', '宣传委员', '纪检委员', '委员'], termDays: 1800, basis: (y) => `${y}年党代表大会选举` };
  }
  if (led.kind === '党工委') {
    return { posts: ['书记', '副书记', '组织委员', '宣传委员', '纪检委员', '委员'], termDays: 1800, basis: () => '上级党委任命' };
  }
  return { posts: ['书记', '组织委员', '宣传委员', '纪检委员'], termDays: 1080, basis: (y) => `${y}年党员大会选举` };
}

interface Ids {
  plan: Plan;
  nextPositionId(): number;
}

export function assignPositions(ids: Ids, org: PlanOrg, holders: readonly Holder[], rng: Rng): { positions: GenPosition[]; plainMemberId: number | null } {
  const today = ids.plan.today;
  const out: GenPosition[] = [];
  const used = new Set<number>();
  const maxAge = maxCadreAge(org.profile!);
  const full = holders.filter((h) => h.person.category === '正式党员');
  const suitable = full.filter((h) => h.age >= 25 && h.age <= maxAge);
  const pool = [...rng.shuffle(suitable), ...rng.shuffle(full.filter((h) => !suitable.includes(h)))];
  const take = (filter?: (h: Holder) => boolean): Holder | undefined => {
    for (const h of pool) {
      if (!used.has(h.person.id) && (!filter || filter(h))) {
        used.add(h.person.id);
        return h;
      }
    }
    return undefined;
  };
  const add = (h: Holder, orgId: number, post: string, elected: string, validTo: string | null, basis: string) => {
    const late = h.since > elected;
    const from = late ? h.since : elected;
    if (validTo !== null && from >= validTo) return;
    out.push({
      id: ids.nextPositionId(), personId: h.person.id, orgId, post, validFrom: from, validTo,
      basis: late ? '补选' : basis,
    });
  };

  // Leaders of the organisations this branch supplies come first: the most senior people.
  for (const ledId of org.leads) {
    const led = ids.plan.orgs[ledId - 1]!;
    const { posts, termDays, basis } = ledPosts(led);
    const elected = addDays(today, -rng.int(120, termDays));
    for (const post of posts) {
      const h = take();
      if (!h) break;
      add(h, led.id, post, elected, null, basis(Number(elected.slice(0, 4))));
    }
  }

  // The branch's own committee (or a lone secretary in a small branch).
  const vacancy = ids.plan.vacancies.get(org.id);
  const n = full.length;
  const size = n < 7 ? 1 : n >= 25 ? 5 : n >= 12 ? rng.int(3, 5) : 3;
  const elected = addDays(today, -rng.int(60, 3 * 365 + 90));
  const year = Number(elected.slice(0, 4));
  const basis = size === 1 ? `${year}年支部党员大会选举` : `${year}年支部委员会换届选举`;
  for (const post of COMMITTEES[size]!) {
    if (post === '书记' && vacancy === 'none') continue;
    const h = take();
    if (!h) break;
    if (post === '书记' && vacancy === 'ended') {
      // The secretary left months ago and no successor has been elected yet.
      const ended = addDays(today, -rng.int(45, 270));
      const start = elected < addDays(ended, -90) ? elected : addDays(ended, -rng.int(400, 1000));
      add(h, org.id, post, start, ended, `${start.slice(0, 4)}年支部委员会换届选举`);
      continue;
    }
    add(h, org.id, post, elected, null, basis);
  }

  // The previous term's secretary, for some branches.
  if (vacancy === undefined && rng.chance(0.25)) {
    const from = addYears(elected, -3);
    const h = take((x) => x.since <= from);
    if (h) add(h, org.id, '书记', from, elected, `${from.slice(0, 4)}年支部委员会换届选举`);
  }

  const plain = full.find((h) => !used.has(h.person.id));
  return { positions: out, plainMemberId: plain ? plain.person.id : null };
}
