// compiledOnce: compiled on the first call, later calls bind their own values by name.
import { sql, type KyselyPlugin } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/db-harness.ts';
import { compiledOnce } from './compiled-once.ts';
import type { DB } from './schema.ts';

describeEachEngine('compiledOnce', (use) => {
  it('binds each call’s values, constants kept, on a statement compiled once', async () => {
    const { db } = use();
    let builds = 0;
    const query = compiledOnce((q: typeof db, p: { a: number; b: string }) => {
      builds++;
      return q
        .selectNoFrom([
          sql<number>`${p.a} + 1`.as('next'),
          sql<string>`${p.b} || ${'!'}`.as('shout'),
          sql<string>`${p.b}`.as('again'),
        ]);
    });
    const cases = [
      { a: 1, b: 'x', next: 2, shout: 'x!' },
      { a: 41, b: '党支部', next: 42, shout: '党支部!' },
      { a: -5, b: '', next: -4, shout: '!' },
    ];
    for (const c of cases) {
      const [row] = await query(db, { a: c.a, b: c.b });
      expect([Number(row!.next), row!.shout, row!.again]).toEqual([c.next, c.shout, c.b]);
    }
    expect(builds).toBe(1);
  });

  it('builds every time on an instance with plugins, so they see the query', async () => {
    const { db } = use();
    const seen: string[] = [];
    const plugin: KyselyPlugin = {
      transformQuery: (args) => {
        seen.push(args.node.kind);
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const query = compiledOnce((q: typeof db, p: { a: number }) => q.selectNoFrom(sql<number>`${p.a}`.as('v')));
    await query(db.withPlugin(plugin), { a: 1 });
    await query(db.withPlugin(plugin), { a: 2 });
    expect(seen).toEqual(['SelectQueryNode', 'SelectQueryNode']);
  });

  it('refuses a value used to shape the query rather than bound', async () => {
    const { db } = use();
    const query = compiledOnce((q: typeof db, p: { table: string }) =>
      q.selectFrom(p.table as keyof DB).select(sql<number>`1`.as('one')),
    );
    await expect(query(db, { table: 'orgs' })).rejects.toThrow(/not bound as parameters: table/);
  });
});
