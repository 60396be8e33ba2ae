import { describe, expect, it } from 'vitest';
import {
  developmentDueNotice,
  digestNotice,
  termDueNotice,
  transferDecidedNotice,
} from './notifications.rules.ts';

const none = { red: 0, orange: 0, yellow: 0 };

describe('daily digest', () => {
  const cases: Array<{
    name: string;
    unread: number;
    alerts: { red: number; orange: number; yellow: number } | null;
    body: string | null;
  }> = [
    { name: 'nothing to say', unread: 0, alerts: none, body: null },
    { name: 'a member with nothing unread', unread: 0, alerts: null, body: null },
    { name: 'unread only', unread: 3, alerts: null, body: '您有3条未读通知。' },
    {
      name: 'alerts only, zero severities left out',
      unread: 0,
      alerts: { red: 2, orange: 0, yellow: 5 },
      body: '甲镇党委及下级有待处理预警7条（红色2条、黄色5条）。',
    },
    {
      name: 'both',
      unread: 1,
      alerts: { red: 0, orange: 1, yellow: 0 },
      body: '您有1条未读通知；甲镇党委及下级有待处理预警1条（橙色1条）。',
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const n = digestNotice({
        day: '2026-11-23',
        unread: c.unread,
        alerts: c.alerts,
        scopeName: '甲镇党委',
        link: null,
      });
      expect(n?.body ?? null).toBe(c.body);
      if (n) expect(n.dedupeKey).toBe('digest:2026-11-23');
    });
});

describe('event notices', () => {
  it('keys a daily finding by its subject and date, so a changed deadline notifies again', () => {
    const a = developmentDueNotice({
      candidateId: 7,
      candidate: '王五',
      step: 2,
      due: '2026-12-01',
      what: '派人谈话期限',
    });
    const b = developmentDueNotice({
      candidateId: 7,
      candidate: '王五',
      step: 2,
      due: '2026-12-02',
      what: '派人谈话期限',
    });
    expect(a.dedupeKey).toBe('development:7:2:2026-12-01');
    expect(b.dedupeKey).not.toBe(a.dedupeKey);
    expect(termDueNotice({ orgId: 5, orgName: '东村党支部', termEnd: '2027-03-01' }).dedupeKey).toBe(
      'term:5:2027-03-01',
    );
  });

  it('says whether a transfer request was taken up or declined, with the reason', () => {
    expect(transferDecidedNotice({ id: 1, decision: 'converted', destination: '乙镇南村党支部' }).title).toBe(
      '组织关系转接申请已受理',
    );
    const d = transferDecidedNotice({
      id: 1,
      decision: 'declined',
      destination: '乙镇南村党支部',
      reason: '材料不全',
    });
    expect(d.body).toContain('理由：材料不全');
  });
});
