// Rows → API JSON. The public shape carries only the committer's name and organisation.
import { STATUS_LABELS, type CommitmentStatus } from '../../../core/commitments/commitments.rules.ts';
import type { CommitmentRow, listPublicBoard } from './commitments.repository.ts';

export function presentCommitment(r: CommitmentRow) {
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    committerKind: r.committer_kind,
    personId: r.person_id,
    committerName: r.committer_name,
    type: r.type,
    year: r.year,
    title: r.title,
    content: r.content,
    dueOn: r.due_on,
    isPublic: r.is_public === 1,
    status: r.status,
    statusLabel: STATUS_LABELS[r.status as CommitmentStatus] ?? r.status,
    opinionEndsOn: r.opinion_ends_on,
    publishedOn: r.published_on,
    selfAssessment: r.self_assessment,
    leaderGrade: r.leader_grade,
    satisfaction: r.satisfaction,
    satisfactionBoxId: r.satisfaction_box_id ?? null,
    gradedOn: r.graded_on,
    lastReviewOn: r.last_review_on,
    createdAt: r.created_at,
  };
}
export type CommitmentDto = ReturnType<typeof presentCommitment>;

type BoardRow = Awaited<ReturnType<typeof listPublicBoard>>[number];

/** What the public sees: never person ids, ID numbers or phones. */
export function presentPublic(r: BoardRow | CommitmentRow) {
  return {
    id: r.id,
    committerName: r.committer_name,
    orgName: r.org_name,
    committerKind: r.committer_kind,
    type: r.type,
    year: r.year,
    title: r.title,
    content: r.content,
    status: r.status,
    statusLabel: STATUS_LABELS[r.status as CommitmentStatus] ?? r.status,
    publishedOn: r.published_on,
    dueOn: r.due_on,
    leaderGrade: r.leader_grade,
  };
}
