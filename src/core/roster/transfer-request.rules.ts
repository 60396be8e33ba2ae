// A member's own request to transfer their 组织关系 (self-service). Pure: facts in, decision out.
import { ok, refuse, type Decision } from '../shared/result.ts';

export type RequestStatus = 'open' | 'converted' | 'declined' | 'withdrawn';

export const REQUEST_STATUS_LABEL: Record<RequestStatus, string> = {
  open: '已提交，待党支部办理',
  converted: '党支部已受理，正在转接',
  declined: '党支部不予办理',
  withdrawn: '本人已撤回',
};

/** May the member file a request now? One open request at a time; not while a transfer is under way. */
export function decideFile(f: {
  hasMembership: boolean;
  hasOpenRequest: boolean;
  hasOpenTransfer: boolean;
}): Decision {
  if (!f.hasMembership) return refuse('NO_MEMBERSHIP', '您当前没有所在党组织，不能申请转接', 'destination');
  if (f.hasOpenRequest)
    return refuse('REQUEST_OPEN', '您已有一份待办理的转接申请，请等待党支部办理', 'destination');
  if (f.hasOpenTransfer) return refuse('TRANSFER_OPEN', '您的组织关系转接正在办理中', 'destination');
  return ok(undefined);
}

/** Only an open request can be turned into a transfer or declined. */
export function decideClose(status: string): Decision {
  if (status === 'open') return ok(undefined);
  if (status === 'withdrawn') return refuse('REQUEST_CLOSED', '党员本人已撤回该申请', 'id');
  return refuse('REQUEST_CLOSED', '该申请已办理（已转为转接或已不予办理）', 'id');
}

/** 撤回: the member takes back their own request while the branch has not yet handled it. */
export function decideWithdraw(status: string): Decision {
  switch (status) {
    case 'open':
      return ok(undefined);
    case 'converted':
      return refuse(
        'REQUEST_CLOSED',
        '党支部已受理该申请、正在办理转接，不能撤回；如需撤回请联系党支部',
        'id',
      );
    case 'declined':
      return refuse('REQUEST_CLOSED', '党支部已不予办理该申请，无需撤回', 'id');
    case 'withdrawn':
      return refuse('REQUEST_CLOSED', '该申请已撤回', 'id');
    default:
      return refuse('REQUEST_CLOSED', '该申请已办理，不能撤回', 'id');
  }
}
