// Members of one branch: persons with ID numbers and phones, their effective-dated
// membership rows (with some transfers and probation→full changes as history), and — via
// positions.ts — the branch committee and the leaders of the organisations it supplies.
// Pure and deterministic: the same plan gives the same people; nothing here touches the
// database or the key ring.
import { checkCharacter } from '../../core/person/id-number.ts';
import { addDays, addYears, daysBetween } from './days.ts';
import { ETHNICITIES, personName } from './names.ts';
import type { Plan, PlanOrg } from './plan.ts';
import { Rng } from './prng.ts';
import { AGE_BRACKETS, EDUCATIONS, PROFILES, RECRUIT_AGES } from './profiles.ts';
import { assignPositions, type Holder } from './positions.ts';

export const FULL = '正式党员';
export const PROBATIONARY = '预备党员';

export interface GenPerson {
  id: number;
  name: string;
  gender: '男' | '女';
  ethnicity: string;
  education: string;
  idNumber: string;
  phone: string | null;
  birthDate: string;
  category: typeof FULL | typeof PROBATIONARY;
  joinedOn: string;
  fullMemberOn: string | null;
}

export interface GenMembership {
  id: number;
  personId: number;
  orgId: number;
  orgPath: string;
  category: string;
  validFrom: string;
  validTo: string | null;
  reason: string;
}

export interface GenPosition {
  id: number;
  personId: number;
  orgId: number;
  post: string;
  validFrom: string;
  validTo: string | null;
  basis: string | null;
}

export interface BranchBatch {
  org: PlanOrg;
  persons: GenPerson[];
  memberships: GenMembership[];
  positions: GenPosition[];
  /** A full member of the branch holding no post (for a demo member account). */
  plainMemberId: number | null;
}

const PHONE_PREFIXES = [
  '130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156', '157', '158',
  '159', '170', '173', '175', '176', '177', '178', '180', '181', '182', '183', '185', '186', '187', '188', '189', '191',
  '193', '195', '198', '199',
];

export class PeopleGenerator {
  private personSeq = 0;
  private membershipSeq = 0;
  private positionSeq = 0;
  private idCounty = -2;
  private usedIds = new Set<string>();
  private readonly root: Rng;

  constructor(readonly plan: Plan) {
    this.root = new Rng('people').fork(plan.scale);
  }

  /** Every branch in id order (counties are contiguous, so the ID-number set stays per county). */
  *branches(): Generator<BranchBatch> {
    for (const org of this.plan.orgs) if (org.profile) yield this.branch(org);
  }

  nextMembershipId(): number {
    return ++this.membershipSeq;
  }

  nextPositionId(): number {
    return ++this.positionSeq;
  }

  branch(org: PlanOrg): BranchBatch {
    const rng = this.root.fork(org.id);
    if (org.county !== this.idCounty) {
      this.idCounty = org.county;
      this.usedIds = new Set();
    }
    const today = this.plan.today;
    const persons: GenPerson[] = [];
    const memberships: GenMembership[] = [];
    const holders: Holder[] = [];
    for (let i = 0; i < org.members; i++) {
      const kind = org.profile === 'retired' ? 'full' : rng.weighted([['prob', 5], ['recent', 4.5], ['full', 90.5]] as const);
      const p = this.person(org, rng, kind);
      persons.push(p);
      const rows = this.memberRows(org, rng, p, kind);
      memberships.push(...rows);
      const current = rows[rows.length - 1]!;
      holders.push({ person: p, since: current.validFrom, age: Number(today.slice(0, 4)) - Number(p.birthDate.slice(0, 4)) });
    }
    const { positions, plainMemberId } = assignPositions(this, org, holders, rng.fork('posts'));
    return { org, persons, memberships, positions, plainMemberId };
  }

