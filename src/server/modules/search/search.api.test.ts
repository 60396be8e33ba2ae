// Global search: results only from the caller's subtree, each with type, label, description and link.
import { expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';

interface Result {
  type: 'org' | 'member' | 'meeting';
  id: number;
  label: string;
  description: string;
  link: string;
}

async function meeting(t: TestApp, org: { id: number; path: string }, title: string): Promise<number> {
  const now = t.ctx.now().toISOString();
  const row = await t.ctx.db
    .insertInto('life_meetings')
    .values({
      org_id: org.id,
      org_path: org.path,
      type: '主题党日',
      title,
      held_on: '2026-11-20',
      start_time: null,
      place: null,
      status: 'scheduled',
      series_id: null,
      agenda: null,
      minutes: null,
      resolutions: null,
      speaker: null,
      topic: null,
      minutes_chars: 0,
      recorded_on: null,
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
  return row.id;
}

describeEachEngine('global search', (use) => {
  let t: TestApp;
  let meetingA: number;
  let meetingB: number;

  const search = async (username: string, q: string) => {
    const s = await t.login(username);
    const res = await s.request('GET', `/api/search?q=${encodeURIComponent(q)}`);
    return res;
  };

  it('finds organisations, members and meetings of the caller’s subtree with Chinese descriptions and links', async () => {
    t = await openTestApp(use());
    const { branchA, branchB } = t.fixture;
    meetingA = await meeting(t, branchA, '甲镇东村主题党日学习');
    meetingB = await meeting(t, branchB, '乙镇南村主题党日学习');

    const res = await search('admin_a', '东村');
    expect(res.statusCode).toBe(200);
    const data = res.json().data as Result[];
    expect(data).toContainEqual({
      type: 'org',
      id: branchA.id,
      label: '甲镇东村党支部',
      description: '党支部 · 编码 TA-1',
      link: `/orgs/${branchA.id}`,
    });
    expect(data).toContainEqual({
      type: 'meeting',
      id: meetingA,
      label: '甲镇东村主题党日学习',
      description: '主题党日 · 2026-11-20 · 甲镇东村党支部',
      link: `/org-life/meetings/${meetingA}`,
    });

    const members = (await search('admin_a', '张')).json().data as Result[];
    expect(members.filter((r) => r.type === 'member').map((r) => [r.label, r.description])).toEqual([
      ['张明', '正式党员 · 甲镇东村党支部'],
    ]);
    expect(members.find((r) => r.type === 'member')?.link).toBe(
      `/orgs/${branchA.id}/roster?q=${encodeURIComponent('张明')}&match=prefix`,
    );
  });

  it('returns nothing outside the caller’s subtree: organisations, members (also one who moved out) and meetings', async () => {
    const { townB, branchB } = t.fixture;
    // Township B's organisations, members and meetings, searched for by a township-A admin and a branch-A worker.
    for (const username of ['admin_a', 'worker_a']) {
      for (const q of ['乙镇', 'TB', '赵敏', '钱进', '孙离', '南村', '主题党日']) {
        const res = await search(username, q);
        expect(res.statusCode, `${username} ${q}`).toBe(200);
        const data = res.json().data as Result[];
        const leaked = data.filter(
          (r) =>
            (r.type === 'org' && [townB.id, branchB.id].includes(r.id)) ||
            (r.type === 'meeting' && r.id === meetingB) ||
            (r.type === 'member' && ['赵敏', '钱进', '孙离'].includes(r.label)),
        );
        expect(leaked, `${username} ${q}`).toEqual([]);
      }
    }
    // The branch worker does not see the sister branch (same township) either.
    const sister = (await search('worker_a', '西村')).json().data as Result[];
    expect(sister).toEqual([]);
    // The township-B admin does find them (the data is there).
    const b = (await search('admin_b', '南村')).json().data as Result[];
    expect(b.map((r) => r.type).sort()).toEqual(['meeting', 'org']);
    const moved = (await search('admin_b', '孙离')).json().data as Result[];
    expect(moved.map((r) => r.description)).toEqual(['正式党员 · 乙镇南村党支部']);
  });

  it('is for org staff only, and names a missing query in Chinese', async () => {
    for (const username of ['member_a', 'auditor', 'secadmin', 'sysadmin']) {
      expect((await search(username, '东村')).statusCode, username).toBe(403);
    }
    const empty = await search('admin_a', '  ');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toContain('不能为空');
  });
});
