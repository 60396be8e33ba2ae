// 软弱涣散 signal LIFE_ON_PAPER (组织生活不正常、流于形式) on both engines, computed from org-life's
// stored meetings and quality findings: too few meetings in 12 months, or most records form-only.
import { expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';
import { addDays, chinaDate } from '../../../core/shared/dates.ts';
import { refreshAlerts } from '../alerts/alerts.service.ts';

async function meetings(t: TestApp, org: { id: number; path: string }, n: number, formal: number) {
  const now = t.ctx.now().toISOString();
  const today = chinaDate(t.ctx.now());
  for (let i = 0; i < n; i++) {
    const heldOn = addDays(today, -20 * (i + 1));
    const m = await t.ctx.db
      .insertInto('life_meetings')
      .values({
        org_id: org.id,
        org_path: org.path,
        type: '支部委员会会议',
        title: `支委会${i + 1}`,
        held_on: heldOn,
        start_time: null,
        place: null,
        status: 'held',
        series_id: null,
        agenda: null,
        minutes: '会议记录',
        resolutions: null,
        speaker: null,
        topic: null,
        minutes_chars: 4,
        recorded_on: heldOn,
        expected_count: 0,
        present_count: 0,
        leave_count: 0,
        absent_count: 0,
        excluded_count: 0,
        created_by: null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (i < formal)
      await t.ctx.db
        .insertInto('life_findings')
        .values({
          meeting_id: m.id,
          seq: 1,
          org_id: org.id,
          org_path: org.path,
          held_on: heldOn,
          code: 'MINUTES_SHORT',
          detail: '会议记录过简',
        })
        .execute();
  }
}

describeEachEngine('软弱涣散 signal: organisational life on paper', (use) => {
  it('flags the branch whose records are mostly form and the branch that hardly meets, not the one that meets properly', async () => {
    const t = await openTestApp(use());
    const { branchA, branchA2, townA } = t.fixture;
    await meetings(t, branchA, 10, 6); // 6 of 10 form-only → on paper
    await meetings(t, branchA2, 10, 2); // 2 of 10 → fine
    await refreshAlerts(t.ctx);
    const a = await t.login('admin_a');
    const res = await a.request('GET', `/api/org-system/orgs/${townA.id}/weak-cases`);
    expect(res.statusCode, res.body).toBe(200);
    const signals = res.json().data.signals as Array<{
      orgCode: string;
      signals: Array<{ code: string; detail: string }>;
    }>;
    const paper = (code: string) =>
      signals.find((s) => s.orgCode === code)?.signals.find((x) => x.code === 'LIFE_ON_PAPER');
    expect(paper('TA-1')?.detail).toBe(
      '近12个月召开的10次组织生活中有6次记录缺失、过简、雷同或补记（达到50%）',
    );
    expect(paper('TA-2')).toBeUndefined();
    // The alert registry carries it for the township's staff.
    const alerts = await t.ctx.db
      .selectFrom('alerts')
      .select(['org_id', 'detail'])
      .where('code', '=', 'WEAK_SIGNAL')
      .where('is_open', '=', 1)
      .where('subject_id', 'like', '%:LIFE_ON_PAPER')
      .execute();
    expect(alerts.map((x) => x.org_id)).toContain(branchA.id);
    expect(alerts.map((x) => x.org_id)).not.toContain(branchA2.id);
  });
});
