// The one follow-up (整改) engine's pure rules: the state machine and overdue.
import { ok, refuse, type Decision } from '../shared/result.ts';
import type { IsoDate } from '../shared/dates.ts';

export type RectificationStatus = 'open' | 'closure_requested' | 'closed';
export const RECTIFICATION_STATUS_NAMES: Record<RectificationStatus, string> = {
  open: '整改中',
  closure_requested: '申请销号',
  closed: '已销号',
};

export type RectificationAction = 'progress' | 'request_closure' | 'approve' | 'reject';

/** The next status after an action, or a refusal naming the field. */
export function decideTransition(
  status: RectificationStatus,
  action: RectificationAction,
  evidence?: string | null,
): Decision<RectificationStatus> {
  switch (action) {
    case 'progress':
      if (status === 'closed')
        return refuse('RECTIFICATION_CLOSED', '整改事项已销号，不能再记录进展', 'status');
      return ok(status);
    case 'request_closure':
      if (status !== 'open')
        return refuse('RECTIFICATION_NOT_OPEN', '只有整改中的事项可以申请销号', 'status');
      if (!evidence || !evidence.trim())
        return refuse('EVIDENCE_REQUIRED', '申请销号须说明整改成效并附佐证材料', 'evidence');
      return ok('closure_requested');
    case 'approve':
    case 'reject':
      if (status !== 'closure_requested')
        return refuse('RECTIFICATION_NOT_REQUESTED', '只有已申请销号的事项可以审核', 'status');
      return ok(action === 'approve' ? 'closed' : 'open');
  }
}

export function isOverdue(item: { status: RectificationStatus; deadline: IsoDate }, today: IsoDate): boolean {
  return item.status !== 'closed' && item.deadline < today;
}

export function validateDeadline(deadline: IsoDate, today: IsoDate): Decision<IsoDate> {
  if (deadline < today) return refuse('DEADLINE_PAST', '整改时限不能早于今天', 'deadline');
  return ok(deadline);
}
