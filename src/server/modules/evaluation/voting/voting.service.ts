// The voting engine. Other modules call these functions inside their own transaction;
// they never touch the vote_* tables directly. See README.md.
import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Rulebook } from '../../../../core/rulebook/rulebook.types.ts';
import { ruleValue } from '../../../../core/rulebook/rulebook.ts';
import {
  decideCast,
  tally,
  validateBallot,
  type BallotMarks,
  type BallotSubject,
  type QuorumRule,
  type Tally,
} from '../../../../core/voting/voting.rules.ts';
import { sm3Hex } from '../../../crypto/sm.ts';
import type { DB } from '../../../db/schema.ts';
import { AppError, badRequest, conflict, fromDecision, notFound } from '../../../http/errors.ts';
import * as repo from './voting.repository.ts';

export interface BoxSpec {
  orgPath: string;
  sourceType: string;
  sourceId: number;
  title: string;
  scheme: readonly string[];
  subjects: readonly BallotSubject[];
  anonymous: boolean;
  expectedVoters: number;
  /** Ballot tokens to issue now (links / QR slips handed out at the meeting); default: none. */
  tokens?: number;
}

export interface BoxView {
  id: number;
  title: string;
  orgPath: string;
  sourceType: string;
  sourceId: number;
  scheme: string[];
  subjects: BallotSubject[];
  anonymous: boolean;
  expectedVoters: number;
  issuedTokens: number;
  status: 'open' | 'closed';
  openedAt: string;
  closedAt: string | null;
}

type BoxRow = NonNullable<Awaited<ReturnType<typeof repo.findBox>>>;

export function presentBox(row: BoxRow): BoxView {
  return {
    id: row.id,
    title: row.title,
    orgPath: row.org_path,
    sourceType: row.source_type,
    sourceId: row.source_id,
    scheme: JSON.parse(row.scheme) as string[],
    subjects: JSON.parse(row.subjects) as BallotSubject[],
    anonymous: row.anonymous === 1,
    expectedVoters: row.expected_voters,
    issuedTokens: row.issued_tokens,
    status: row.status as 'open' | 'closed',
    openedAt: row.opened_at,
    closedAt: row.closed_at,
  };
}

export function hashToken(token: string): string {
  return sm3Hex('dangjian-ballot:' + token);
}

