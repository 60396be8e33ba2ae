// 组织关系转接: the state machine and who may act at each step. Pure: paths and roles in, decision out.
import { refuse, ok, type Decision } from '../shared/result.ts';
import type { TransferStatus } from './roster.constants.ts';

export interface TransferFacts {
  status: TransferStatus;
  fromOrgPath: string;
  toOrgPath: string;
  /** Path of the sending 党委 whose approval is needed (null when none is). */
  approverPath: string | null;
  /** Has the transfer been sent on to the receiver (approved, or needing no approval)? */
  reachedReceiver: boolean;
}

/**
 * Approval by the sending 党委 is required when the member leaves its subtree: the nearest
 * 党委/党工委 above the sending branch approves moves that go outside it.
 */
export function approvalPath(fromAncestors: readonly { path: string; kind: string }[], toOrgPath: string): string | null {
  // nearest committee first
  const committees = fromAncestors.filter((a) => a.kind === '党委' || a.kind === '党工委').sort((a, b) => b.path.length - a.path.length);
  const nearest = committees[0];
  if (!nearest) return null;
  return toOrgPath.startsWith(nearest.path) ? null : nearest.path;
}

export function decideInitiate(input: { fromOrgId: number; toOrgId: number; toOrgActive: boolean; toIsBranch: boolean; hasOpenTransfer: boolean }): Decision {
  if (input.fromOrgId === input.toOrgId) return refuse('TRANSFER_SAME_ORG', '转入组织不能与当前所在组织相同', 'toOrgCode');
  if (!input.toOrgActive) return refuse('TRANSFER_TARGET_DISSOLVED', '转入组织已撤销', 'toOrgCode');
  if (!input.toIsBranch) return refuse('TRANSFER_TARGET_NOT_BRANCH', '党员组织关系应转入党支部', 'toOrgCode');
  if (input.hasOpenTransfer) return refuse('TRANSFER_OPEN', '该党员已有办理中的组织关系转接', 'personId');
  return ok(undefined);
}

export type TransferAction = 'approve' | 'reject' | 'accept' | 'return' | 'cancel';

/** Which step an action belongs to, and the state it leads to. */
export function decideStep(t: TransferFacts, action: TransferAction): Decision<TransferStatus> {
  switch (action) {
    case 'approve':
      return t.status === 'pending_approval' ? ok('pending_acceptance') : refuse('TRANSFER_STATE', '该转接不在待审批状态', 'status');
    case 'reject':
      return t.status === 'pending_approval' ? ok('returned') : refuse('TRANSFER_STATE', '该转接不在待审批状态', 'status');
    case 'accept':
      return t.status === 'pending_acceptance' ? ok('accepted') : refuse('TRANSFER_STATE', '该转接不在待接收状态', 'status');
    case 'return':
      return t.status === 'pending_acceptance' ? ok('returned') : refuse('TRANSFER_STATE', '该转接不在待接收状态', 'status');
    case 'cancel':
      return t.status === 'pending_approval' || t.status === 'pending_acceptance' ? ok('cancelled') : refuse('TRANSFER_STATE', '该转接已办结，不能撤回', 'status');
  }
}

/** The side that acts: the sender (branch side) cancels, the committee approves, the receiver accepts or returns. */
export function actingSide(action: TransferAction): 'sender' | 'approver' | 'receiver' {
  if (action === 'approve' || action === 'reject') return 'approver';
  if (action === 'accept' || action === 'return') return 'receiver';
  return 'sender';
}

/** Can an actor scoped at `scopePath` act on this step? */
export function mayAct(t: TransferFacts, action: TransferAction, scopePath: string): boolean {
  const side = actingSide(action);
  if (side === 'sender') return t.fromOrgPath.startsWith(scopePath);
  if (side === 'approver') return t.approverPath !== null && t.approverPath.startsWith(scopePath);
  return t.toOrgPath.startsWith(scopePath);
}

/** The receiver sees a transfer only once it has reached them (after approval). */
export function mayView(t: TransferFacts, scopePath: string): boolean {
  if (t.fromOrgPath.startsWith(scopePath)) return true;
  if (t.approverPath?.startsWith(scopePath)) return true;
  return t.toOrgPath.startsWith(scopePath) && t.reachedReceiver;
}
