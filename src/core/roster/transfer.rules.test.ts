import { describe, expect, it } from 'vitest';
import { ageBands, bandDates, isAgeing, PARTY_AGE_BANDS } from './structure.rules.ts';
import { approvalPath, decideInitiate, decideStep, mayAct, mayView, type TransferFacts } from './transfer.rules.ts';
import { ageOn } from '../shared/dates.ts';

const base: TransferFacts = { status: 'pending_approval', fromOrgPath: '/1/2/4/', toOrgPath: '/1/3/6/', approverPath: '/1/2/', reachedReceiver: false };

describe('transfer rules', () => {
  it.each([
    ['/1/3/6/', '/1/2/'],
    ['/1/2/5/', null],
  ])('to %s needs approval by %s', (to, expected) => {
    expect(approvalPath([{ path: '/1/', kind: '党委' }, { path: '/1/2/', kind: '党委' }, { path: '/1/2/4/', kind: '党支部' }], to)).toBe(expected);
  });

  it.each([
    ['approve', 'pending_approval', 'pending_acceptance'],
    ['reject', 'pending_approval', 'returned'],
    ['accept', 'pending_acceptance', 'accepted'],
    ['return', 'pending_acceptance', 'returned'],
    ['cancel', 'pending_acceptance', 'cancelled'],
    ['accept', 'pending_approval', null],
    ['approve', 'accepted', null],
    ['cancel', 'accepted', null],
  ] as const)('%s from %s → %s', (action, status, next) => {
    const d = decideStep({ ...base, status }, action);
    expect(d.ok ? d.value : null).toBe(next);
  });

  it('each side acts only on its step', () => {
    expect(mayAct(base, 'approve', '/1/2/')).toBe(true);
    expect(mayAct(base, 'approve', '/1/2/4/')).toBe(false);
    expect(mayAct(base, 'approve', '/1/3/')).toBe(false);
    expect(mayAct({ ...base, status: 'pending_acceptance' }, 'accept', '/1/3/')).toBe(true);
    expect(mayAct({ ...base, status: 'pending_acceptance' }, 'accept', '/1/2/')).toBe(false);
    expect(mayAct(base, 'cancel', '/1/2/4/')).toBe(true);
  });

  it('the receiver sees a transfer only after it reached them', () => {
    expect(mayView(base, '/1/3/')).toBe(false);
    expect(mayView({ ...base, status: 'pending_acceptance', reachedReceiver: true }, '/1/3/')).toBe(true);
    expect(mayView({ ...base, status: 'returned', reachedReceiver: false }, '/1/3/')).toBe(false);
    expect(mayView(base, '/1/2/')).toBe(true);
    expect(mayView(base, '/9/')).toBe(false);
  });

  it.each([
    [{ fromOrgId: 1, toOrgId: 1, toOrgActive: true, toIsBranch: true, hasOpenTransfer: false }, 'TRANSFER_SAME_ORG'],
    [{ fromOrgId: 1, toOrgId: 2, toOrgActive: false, toIsBranch: true, hasOpenTransfer: false }, 'TRANSFER_TARGET_DISSOLVED'],
    [{ fromOrgId: 1, toOrgId: 2, toOrgActive: true, toIsBranch: false, hasOpenTransfer: false }, 'TRANSFER_TARGET_NOT_BRANCH'],
    [{ fromOrgId: 1, toOrgId: 2, toOrgActive: true, toIsBranch: true, hasOpenTransfer: true }, 'TRANSFER_OPEN'],
    [{ fromOrgId: 1, toOrgId: 2, toOrgActive: true, toIsBranch: true, hasOpenTransfer: false }, null],
  ])('initiate %j → %s', (input, code) => {
    const d = decideInitiate(input);
    expect(d.ok ? null : d.code).toBe(code);
  });
});

describe('structure bands', () => {
  const on = '2026-11-23';
  const bands = ageBands(35, 61);
  const bandOf = (birth: string) => bands.find((b) => {
    const r = bandDates(b, on);
    return birth <= r.until && (r.after === null || birth > r.after);
  })!.key;
  it.each([
    ['1991-11-23', 35, 'le35'], ['1990-11-23', 36, '36-45'], ['1990-11-24', 35, 'le35'],
    ['1965-11-24', 60, '46-60'], ['1965-11-23', 61, 'ge61'],
  ])('born %s (age %d) → %s', (birth, age, key) => {
    expect(ageOn(birth, on)).toBe(age);
    expect(bandOf(birth)).toBe(key);
  });
  it('party-age bands cover every year without gaps', () => {
    for (let i = 1; i < PARTY_AGE_BANDS.length; i++) expect(PARTY_AGE_BANDS[i]!.min).toBe(PARTY_AGE_BANDS[i - 1]!.max);
  });
  it.each([
    [{ total: 10, old: 4, young: 0 }, true],
    [{ total: 10, old: 3, young: 0 }, false],
    [{ total: 0, old: 0, young: 0 }, false],
  ])('ageing %j → %s', (f, expected) => expect(isAgeing(f, 0.4)).toBe(expected));
});
