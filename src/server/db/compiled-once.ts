// A hot read compiled once per database instead of on every call. Kysely builds the operation
// tree and compiles it to SQL anew for each execution: for the organisation page's statement
// (ten correlated subqueries) that took ≈ 0.5 ms, longer than SQLite took to run it
// (docs/performance.md, GET /api/orgs/:id). The query is built once with placeholder values,
// compiled, and later runs bind the real values by position.
import { createQueryId, type CompiledQuery, type Compilable, type Kysely, type QueryExecutor } from 'kysely';

type Params = Record<string, string | number>;

interface Prepared {
  compiled: CompiledQuery;
  /** For each compiled parameter: the name of the value it takes, or null to keep the built-in constant. */
  slots: (string | null)[];
}

const SENTINEL = '\u0000compiled-once:';

/**
 * Wraps `build` (which must use each named value only as a bound parameter, never to decide
 * the query's shape) so that it is compiled once per database instance. Instances with plugins
 * (e.g. the benchmark's statement recorder) compile on every call so the plugins see the query.
 */
export function compiledOnce<DB, P extends Params, R>(
  build: (db: Kysely<DB>, params: P) => Compilable<R>,
): (db: Kysely<DB>, params: P) => Promise<R[]> {
  const cache = new WeakMap<QueryExecutor, Prepared>();
  return async (db, params) => {
    const executor = db.getExecutor();
    if (executor.plugins.length > 0) return (await db.executeQuery(build(db, params))).rows;
    let prepared = cache.get(executor);
    if (!prepared) {
      const names = Object.keys(params);
      const placeholders = Object.fromEntries(names.map((n) => [n, SENTINEL + n])) as unknown as P;
      const compiled = build(db, placeholders).compile();
      const slots = compiled.parameters.map((v) =>
        typeof v === 'string' && v.startsWith(SENTINEL) ? v.slice(SENTINEL.length) : null,
      );
      const unused = names.filter((n) => !slots.includes(n));
      if (unused.length > 0) throw new Error(`compiledOnce: values not bound as parameters: ${unused.join(', ')}`);
      prepared = { compiled, slots };
      cache.set(executor, prepared);
    }
    const { compiled, slots } = prepared;
    const parameters = slots.map((name, i) => (name === null ? compiled.parameters[i] : params[name]));
    const result = await db.executeQuery<R>({ ...compiled, parameters, queryId: createQueryId() } as CompiledQuery<R>);
    return result.rows;
  };
}
