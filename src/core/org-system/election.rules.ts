// Election validity and results (选举工作条例 2020): quorum of those present over 应到,
// a candidate elected with votes above half of those present, 差额 for committee seats.
import { ok, refuse, type Decision } from '../shared/result.ts';
import { APPROVED_POSTS, TEAM_POSTS } from './org-system.types.ts';

const EPS = 1e-9;

export interface ElectionRules {
  /** org.election.quorumRatio: present must EXCEED this share of 应到 (超过五分之四). */
  quorumRatio: number;
  /** org.election.minContestRatio: candidates exceed seats by at least this share (20%以上). */
  minContestRatio: number;
  /** orgSystem.election.electedMajority: votes must EXCEED this share of those present. */
  electedMajority: number;
  /** orgSystem.election.contestFromSeats: 差额 applies from this many seats. */
  contestFromSeats: number;
  /** org.branch.committeeSize.hardMax. */
  maxSeats: number;
}

export interface ElectionInput {
  /** 应到会有选举权的党员 */
  expected: number;
  /** 实到 */
  present: number;
  seats: number;
  /** Full members of the organisation on the election day. */
  eligibleVoters: number;
  /**
   * Of those, members under 留党察看 on the day: no 选举权 and no 被选举权 (党章 第四十条), so
   * neither among those entitled to vote nor candidates.
   */
  suspended?: ReadonlyMap<number, string>;
  candidates: readonly { personId: number; votes: number }[];
}

export interface ElectionResult {
  elected: number[];
  /** Seats left empty: nobody else had more than half (另行选举). */
  unfilled: number;
}

/** Quorum: present > ratio × expected (strict: 超过). */
export function hasQuorum(expected: number, present: number, ratio: number): boolean {
  return present - expected * ratio > EPS;
}

/** 差额: candidates − seats ≥ ratio × seats (以上 includes the boundary). */
export function hasEnoughContest(seats: number, candidates: number, ratio: number): boolean {
  return candidates - seats - seats * ratio >= -EPS;
}

/** Elected: votes > majority × present (strict: 超过半数). */
export function isElectedVotes(votes: number, present: number, majority: number): boolean {
  return votes - present * majority > EPS;
}

export function decideElection(input: ElectionInput, rules: ElectionRules): Decision<ElectionResult> {
  const { expected, present, seats, candidates } = input;
  const suspended = input.suspended ?? new Map<number, string>();
  const voters = input.eligibleVoters - suspended.size;
  if (expected < 1) return refuse('ELECTION_EXPECTED', '应到会人数必须大于0', 'expected');
  if (expected > voters) {
    const note = suspended.size ? `（正式党员${input.eligibleVoters}人，其中受留党察看处分没有选举权${suspended.size}人）` : '';
    return refuse('ELECTION_EXPECTED', `应到会人数（${expected}）超过本组织有选举权的正式党员人数（${voters}）${note}`, 'expected');
  }
  const barred = candidates.find((c) => suspended.has(c.personId));
  if (barred) {
    return refuse('ELECTION_CANDIDATE_SUSPENDED', `候选人${suspended.get(barred.personId)}受留党察看处分，没有被选举权`, 'candidates');
  }
  if (present > expected) return refuse('ELECTION_PRESENT', '实到会人数不能超过应到会人数', 'present');
  if (!hasQuorum(expected, present, rules.quorumRatio)) {
    return refuse('ELECTION_NO_QUORUM', `实到会${present}人，未超过应到会${expected}人的五分之四，选举无效`, 'present');
  }
  if (seats < 1 || seats > rules.maxSeats) return refuse('ELECTION_SEATS', `应选人数应为1至${rules.maxSeats}人`, 'seats');
  const ids = new Set(candidates.map((c) => c.personId));
  if (ids.size !== candidates.length) return refuse('ELECTION_DUPLICATE', '候选人重复', 'candidates');
  if (candidates.length < seats) return refuse('ELECTION_CANDIDATES', '候选人数不能少于应选人数', 'candidates');
  if (seats >= rules.contestFromSeats && !hasEnoughContest(seats, candidates.length, rules.minContestRatio)) {
    const need = Math.ceil(seats * (1 + rules.minContestRatio) - EPS);
    return refuse('ELECTION_NO_CONTEST', `差额不足：应选${seats}人，候选人应不少于${need}人（多于应选人数20%以上）`, 'candidates');
  }
  for (const c of candidates) {
    if (!Number.isInteger(c.votes) || c.votes < 0 || c.votes > present) {
      return refuse('ELECTION_VOTES', `候选人得票数应在0至实到会人数（${present}）之间`, 'candidates');
    }
  }
  const above = candidates.filter((c) => isElectedVotes(c.votes, present, rules.electedMajority)).sort((a, b) => b.votes - a.votes);
  if (above.length > seats && above[seats - 1]!.votes === above[seats]!.votes) {
    return refuse('ELECTION_TIE', `第${seats}名与第${seats + 1}名得票相同，应就得票相同的候选人再次投票`, 'candidates');
  }
  const elected = above.slice(0, seats).map((c) => c.personId);
  return ok({ elected, unfilled: seats - elected.length });
}

export interface PostAssignment {
  personId: number;
  post: string;
}

/**
 * The division of posts after the election: every post holder was elected, exactly one 书记,
 * at most one post per person, the 书记 a full member of the organisation on the day.
 */
export function decidePosts(posts: readonly PostAssignment[], elected: readonly number[], fullMembers: ReadonlySet<number>): Decision<void> {
  const seen = new Set<number>();
  for (const p of posts) {
    if (!(TEAM_POSTS as readonly string[]).includes(p.post)) return refuse('POST_UNKNOWN', `职务“${p.post}”不正确`, 'posts');
    if (!elected.includes(p.personId)) return refuse('POST_NOT_ELECTED', '只有当选的委员才能分工任职', 'posts');
    if (seen.has(p.personId)) return refuse('POST_DUPLICATE', '同一人只能担任一个职务', 'posts');
    seen.add(p.personId);
  }
  const secretaries = posts.filter((p) => p.post === '书记');
  if (secretaries.length !== 1) return refuse('POST_SECRETARY', '应确定1名书记', 'posts');
  for (const p of posts) {
    if ((APPROVED_POSTS as readonly string[]).includes(p.post) && !fullMembers.has(p.personId)) {
      return refuse('SECRETARY_NOT_FULL_MEMBER', `${p.post}必须是本组织的正式党员`, 'posts');
    }
  }
  if (posts.filter((p) => p.post === '副书记').length > 2) return refuse('POST_DEPUTIES', '副书记一般不超过2名', 'posts');
  return ok(undefined);
}