function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Fisher–Yates with crypto randomness, so issue order says nothing. */
function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomBytes(4).readUInt32BE(0) % (i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** Minute-precision timestamps on boxes: nothing finer to line up against. */
function coarse(iso: string): string {
  return iso.slice(0, 16) + ':00.000Z';
}

export async function openBox(
  trx: Transaction<DB>,
  spec: BoxSpec,
  now: Date,
): Promise<{ box: BoxView; tokens: string[] }> {
  if (spec.subjects.length === 0) throw badRequest('BOX_NO_SUBJECTS', '没有可供评价的对象', 'subjects');
  const row = await repo.insertBox(trx, {
    org_path: spec.orgPath,
    source_type: spec.sourceType,
    source_id: spec.sourceId,
    title: spec.title,
    scheme: JSON.stringify(spec.scheme),
    subjects: JSON.stringify(spec.subjects),
    anonymous: spec.anonymous ? 1 : 0,
    expected_voters: spec.expectedVoters,
    opened_at: coarse(now.toISOString()),
  });
  const tokens = await issueTokens(trx, row.id, spec.tokens ?? 0);
  const box = await repo.findBox(trx, row.id);
  return { box: presentBox(box!), tokens };
}

/** Issues `count` fresh single-use tokens; only their hashes are stored. */
export async function issueTokens(trx: Transaction<DB>, boxId: number, count: number): Promise<string[]> {
  if (count <= 0) return [];
  const tokens = Array.from({ length: count }, newToken);
  await repo.insertTokenHashes(trx, boxId, shuffle(tokens.map(hashToken)));
  return tokens;
}

/**
 * A signed-in voter takes one token (phone voting). The participant row records only that
 * this person has taken a token from this box, so nobody takes two; it holds no token.
 */
export async function issueTokenTo(trx: Transaction<DB>, boxId: number, personId: number): Promise<string> {
  const box = await repo.findBox(trx, boxId);
  if (!box) throw notFound('投票');
  const d = decideCast(box.status);
  if (!d.ok) throw fromDecision(d, 'conflict');
  if (!(await repo.insertParticipant(trx, boxId, personId)))
    throw conflict('ALREADY_TOOK_BALLOT', '您已经领取过本次测评的选票，不能重复投票', 'token');
  const [token] = await issueTokens(trx, boxId, 1);
  return token!;
}

export async function hasTakenToken(
  db: Kysely<DB> | Transaction<DB>,
  boxId: number,
  personId: number,
): Promise<boolean> {
  return repo.hasParticipant(db, boxId, personId);
}

/** What the phone ballot page shows for a token (no voter is known here). */
export async function ballotForToken(db: Kysely<DB> | Transaction<DB>, token: string) {
  const t = await repo.findToken(db, hashToken(token));
  if (!t) throw new AppError('not_found', 'TOKEN_UNKNOWN', '选票凭证无效，请向工作人员核实');
  const box = presentBox((await repo.findBox(db, t.box_id))!);
  return {
    title: box.title,
    scheme: box.scheme,
    subjects: box.subjects,
    anonymous: box.anonymous,
    status: box.status,
    used: t.used === 1,
  };
}

/** Casts one ballot with a token. The stored ballot has a random id and no token, voter or time. */
export async function castBallot(
  trx: Transaction<DB>,
  token: string,
  marks: BallotMarks,
  voterPersonId: number | null = null,
): Promise<{ boxId: number }> {
  const hash = hashToken(token);
  const t = await repo.findToken(trx, hash);
  if (!t) throw new AppError('not_found', 'TOKEN_UNKNOWN', '选票凭证无效，请向工作人员核实');
  if (t.used === 1) throw conflict('TOKEN_USED', '该选票凭证已经投过票，每张选票只能使用一次', 'token');
  const box = (await repo.findBox(trx, t.box_id))!;
  const open = decideCast(box.status);
  if (!open.ok) throw fromDecision(open, 'conflict');
  const view = presentBox(box);
  const valid = validateBallot(view.scheme, view.subjects, marks);
  if (!valid.ok) throw fromDecision(valid);
  if (!(await repo.useToken(trx, hash)))
    throw conflict('TOKEN_USED', '该选票凭证已经投过票，每张选票只能使用一次', 'token');
  await repo.insertBallot(trx, {
    id: randomBytes(16).toString('hex'),
    box_id: box.id,
    marks: JSON.stringify(marks),
    paper: 0,
    voter_person_id: view.anonymous ? null : voterPersonId,
  });
  return { boxId: box.id };
}

/** A teller enters a paper ballot; the total may not exceed the expected voters. */
export async function enterPaperBallot(
  trx: Transaction<DB>,
  boxId: number,
  marks: BallotMarks,
): Promise<void> {
  const box = await repo.findBox(trx, boxId);
  if (!box) throw notFound('投票');
  const open = decideCast(box.status);
  if (!open.ok) throw fromDecision(open, 'conflict');
  const view = presentBox(box);
  const valid = validateBallot(view.scheme, view.subjects, marks);
  if (!valid.ok) throw fromDecision(valid);
  if ((await repo.countBallots(trx, boxId)) >= view.expectedVoters) {
    throw conflict(
      'BALLOTS_EXCEED_VOTERS',
      `选票数已达应参加人数（${view.expectedVoters}），不能再录入`,
      'marks',
    );
  }
  await repo.insertBallot(trx, {
    id: randomBytes(16).toString('hex'),
    box_id: boxId,
    marks: JSON.stringify(marks),
    paper: 1,
    voter_person_id: null,
  });
}

export async function closeBox(trx: Transaction<DB>, boxId: number, now: Date): Promise<BoxView> {
  const box = await repo.findBox(trx, boxId);
  if (!box) throw notFound('投票');
  if (box.status !== 'open') throw conflict('VOTING_CLOSED', '投票已经结束', 'status');
  return presentBox(await repo.closeBox(trx, boxId, coarse(now.toISOString())));
}

export function quorumRule(book: Rulebook, on: string): QuorumRule {
  return ruleValue<QuorumRule>(book, 'evaluation.voting.quorum', on);
}

/** Tallies of several boxes in one query. */
export async function tallyBoxes(
  db: Kysely<DB> | Transaction<DB>,
  boxIds: readonly number[],
  book: Rulebook,
  on: string,
): Promise<Map<number, Tally & { box: BoxView }>> {
  const [boxes, marks] = await Promise.all([repo.findBoxesByIds(db, boxIds), repo.ballotMarks(db, boxIds)]);
  const byBox = new Map<number, BallotMarks[]>();
  for (const m of marks) {
    const list = byBox.get(m.box_id) ?? [];
    list.push(JSON.parse(m.marks) as BallotMarks);
    byBox.set(m.box_id, list);
  }
  const q = quorumRule(book, on);
  const out = new Map<number, Tally & { box: BoxView }>();
  for (const b of boxes) {
    const view = presentBox(b);
    out.set(b.id, {
      ...tally(view.scheme, view.subjects, byBox.get(b.id) ?? [], view.expectedVoters, q),
      box: view,
    });
  }
  return out;
}

export async function findBoxView(
  db: Kysely<DB> | Transaction<DB>,
  id: number,
): Promise<BoxView | undefined> {
  const row = await repo.findBox(db, id);
  return row ? presentBox(row) : undefined;
}
