// 党员目标管理: the branch issues a 目标责任书 per member, the member acknowledges it on the phone,
// and each half-year combines 自评 (member), 互评 and 组织评价 (branch) into a score and 等次.
// load → decide (core/evaluation/targets.rules.ts) → persist → audit, one transaction per change.
import {
  decideAssessmentOpen,
  TARGET_HALF_NAMES,
  TARGET_HALVES,
  targetGrade,
  targetScore,
  validateTargetItems,
  validateTargetWeights,
  type TargetHalf,
  type TargetItem,
  type TargetThresholds,
  type TargetWeights,
  type TargetWindows,
} from '../../../core/evaluation/targets.rules.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { chinaDate } from '../../../core/shared/dates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { denied } from '../../authz.ts';
import { badRequest, conflict, fromDecision, notFound } from '../../http/errors.ts';
import { membersOn } from '../membership/membership.repository.ts';
import { findOrgById } from '../orgs/orgs.repository.ts';
import { canManageIn } from './evaluation.policy.ts';
import { personOfUser } from './evaluation.repository.ts';
import * as repo from './targets.repository.ts';
import type { AssessmentRow, LetterRow } from './targets.repository.ts';
import type { Kysely, Transaction } from 'kysely';

function audit(ctx: AppContext, rc: RequestContext) {
  const a = rc.actor!;
  return {
    at: ctx.now().toISOString(),
    result: 'ok' as const,
    actorUserId: a.userId,
    actorUsername: a.username,
    requestId: rc.meta.requestId,
    ip: rc.meta.ip,
  };
}

interface TargetRules {
  weights: TargetWeights;
  thresholds: TargetThresholds;
  windows: TargetWindows;
  maxItems: number;
}

function rules(ctx: AppContext, on: string): TargetRules {
  const weights = ruleValue<TargetWeights>(ctx.config.rulebook, 'evaluation.targets.weights', on);
  const w = validateTargetWeights(weights);
  if (!w.ok) throw fromDecision(w);
  return {
    weights,
    thresholds: ruleValue<TargetThresholds>(ctx.config.rulebook, 'evaluation.targets.gradeThresholds', on),
    windows: ruleValue<TargetWindows>(ctx.config.rulebook, 'evaluation.targets.assessmentWindows', on),
    maxItems: ruleValue<number>(ctx.config.rulebook, 'evaluation.targets.maxItems', on),
  };
}

export function presentAssessment(a: AssessmentRow | undefined) {
  if (!a) return null;
  return {
    half: a.half as TargetHalf,
    halfName: TARGET_HALF_NAMES[a.half as TargetHalf],
    selfScore: a.self_score,
    selfNote: a.self_note,
    selfAt: a.self_at,
    peerScore: a.peer_score,
    orgScore: a.org_score,
    orgNote: a.org_note,
    score: a.score_x10 === null ? null : a.score_x10 / 10,
    grade: a.grade,
    assessedAt: a.assessed_at,
  };
}

function presentLetter(l: Omit<LetterRow, 'org_name'> & { org_name?: string }, assessments: AssessmentRow[]) {
  const mine = assessments.filter((a) => a.letter_id === l.id);
  return {
    id: l.id,
    orgId: l.org_id,
    orgName: l.org_name ?? null,
    personId: l.person_id,
    name: l.name,
    year: l.year,
    items: JSON.parse(l.items) as TargetItem[],
    status: l.status as 'issued' | 'acknowledged',
    acknowledgedAt: l.acknowledged_at,
    H1: presentAssessment(mine.find((a) => a.half === 'H1')),
    H2: presentAssessment(mine.find((a) => a.half === 'H2')),
  };
}

async function loadLetter(ctx: AppContext, rc: RequestContext, id: number, who: 'manage' | 'own' | 'either') {
  const l = await repo.findLetter(ctx.db, id);
  if (!l) throw notFound('目标责任书');
  const actor = rc.actor!;
  const manage = canManageIn(actor, l.org_path);
  const own = (await personOfUser(ctx.db, actor.userId)) === l.person_id;
  const allowed = who === 'manage' ? manage : who === 'own' ? own : manage || own;
  if (!allowed) throw await denied(ctx, rc, 'target_letter', id, who === 'own' ? 'not the member' : 'scope');
  return { letter: l, manage, own };
}