  private person(org: PlanOrg, rng: Rng, kind: 'prob' | 'recent' | 'full'): GenPerson {
    const today = this.plan.today;
    const mix = PROFILES[org.profile!];
    let age: number;
    if (kind === 'full') {
      const [lo, hi] = AGE_BRACKETS[rng.weighted(mix.ages.map((w, i) => [i, w] as const))]!;
      age = rng.int(lo, hi);
    } else {
      const [lo, hi] = rng.weighted(RECRUIT_AGES);
      age = rng.int(lo, hi) + (kind === 'recent' ? 1 : 0);
    }
    const women = kind === 'full' ? mix.women : Math.max(mix.women, 0.42);
    const gender = rng.chance(women) ? '女' : '男';
    const birthDate = addDays(addYears(today, -age), -rng.int(0, 364));
    const birthYear = Number(birthDate.slice(0, 4));
    const adult = addYears(birthDate, 18);
    let joinedOn: string;
    if (kind === 'prob') joinedOn = addDays(today, -rng.int(1, 360));
    else if (kind === 'recent') joinedOn = addDays(today, -rng.int(366, 729));
    else {
      const joinAge = Math.min(18 + Math.floor(rng.exp(9)) + (rng.chance(0.7) ? 2 : 0), age - 3);
      joinedOn = addDays(addYears(birthDate, Math.max(18, joinAge)), rng.int(0, 364));
      const latest = addDays(today, -730);
      if (joinedOn > latest) joinedOn = latest;
    }
    if (joinedOn < adult) joinedOn = adult;
    const tier = age < 40 ? 0 : age <= 60 ? 1 : 2;
    const education = EDUCATIONS[rng.weighted(mix.edu[tier].map((w, i) => [i, w] as const))]!;
    const phone = rng.chance(age > 75 ? 0.75 : 0.93) ? rng.pick(PHONE_PREFIXES) + rng.digits(8) : null;
    return {
      id: ++this.personSeq,
      name: personName(rng, gender, birthYear, org.clans ?? undefined),
      gender,
      ethnicity: rng.weighted(ETHNICITIES),
      education,
      idNumber: this.idNumber(org, rng, birthDate, gender),
      phone,
      birthDate,
      category: kind === 'prob' ? PROBATIONARY : FULL,
      joinedOn,
      fullMemberOn: kind === 'prob' ? null : addYears(joinedOn, 1),
    };
  }

  /** GB 11643: area + birth date + sequence (odd for men) + check character; unique per county. */
  private idNumber(org: PlanOrg, rng: Rng, birthDate: string, gender: '男' | '女'): string {
    const county = this.plan.counties[org.county]!;
    const area = birthDate < '1990' && rng.chance(0.3) ? county.areaCodes[1] : county.areaCodes[0];
    const stem = area + birthDate.replaceAll('-', '');
    let seq = rng.int(0, 499) * 2 + (gender === '男' ? 1 : 0);
    for (let tries = 0; tries < 500; tries++) {
      if (seq === 0) seq = 2;
      const first17 = stem + String(seq).padStart(3, '0');
      if (!this.usedIds.has(first17)) {
        this.usedIds.add(first17);
        return first17 + checkCharacter(first17);
      }
      seq = (seq + 2) % 1000;
    }
    throw new Error(`ID numbers exhausted for ${stem}`);
  }

  private memberRows(org: PlanOrg, rng: Rng, p: GenPerson, kind: 'prob' | 'recent' | 'full'): GenMembership[] {
    const today = this.plan.today;
    const rows: Omit<GenMembership, 'id'>[] = [];
    const here = (category: string, from: string, to: string | null, reason: string) =>
      rows.push({ personId: p.id, orgId: org.id, orgPath: org.path, category, validFrom: from, validTo: to, reason });
    if (kind === 'recent' && rng.chance(0.03)) {
      // Became a full member this year: the probation row closes the day the full row opens.
      here(PROBATIONARY, p.joinedOn, p.fullMemberOn, '入党');
      here(FULL, p.fullMemberOn!, null, '转正');
    } else if (kind === 'full' && rng.chance(0.06)) {
      // Transferred in from another branch of the county, some of them this year.
      const afterFull = addDays(p.fullMemberOn!, 30);
      const lo = afterFull > org.establishedOn ? afterFull : org.establishedOn;
      const recentFrom = addDays(today, -300);
      const from = rng.chance(0.35) ? (lo > recentFrom ? lo : recentFrom) : lo;
      const span = daysBetween(from, today) - 1;
      const branches = this.plan.counties[org.county]!.branchIds;
      if (span > 0 && branches.length > 1) {
        const transfer = addDays(from, rng.int(0, span));
        // The branch the member came from (a temporary branch never holds the relation).
        let prev = this.plan.orgs[rng.pick(branches) - 1]!;
        for (let i = 0; i < 3 && (prev.id === org.id || prev.profile === 'temp'); i++) prev = this.plan.orgs[rng.pick(branches) - 1]!;
        const joinedThere = p.joinedOn >= prev.establishedOn;
        const prevFrom = joinedThere ? p.joinedOn : prev.establishedOn;
        if (prev.id !== org.id && prev.profile !== 'temp' && prevFrom < transfer) {
          rows.push({
            personId: p.id, orgId: prev.id, orgPath: prev.path, category: FULL, validFrom: prevFrom, validTo: transfer,
            reason: joinedThere ? '入党' : '转入',
          });
        }
        here(FULL, transfer, null, '转入');
      } else here(FULL, p.joinedOn, null, '入党');
    } else here(p.category, p.joinedOn, null, '入党');
    // A branch founded after the member joined: the member moved in when it was set up.
    const last = rows[rows.length - 1]!;
    if (last.validFrom < org.establishedOn) {
      for (const r of rows) {
        if (r.orgId === org.id && r.validFrom < org.establishedOn) {
          r.validFrom = org.establishedOn;
          r.reason = '转入';
        }
      }
    }
    return rows
      .filter((r) => r.validTo === null || r.validFrom < r.validTo)
      .map((r) => ({ ...r, id: ++this.membershipSeq }));
  }
}
