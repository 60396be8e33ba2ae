// The org-page read cache (read-cache.ts) may never show a figure a write has changed: each
// table the page reads is written once, by builder or raw SQL, inside and outside transactions,
// and the next GET /api/orgs/:id must show the change. Plus the cache's own rules.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../../test/api-harness.ts';
import { describeEachEngine } from '../../../test/db-harness.ts';
import { ReadCache, cachedRead, readCacheFor } from './read-cache.ts';

describe('ReadCache', () => {
  const options = { tables: ['orgs'], ttlMs: 60_000, maxEntries: 2 };

  it('keeps a loaded value and serves it without loading again', async () => {
    const cache = new ReadCache<number>(options);
    let loads = 0;
    const load = async () => ++loads;
    expect([await cache.through('a', load), await cache.through('a', load)]).toEqual([1, 1]);
    expect(loads).toBe(1);
  });

  it('does not store a value whose load overlapped an invalidation', async () => {
    const cache = new ReadCache<string>(options);
    const value = await cache.through('a', async () => {
      cache.invalidate(); // a write while the load was reading
      return 'old';
    });
    expect(value).toBe('old');
    expect(cache.get('a')).toBeUndefined();
  });

  it('drops expired entries and bounds its size', async () => {
    const expired = new ReadCache<string>({ ...options, ttlMs: -1 });
    expired.set('a', 'x', expired.generation);
    expect(expired.get('a')).toBeUndefined();
    const small = new ReadCache<string>(options);
    for (const k of ['a', 'b', 'c']) small.set(k, k, small.generation);
    expect([small.get('a'), small.get('b'), small.get('c')]).toEqual([undefined, undefined, 'c']);
  });

  it('loads every time when there is no cache', async () => {
    let loads = 0;
    await cachedRead(null, 'a', async () => ++loads);
    await cachedRead(null, 'a', async () => ++loads);
    expect(loads).toBe(2);
  });
});

describeEachEngine('org page read cache', (use) => {
  let t: TestApp;

  async function page(id: number) {
    const s = await t.login('sysadmin');
    const res = await s.request('GET', `/api/orgs/${id}`);
    expect(res.statusCode).toBe(200);
    const { data } = res.json() as {
      data: { name: string; counts: { members: number; subtreeMembers: number; childOrgs: number }; secretary: { name: string } | null };
    };
    return { name: data.name, members: data.counts.members, subtree: data.counts.subtreeMembers, childOrgs: data.counts.childOrgs, secretary: data.secretary?.name ?? null };
  }

  it('is one cache per database, absent for databases whose writes it cannot see', async () => {
    t = await openTestApp(use());
    const options = { tables: ['orgs'], ttlMs: 1000, maxEntries: 10 };
    const first = readCacheFor(t.ctx.db, 'x', options);
    expect(first).not.toBeNull();
    expect(readCacheFor(t.ctx.db, 'x', options)).toBe(first);
  });

  it('shows every write to the tables the page reads at once', async () => {
    const { branchA, townA, secretaryA } = t.fixture;
    const { db } = t.ctx;
    const now = t.ctx.now().toISOString();
    expect(await page(branchA.id)).toEqual({ name: '甲镇东村党支部', members: 3, subtree: 3, childOrgs: 1, secretary: '李华' });
    expect((await page(townA.id)).subtree).toBe(3);

    // memberships (builder, in a transaction) → own and ancestors' subtree counts.
    const extra = await db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('persons')
        .values({ name: '周新', gender: '男', category: '预备党员', created_at: now, updated_at: now, education: '大学本科', birth_date: '1990-01-01', joined_on: '2025-07-01', full_member_on: null, id_number_enc: null, id_number_bidx: null, id_number_masked: null, phone_enc: null, phone_bidx: null, phone_masked: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('memberships').values({ person_id: id, org_id: branchA.id, org_path: branchA.path, category: '预备党员', valid_from: '2025-07-01', valid_to: null, reason: '入党', created_at: now }).execute();
      return id;
    });
    expect(await page(branchA.id)).toMatchObject({ members: 4, subtree: 4 });
    expect((await page(townA.id)).subtree).toBe(4);

    // memberships (raw SQL) → closing it.
    await sql`update memberships set valid_to = ${'2026-01-01'} where person_id = ${extra}`.execute(db);
    expect(await page(branchA.id)).toMatchObject({ members: 3, subtree: 3 });

    // persons → the secretary's name.
    await db.updateTable('persons').set({ name: '李华华' }).where('id', '=', secretaryA).execute();
    expect((await page(branchA.id)).secretary).toBe('李华华');

    // positions → no secretary.
    await db.updateTable('positions').set({ valid_to: '2026-06-01' }).where('person_id', '=', secretaryA).execute();
    expect((await page(branchA.id)).secretary).toBeNull();

    // orgs → name and active children.
    await db.updateTable('orgs').set({ name: '甲镇东村第一党支部' }).where('id', '=', branchA.id).execute();
    await db.updateTable('orgs').set({ status: 'dissolved' }).where('parent_id', '=', branchA.id).execute();
    expect(await page(branchA.id)).toMatchObject({ name: '甲镇东村第一党支部', childOrgs: 0 });
  });

  it('keys the figures by day: moving the clock gives that day’s counts', async () => {
    const { branchA } = t.fixture;
    t.setNow('2019-06-01T02:00:00.000Z'); // before the fixture's members joined (2020)
    expect((await page(branchA.id)).members).toBe(1); // only 孙离 (2019-01-01 → 2026-03-01)
    t.setNow('2026-11-23T02:00:00.000Z');
  });
});
