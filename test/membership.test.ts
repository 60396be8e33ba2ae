import { expect, it } from 'vitest';
import { holdersOn, membersOn, countMembersOn } from '../src/server/modules/membership/membership.repository.ts';
import { openTestApp } from './api-harness.ts';
import { describeEachEngine } from './db-harness.ts';

describeEachEngine('effective-dated membership and positions', (use) => {
  it('answers who belonged to a branch and who was its secretary on a given day', async () => {
    const t = await openTestApp(use());
    const { db } = t.ctx;
    const { branchA, branchB } = t.fixture;
    const names = async (orgId: number, on: string) => (await membersOn(db, orgId, on)).map((m) => m.name).sort();
    expect(await names(branchA.id, '2026-02-01')).toEqual(['孙离', '张明', '李华', '王强'].sort());
    expect(await names(branchA.id, '2026-03-01')).toEqual(['张明', '李华', '王强'].sort());
    expect(await names(branchB.id, '2026-02-28')).toEqual(['赵敏', '钱进'].sort());
    expect(await names(branchB.id, '2026-03-01')).toEqual(['孙离', '赵敏', '钱进'].sort());
    expect((await holdersOn(db, branchA.id, '书记', '2026-02-14')).map((h) => h.name)).toEqual(['张明']);
    expect((await holdersOn(db, branchA.id, '书记', '2026-02-15')).map((h) => h.name)).toEqual(['李华']);
    expect(await countMembersOn(db, branchA, '2026-02-01')).toEqual({ members: 4, fullMembers: 3, probationaryMembers: 1, subtreeMembers: 4 });
    expect((await membersOn(db, branchA.id, '2019-12-31')).map((m) => m.name)).toEqual(['孙离']);
    await t.app.close();
  });
});
