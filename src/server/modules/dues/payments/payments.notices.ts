// What the member is told when the branch records their 党费 or takes a payment back (站内通知):
// a refund or correction makes months due again, which they would otherwise not notice.
import type { Transaction } from 'kysely';
import { yuanText } from '../../../../core/dues/payments.rules.ts';
import type { AppContext } from '../../../context.ts';
import type { DB } from '../../../db/schema.ts';
import { notify } from '../../notifications/notifications.service.ts';

export async function noticeToMember(
  ctx: AppContext,
  trx: Transaction<DB>,
  n: {
    personId: number;
    paymentId: number;
    kind: 'payment' | 'refund' | 'correction';
    months: readonly string[];
    amountFen: number;
    orgPath: string;
    receiptNo: string | null;
  },
): Promise<void> {
  const users = await trx.selectFrom('users').select('id').where('person_id', '=', n.personId).execute();
  if (users.length === 0) return;
  const months = n.months.join('、');
  const amount = yuanText(Math.abs(n.amountFen));
  const [title, body] =
    n.kind === 'payment'
      ? [
          '党费缴纳已登记',
          `党支部已登记您${months}的党费${amount}元${n.receiptNo ? `（收据编号${n.receiptNo}）` : ''}。`,
        ]
      : n.kind === 'refund'
        ? ['党费已退款', `您${months}的党费${amount}元已退款，上述月份恢复为待缴，请及时缴纳。`]
        : [
            '党费缴费记录已冲正',
            `您${months}的党费缴费记录（${amount}元）登记有误，已冲正，上述月份恢复为待缴。`,
          ];
  await notify(ctx, trx, {
    recipients: users.map((u) => u.id),
    kind: 'dues.payment',
    title,
    body,
    link: `/dues/receipts/${n.paymentId}`,
    orgPath: n.orgPath,
    dedupeKey: `dues.payment.${n.paymentId}`,
  });
}
