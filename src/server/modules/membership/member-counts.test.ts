// The member-count rollup (migration 2026_11_24_000100, kept by triggers) must give exactly
// what counting memberships gives, whatever writes memberships and however: multi-row inserts,
// closing, reopening, category changes, transfers, deletes (builder and raw SQL), subtree moves.
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';
import {
  checkMemberCounts,
  countMembersOn,
  countSubtreeMembersByScan,
  countSubtreeMembersOn,
  findOrgPageFacts,
  memberCountsByOrgByScan,
  memberCountsByOrgOn,
  holdersOn,
  rebuildMemberCounts,
} from './membership.repository.ts';

/** Deterministic PRNG (mulberry32): the same sequence of writes on both engines. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAYS = ['2019-06-01', '2025-12-31', '2026-03-01', '2026-11-23', '2026-11-24', '2027-06-30'];
const TODAY = '2026-11-23';

async function orgsOf(t: TestApp) {
  return t.ctx.db.selectFrom('orgs').select(['id', 'path']).orderBy('id').execute();
}

async function expectSameAsScan(t: TestApp) {
  const orgs = await orgsOf(t);
  expect(await checkMemberCounts(t.ctx.db)).toEqual([]);
  for (const day of DAYS) {
    const fast = await countSubtreeMembersOn(t.ctx.db, orgs, day);
    const scan = await countSubtreeMembersByScan(t.ctx.db, orgs, day);
    expect(orgs.map((o) => [o.id, day, fast.get(o.id) ?? 0])).toEqual(
      orgs.map((o) => [o.id, day, scan.get(o.id) ?? 0]),
    );
    // Per organisation (own memberships) under the root and under each township.
    for (const o of orgs.filter((x) => x.path.split('/').length <= 4)) {
      const byRollup = await memberCountsByOrgOn(t.ctx.db, o.path, day);
      const byScan = await memberCountsByOrgByScan(t.ctx.db, o.path, day);
      expect([o.id, day, [...byRollup].sort((a, b) => a[0] - b[0])]).toEqual([o.id, day, [...byScan].sort((a, b) => a[0] - b[0])]);
    }
    // The organisation page's single statement gives the same figures, secretary included.
    for (const o of orgs) {
      const page = await findOrgPageFacts(t.ctx.db, o.id, day, '书记');
      const own = await countMembersOn(t.ctx.db, o, day);
      const [holder] = await holdersOn(t.ctx.db, o.id, '书记', day);
      expect([o.id, day, page?.counts, page?.secretary ?? null]).toEqual([
        o.id,
        day,
        { ...own, subtreeMembers: scan.get(o.id) ?? 0 },
        holder ? { personId: holder.personId, name: holder.name, since: holder.since } : null,
      ]);
    }
  }
}

describeEachEngine('member-count rollup', (use) => {
  it('equals counting memberships after every kind of membership write', async () => {
    const t = await openTestApp(use());
    const { db } = t.ctx;
    const random = prng(20261124);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const persons = (await db.selectFrom('persons').select('id').execute()).map((p) => p.id);
    const now = t.ctx.now().toISOString();
    await expectSameAsScan(t);

    for (let round = 0; round < 4; round++) {
      const orgs = await orgsOf(t);
      // A multi-row insert: open, future-dated, already closed, closing in the future.
      const rows = Array.from({ length: 40 }, () => {
        const org = pick(orgs);
        const from = pick(['2018-01-01', '2024-05-01', '2026-11-23', '2026-12-01', '2027-01-01']);
        const to = pick([null, null, null, '2025-01-01', '2026-11-24', '2027-03-01']);
        return {
          person_id: pick(persons),
          org_id: org.id,
          org_path: org.path,
          category: pick(['正式党员', '预备党员']),
          valid_from: from,
          valid_to: to,
          reason: '测试',
          created_at: now,
        };
      });
      await db.insertInto('memberships').values(rows).execute();
      await expectSameAsScan(t);

      const ids = (await db.selectFrom('memberships').select('id').orderBy('id').execute()).map((r) => r.id);
      await db.transaction().execute(async (trx) => {
        // Close, reopen, change category, transfer, one statement touching many rows.
        await trx
          .updateTable('memberships')
          .set({ valid_to: '2026-11-24' })
          .where('id', '=', pick(ids))
          .execute();
        await trx.updateTable('memberships').set({ valid_to: null }).where('id', '=', pick(ids)).execute();
        await trx
          .updateTable('memberships')
          .set({ category: '正式党员' })
          .where('id', 'in', [pick(ids), pick(ids), pick(ids)])
          .execute();
        const to = pick(orgs);
        await trx
          .updateTable('memberships')
          .set({ org_id: to.id, org_path: to.path })
          .where('id', 'in', [pick(ids), pick(ids)])
          .execute();
        await trx
          .updateTable('memberships')
          .set({ valid_to: '2027-03-01' })
          .where('id', '<', pick(ids))
          .where('valid_to', 'is', null)
          .where('category', '=', '预备党员')
          .execute();
      });
      await expectSameAsScan(t);

      await db.deleteFrom('memberships').where('id', '=', pick(ids)).execute();
      await sql`delete from memberships where id in (${pick(ids)}, ${pick(ids)})`.execute(db);
      // A write that rolls back leaves the rollup as it was.
      await expect(
        db.transaction().execute(async (trx) => {
          await trx.deleteFrom('memberships').where('org_id', '=', t.fixture.branchB.id).execute();
          throw new Error('rollback');
        }),
      ).rejects.toThrow('rollback');
      await expectSameAsScan(t);
    }

    // A subtree move (the orgs service rebases every carried path): group TA-1-1 under TB-1.
    await db
      .insertInto('memberships')
      .values({
        person_id: persons[0]!,
        org_id: t.fixture.groupA.id,
        org_path: t.fixture.groupA.path,
        category: '正式党员',
        valid_from: '2020-01-01',
        valid_to: null,
        reason: '测试',
        created_at: now,
      })
      .execute();
    const admin = await t.login('sysadmin');
    const moved = await admin.request('POST', `/api/orgs/${t.fixture.groupA.id}/move`, {
      parentId: t.fixture.branchB.id,
    });
    expect(moved.statusCode).toBe(200);
    await expectSameAsScan(t);

    // The organisation page's counts agree with the scan too.
    const county = (await orgsOf(t))[0]!;
    const counts = await countMembersOn(db, county, TODAY);
    expect(counts.subtreeMembers).toBe(
      (await countSubtreeMembersByScan(db, [county], TODAY)).get(county.id) ?? 0,
    );

    // Rebuild from scratch gives the same table.
    await sql`update org_member_counts set members = members + 7`.execute(db);
    expect((await checkMemberCounts(db)).length).toBeGreaterThan(0);
    await db.transaction().execute((trx) => rebuildMemberCounts(trx));
    await expectSameAsScan(t);
    await t.app.close();
  });
});