/** Branch overview: every member, whether they have a letter, acknowledged it, were assessed. */
export async function listTargets(
  ctx: AppContext,
  rc: RequestContext,
  orgId: number,
  year: number | undefined,
) {
  const org = await findOrgById(ctx.db, orgId);
  if (!org) throw notFound('党支部');
  if (!canManageIn(rc.actor!, org.path)) throw await denied(ctx, rc, 'org', orgId, 'scope');
  const today = chinaDate(ctx.now());
  const y = year ?? Number(today.slice(0, 4));
  const members = await membersOn(ctx.db, org.id, today);
  const letters = await repo.lettersOfOrg(ctx.db, org.id, y);
  const assessments = await repo.assessmentsOf(
    ctx.db,
    letters.map((l) => l.id),
  );
  const byPerson = new Map(letters.map((l) => [l.person_id, l]));
  const rows = members.map((m) => {
    const l = byPerson.get(m.personId);
    return {
      personId: m.personId,
      name: m.name,
      category: m.category,
      letter: l ? presentLetter(l, assessments) : null,
    };
  });
  // Letters of people who have left the branch since stay visible.
  for (const l of letters)
    if (!members.some((m) => m.personId === l.person_id))
      rows.push({
        personId: l.person_id,
        name: l.name,
        category: '已转出',
        letter: presentLetter(l, assessments),
      });
  const r = rules(ctx, today);
  const assessed = (h: TargetHalf) => rows.filter((x) => x.letter?.[h]?.grade).length;
  return {
    data: {
      orgId: org.id,
      orgName: org.name,
      year: y,
      weights: r.weights,
      windows: Object.fromEntries(TARGET_HALVES.map((h) => [h, `${y}-${r.windows[h]}`])),
      summary: {
        members: members.length,
        letters: letters.length,
        acknowledged: letters.filter((l) => l.status === 'acknowledged').length,
        assessedH1: assessed('H1'),
        assessedH2: assessed('H2'),
      },
      members: rows,
    },
  };
}

/** The branch issues the same 目标责任书 to the chosen members; those who already have one are skipped. */
export async function createLetters(
  ctx: AppContext,
  rc: RequestContext,
  input: { orgId: number; year: number; personIds: number[]; items: TargetItem[] },
) {
  const org = await findOrgById(ctx.db, input.orgId);
  if (!org) throw notFound('党支部');
  if (!canManageIn(rc.actor!, org.path)) throw await denied(ctx, rc, 'org', org.id, 'scope');
  const today = chinaDate(ctx.now());
  const r = rules(ctx, today);
  const items = validateTargetItems(input.items, r.maxItems);
  if (!items.ok) throw fromDecision(items);
  const members = new Map((await membersOn(ctx.db, org.id, today)).map((m) => [m.personId, m]));
  const outside = [...new Set(input.personIds)].filter((p) => !members.has(p));
  if (outside.length > 0)
    throw badRequest(
      'NOT_A_MEMBER',
      `党员（ID ${outside.join('、')}）不是${org.name}的在册党员`,
      'personIds',
    );
  const wanted = [...new Set(input.personIds)];
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await repo.lettersOfPersons(trx, wanted, input.year);
    const have = new Set(existing.map((e) => e.person_id));
    const now = ctx.now().toISOString();
    const fresh = wanted.filter((p) => !have.has(p));
    const ids = await repo.insertLetters(
      trx,
      fresh.map((p) => ({
        org_id: org.id,
        org_path: org.path,
        person_id: p,
        name: members.get(p)!.name,
        year: input.year,
        items: JSON.stringify(items.value),
        status: 'issued',
        acknowledged_at: null,
        created_by: rc.actor!.userId,
        created_at: now,
        updated_at: now,
      })),
    );
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'evaluation.targets.issue',
      objectType: 'org',
      objectId: org.id,
      scopePath: org.path,
      detail: { after: { year: input.year, letterIds: ids, items: items.value.length }, skipped: [...have] },
    });
    return {
      data: {
        created: ids.length,
        letterIds: ids,
        skipped: existing.map((e) => ({ personId: e.person_id, name: e.name, letterId: e.id })),
      },
    };
  });
}

export async function getLetter(ctx: AppContext, rc: RequestContext, id: number) {
  const { letter, manage, own } = await loadLetter(ctx, rc, id, 'either');
  const assessments = await repo.assessmentsOf(ctx.db, [letter.id]);
  const r = rules(ctx, chinaDate(ctx.now()));
  return {
    data: { ...presentLetter(letter, assessments), weights: r.weights },
    policies: { manage, own },
  };
}

/** Revising the items: only before any half is assessed; the member must acknowledge again. */
export async function reviseItems(ctx: AppContext, rc: RequestContext, id: number, input: TargetItem[]) {
  const { letter } = await loadLetter(ctx, rc, id, 'manage');
  const items = validateTargetItems(input, rules(ctx, chinaDate(ctx.now())).maxItems);
  if (!items.ok) throw fromDecision(items);
  const assessments = await repo.assessmentsOf(ctx.db, [letter.id]);
  if (assessments.some((a) => a.grade !== null))
    throw conflict('ALREADY_ASSESSED', '目标责任书已有半年考评结果，不能再修改目标', 'items');
  return ctx.db.transaction().execute(async (trx) => {
    await repo.updateLetter(trx, letter.id, {
      items: JSON.stringify(items.value),
      status: 'issued',
      acknowledged_at: null,
      updated_at: ctx.now().toISOString(),
    });
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'evaluation.targets.revise',
      objectType: 'target_letter',
      objectId: letter.id,
      scopePath: letter.org_path,
      detail: { before: { items: JSON.parse(letter.items) as unknown }, after: { items: items.value } },
    });
    return { data: presentLetter((await repo.findLetter(trx, letter.id))!, assessments) };
  });
}

