import { describe, expect, it } from 'vitest';
import {
  canSeeAccountability,
  decideAccountability,
  decideApproval,
  decideItem,
  decideLetterRecipients,
  decideProgress,
  dutyKindOf,
  itemStatus,
  letterState,
  type ItemDraft,
} from './responsibility.rules.ts';

const TODAY = '2026-11-23';

describe('itemStatus', () => {
  it.each([
    ['2026-12-31', null, '进行中'],
    ['2026-11-23', null, '进行中'], // due today is not yet overdue
    ['2026-11-22', null, '逾期'],
    ['2026-06-30', '2026-07-02', '已完成'], // done late still counts as done
    ['2026-12-31', '2026-10-01', '已完成'],
  ] as const)('deadline %s completed %s → %s', (deadline, completedOn, want) => {
    expect(itemStatus({ deadline, completedOn }, TODAY)).toBe(want);
  });
});

describe('dutyKindOf', () => {
  it.each([
    ['书记', '第一责任人'],
    ['副书记', '一岗双责'],
    ['组织委员', '一岗双责'],
    ['班子成员', '联系点'],
  ] as const)('%s → %s', (post, want) => {
    expect(dutyKindOf(post, ['书记'], ['副书记', '组织委员'])).toBe(want);
  });
});

describe('decideItem', () => {
  const base: ItemDraft = {
    year: 2026,
    deadline: '2026-12-31',
    dutyKind: '第一责任人',
    holdsPost: true,
    orgPath: '/1/2/',
    contactOrgPath: null,
  };
  it.each<[string, Partial<ItemDraft>, string | null, string | null]>([
    ['valid', {}, null, null],
    ['not the post holder', { holdsPost: false }, 'NOT_POST_HOLDER', 'personId'],
    ['deadline outside the year', { deadline: '2027-01-15' }, 'DEADLINE_YEAR', 'deadline'],
    ['deadline past', { deadline: '2026-11-01' }, 'DEADLINE_PAST', 'deadline'],
    ['联系点 without contact', { dutyKind: '联系点' }, 'CONTACT_REQUIRED', 'contactOrgId'],
    [
      'contact is the org itself',
      { dutyKind: '联系点', contactOrgPath: '/1/2/' },
      'CONTACT_OUTSIDE',
      'contactOrgId',
    ],
    ['contact outside', { dutyKind: '联系点', contactOrgPath: '/1/3/4/' }, 'CONTACT_OUTSIDE', 'contactOrgId'],
    ['contact below', { dutyKind: '联系点', contactOrgPath: '/1/2/7/' }, null, null],
  ])('%s', (_n, patch, code, field) => {
    const d = decideItem({ ...base, ...patch }, TODAY);
    if (code === null) expect(d.ok).toBe(true);
    else expect(d).toMatchObject({ ok: false, code, field });
  });
});

describe('decideProgress', () => {
  const item = { completedOn: null, evidenceRequirement: '会议记录', createdOn: '2026-03-01' };
  it.each<[string, object, object, string | null]>([
    ['a note', {}, { completes: false, evidence: '' }, null],
    ['completing with evidence', {}, { completes: true, evidence: '党委会记录第12期' }, null],
    ['completing without required evidence', {}, { completes: true, evidence: ' ' }, 'EVIDENCE_REQUIRED'],
    ['completing, nothing required', { evidenceRequirement: '' }, { completes: true, evidence: '' }, null],
    ['already done', { completedOn: '2026-10-01' }, { completes: false, evidence: '' }, 'ITEM_DONE'],
    ['in the future', {}, { onDate: '2026-11-24' }, 'DATE_FUTURE'],
    ['before the item', {}, { onDate: '2026-02-01' }, 'DATE_BEFORE_ITEM'],
  ])('%s', (_n, itemPatch, p, code) => {
    const d = decideProgress(
      { ...item, ...itemPatch },
      { onDate: TODAY, note: '推进中', evidence: '', completes: false, ...p },
      TODAY,
    );
    if (code === null) expect(d.ok).toBe(true);
    else expect(d).toMatchObject({ ok: false, code });
  });
});

describe('letterState', () => {
  it.each([
    ['2026-11-01', null, 'overdue'],
    ['2026-11-08', null, 'pending'], // due 2026-11-23: today is the last day
    ['2026-11-07', null, 'overdue'],
    ['2026-01-05', '2026-01-10', 'acknowledged'],
  ] as const)('issued %s acknowledged %s → %s', (issuedOn, acknowledgedOn, want) => {
    expect(letterState({ issuedOn, acknowledgedOn }, 15, TODAY)).toBe(want);
  });
});

