// Table tests of the 党费 payment rules: what a payment may cover, what may be reversed, and the
// reconciliation of the gateway's statement with our rows.
import { describe, expect, it } from 'vitest';
import {
  allocatePayment,
  outstandingFen,
  reconcile,
  reversibleMonths,
  yuanText,
  type LedgerMonth,
} from './payments.rules.ts';

const row = (month: string, status = 'due', dueFen = 8100, reducedFen = 0, paidFen = 0): LedgerMonth => ({
  month,
  status,
  dueFen,
  reducedFen,
  paidFen,
});
const LEDGER = [
  row('2026-08', 'paid', 8100, 0, 8100),
  row('2026-09'),
  row('2026-10', 'due', 8100, 4100),
  row('2026-11', 'waived', 8100, 8100),
];

describe('yuanText and outstandingFen', () => {
  it.each([
    [8100, '81.00'],
    [20, '0.20'],
    [5, '0.05'],
    [0, '0.00'],
    [-8100, '-81.00'],
    [123456, '1234.56'],
  ])('%i fen → %s', (fen, text) => expect(yuanText(fen)).toBe(text));

  it.each([
    [row('2026-09'), 8100],
    [row('2026-10', 'due', 8100, 4100), 4000],
    [row('2026-08', 'paid', 8100, 0, 8100), 0],
    [row('2026-11', 'waived', 8100, 8100), 0],
  ])('%o owes %i', (m, fen) => expect(outstandingFen(m)).toBe(fen));
});

describe('allocatePayment', () => {
  it.each([
    [['2026-09', '2026-10'], 12100, 'ok', undefined],
    [['2026-10', '2026-09'], 12100, 'ok', undefined],
    [['2026-09'], 8000, 'AMOUNT_MISMATCH', 'amountFen'],
    [['2026-09'], 8101, 'AMOUNT_MISMATCH', 'amountFen'],
    [['2026-08'], 8100, 'MONTH_ALREADY_PAID', 'months'],
    [['2026-11'], 0, 'MONTH_WAIVED', 'months'],
    [['2026-12'], 8100, 'MONTH_NOT_IN_LEDGER', 'months'],
    [['2026-13'], 8100, 'MONTH_INVALID', 'months'],
    [['2026-09', '2026-09'], 16200, 'MONTHS_DUPLICATE', 'months'],
    [[], 0, 'MONTHS_REQUIRED', 'months'],
  ])('%o for %i fen → %s', (months, fen, code, field) => {
    const d = allocatePayment(LEDGER, months, fen);
    if (code === 'ok') {
      expect(d).toEqual({
        ok: true,
        value: {
          months: ['2026-09', '2026-10'],
          perMonth: [
            { month: '2026-09', fen: 8100 },
            { month: '2026-10', fen: 4000 },
          ],
          totalFen: 12100,
        },
      });
    } else expect(d).toMatchObject({ ok: false, code, field });
  });

  it('names both amounts in yuan when they differ', () => {
    const d = allocatePayment(LEDGER, ['2026-09'], 8000);
    expect(!d.ok && d.message).toBe('缴费金额：应为81.00元（所选月份应缴合计），填写的是80.00元');
  });
});

describe('reversibleMonths', () => {
  it.each([
    [['2026-09', '2026-10'], [], undefined, ['2026-09', '2026-10']],
    [['2026-09', '2026-10'], ['2026-09'], undefined, ['2026-10']],
    [['2026-09', '2026-10'], [], ['2026-10'], ['2026-10']],
    [['2026-09', '2026-10'], ['2026-10'], ['2026-10'], 'MONTH_NOT_REVERSIBLE'],
    [['2026-09'], [], ['2026-10'], 'MONTH_NOT_REVERSIBLE'],
    [['2026-09'], ['2026-09'], undefined, 'NOTHING_TO_REVERSE'],
  ] as const)('paid %o, reversed %o, asked %o → %o', (paid, reversed, asked, want) => {
    const d = reversibleMonths(paid, reversed, asked);
    if (typeof want === 'string') expect(d).toMatchObject({ ok: false, code: want });
    else expect(d).toEqual({ ok: true, value: want });
  });
});

describe('reconcile', () => {
  it('matches by order number and flags each kind of difference', () => {
    const rows = reconcile(
      [
        { gatewayTxn: 'T1', orderNo: 'A', amountFen: 100, paidAt: '' },
        { gatewayTxn: 'T2', orderNo: 'B', amountFen: 200, paidAt: '' },
        { gatewayTxn: 'T3', orderNo: 'C', amountFen: 300, paidAt: '' },
      ],
      [
        { paymentId: 1, orderNo: 'A', amountFen: 100, gatewayTxn: 'T1' },
        { paymentId: 2, orderNo: 'B', amountFen: 150, gatewayTxn: 'T2' },
        { paymentId: 4, orderNo: 'D', amountFen: 400, gatewayTxn: null },
      ],
    );
    expect(rows.map((r) => [r.orderNo, r.status])).toEqual([
      ['A', 'matched'],
      ['B', 'amount_diff'],
      ['C', 'missing_ours'],
      ['D', 'missing_gateway'],
    ]);
    expect(rows[1]!.note).toBe('金额不符：通道2.00元，本系统1.50元');
  });
});