/** The member confirms the letter on the phone. */
export async function acknowledge(ctx: AppContext, rc: RequestContext, id: number) {
  const { letter } = await loadLetter(ctx, rc, id, 'own');
  if (letter.status === 'acknowledged')
    throw conflict('ALREADY_ACKNOWLEDGED', '目标责任书已经确认过了', 'status');
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.now().toISOString();
    await repo.updateLetter(trx, letter.id, {
      status: 'acknowledged',
      acknowledged_at: now,
      updated_at: now,
    });
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'evaluation.targets.acknowledge',
      objectType: 'target_letter',
      objectId: letter.id,
      scopePath: letter.org_path,
      detail: { before: { status: letter.status }, after: { status: 'acknowledged' } },
    });
    return { data: { id: letter.id, status: 'acknowledged', acknowledgedAt: now } };
  });
}

async function openHalf(ctx: AppContext, letter: LetterRow, half: TargetHalf, r: TargetRules) {
  if (letter.status !== 'acknowledged')
    throw conflict('NOT_ACKNOWLEDGED', `${letter.name}尚未确认目标责任书，不能考评`, 'half');
  const d = decideAssessmentOpen(letter.year, half, chinaDate(ctx.now()), r.windows);
  if (!d.ok) throw fromDecision(d, 'conflict');
  return repo.findAssessment(ctx.db, letter.id, half);
}

/** 个人自评 of one half, by the member; closed once the organisation has assessed that half. */
export async function submitSelf(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  input: { half: TargetHalf; score: number; note: string },
) {
  const { letter } = await loadLetter(ctx, rc, id, 'own');
  const r = rules(ctx, chinaDate(ctx.now()));
  const existing = await openHalf(ctx, letter, input.half, r);
  if (existing?.grade)
    throw conflict(
      'ALREADY_ASSESSED',
      `${TARGET_HALF_NAMES[input.half]}已由组织评定，不能再修改自评`,
      'half',
    );
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.now().toISOString();
    const aid = await repo.upsertAssessment(trx, existing, {
      letter_id: letter.id,
      org_path: letter.org_path,
      half: input.half,
      self_score: input.score,
      self_note: input.note,
      self_at: now,
      peer_score: existing?.peer_score ?? null,
      org_score: existing?.org_score ?? null,
      org_note: existing?.org_note ?? null,
      score_x10: null,
      grade: null,
      assessed_at: null,
      assessed_by: null,
    });
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'evaluation.targets.self',
      objectType: 'target_assessment',
      objectId: aid,
      scopePath: letter.org_path,
      detail: {
        before: existing ? { selfScore: existing.self_score } : null,
        after: { half: input.half, selfScore: input.score },
      },
    });
    return { data: presentAssessment((await repo.findAssessment(trx, letter.id, input.half))!) };
  });
}

/** 互评 and 组织评价 entered by the branch; combined with the member's 自评 into a score and 等次. */
export async function assess(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  input: { half: TargetHalf; peerScore: number | null; orgScore: number; note: string },
) {
  const { letter } = await loadLetter(ctx, rc, id, 'manage');
  const r = rules(ctx, chinaDate(ctx.now()));
  const existing = await openHalf(ctx, letter, input.half, r);
  const selfScore = existing?.self_score ?? null;
  const score = targetScore({ self: selfScore, peer: input.peerScore, org: input.orgScore }, r.weights);
  const grade = targetGrade(score, r.thresholds);
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.now().toISOString();
    const aid = await repo.upsertAssessment(trx, existing, {
      letter_id: letter.id,
      org_path: letter.org_path,
      half: input.half,
      self_score: selfScore,
      self_note: existing?.self_note ?? null,
      self_at: existing?.self_at ?? null,
      peer_score: input.peerScore,
      org_score: input.orgScore,
      org_note: input.note,
      score_x10: Math.round(score * 10),
      grade,
      assessed_at: now,
      assessed_by: rc.actor!.userId,
    });
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'evaluation.targets.assess',
      objectType: 'target_assessment',
      objectId: aid,
      scopePath: letter.org_path,
      detail: {
        before: existing?.grade ? { score: (existing.score_x10 ?? 0) / 10, grade: existing.grade } : null,
        after: {
          half: input.half,
          selfScore,
          peerScore: input.peerScore,
          orgScore: input.orgScore,
          score,
          grade,
        },
        weights: r.weights,
      },
    });
    return { data: presentAssessment((await repo.findAssessment(trx, letter.id, input.half))!) };
  });
}

/** The member's own letters (for the phone page). */
export async function myTargets(db: Kysely<DB> | Transaction<DB>, personId: number) {
  const letters = await repo.lettersOfPerson(db, personId);
  const assessments = await repo.assessmentsOf(
    db,
    letters.map((l) => l.id),
  );
  return letters.map((l) => presentLetter(l, assessments));
}