describe('decideLetterRecipients', () => {
  it.each<[string, string[], string | null]>([
    ['children', ['/1/2/', '/1/3/'], null],
    ['deeper', ['/1/2/5/'], null],
    ['none', [], 'NO_RECIPIENT'],
    ['the issuer itself', ['/1/'], 'RECIPIENT_OUTSIDE'],
    ['outside', ['/9/2/'], 'RECIPIENT_OUTSIDE'],
    ['twice', ['/1/2/', '/1/2/'], 'RECIPIENT_TWICE'],
  ])('%s', (_n, paths, code) => {
    const d = decideLetterRecipients(
      '/1/',
      paths.map((path) => ({ path })),
    );
    if (code === null) expect(d.ok).toBe(true);
    else expect(d).toMatchObject({ ok: false, code, field: 'orgIds' });
  });
});

describe('decideAccountability', () => {
  const base = {
    type: '约谈',
    types: ['约谈', '通报批评', '责令检查', '组织处理'],
    proposerPath: '/1/',
    targetOrgPath: '/1/2/',
    holdsPost: true,
    rectItemId: 5 as number | null,
    alertId: null as number | null,
  };
  it.each<[string, object, string | null, string | null]>([
    ['township secretary, by the county', {}, null, null],
    ['unknown type', { type: '警告' }, 'ACC_TYPE', 'type'],
    ['target is the proposer itself', { targetOrgPath: '/1/' }, 'TARGET_OUT_OF_SCOPE', 'orgId'],
    ['target outside', { targetOrgPath: '/9/2/' }, 'TARGET_OUT_OF_SCOPE', 'orgId'],
    ['not holding the post', { holdsPost: false }, 'TARGET_OUT_OF_SCOPE', 'personId'],
    ['no finding', { rectItemId: null }, 'FINDING_REQUIRED', 'rectItemId'],
    ['an alert is a finding', { rectItemId: null, alertId: 3 }, null, null],
  ])('%s', (_n, patch, code, field) => {
    const d = decideAccountability({ ...base, ...patch });
    if (code === null) expect(d.ok).toBe(true);
    else
      expect(d).toMatchObject({ ok: false, code, field, message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
  });
  it('message for a target out of scope', () => {
    expect(decideAccountability({ ...base, targetOrgPath: '/9/' })).toMatchObject({
      message: '被问责人不在本组织管理范围内',
    });
  });
});

describe('decideApproval', () => {
  const township = { status: 'proposed', approverPath: '/1/', proposerPath: '/1/2/', proposedBy: 10 };
  const county = { status: 'proposed', approverPath: '/1/', proposerPath: '/1/', proposedBy: 10 };
  it.each<[string, object, { scopePath: string; userId: number }, string | null]>([
    ['county approves a township proposal', township, { scopePath: '/1/', userId: 20 }, null],
    ['the township cannot approve its own', township, { scopePath: '/1/2/', userId: 11 }, 'NOT_APPROVER'],
    ['a sibling township cannot', township, { scopePath: '/1/3/', userId: 12 }, 'NOT_APPROVER'],
    ['county proposal: another county admin', county, { scopePath: '/1/', userId: 20 }, null],
    ['county proposal: not the proposer', county, { scopePath: '/1/', userId: 10 }, 'SELF_APPROVAL'],
    [
      'already decided',
      { ...township, status: 'effective' },
      { scopePath: '/1/', userId: 20 },
      'NOT_PENDING',
    ],
  ])('%s', (_n, rec, actor, code) => {
    const d = decideApproval(rec as typeof township, actor);
    if (code === null) expect(d.ok).toBe(true);
    else expect(d).toMatchObject({ ok: false, code });
  });
});

describe('canSeeAccountability', () => {
  it.each([
    ['/1/', '/1/2/', true], // the county sees a township's proposal
    ['/1/2/', '/1/2/', true], // the proposer
    ['/1/2/5/', '/1/2/', false], // the target branch does not
    ['/1/3/', '/1/2/', false], // a sibling does not
  ] as const)('scope %s, proposer %s → %s', (scope, proposer, want) => {
    expect(canSeeAccountability(scope, proposer)).toBe(want);
  });
});
