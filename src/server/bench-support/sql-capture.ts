// Captures the SQL a piece of code runs (through a Kysely plugin on a wrapped instance) and
// re-executes the captured reads bare, through the driver connection, to time the SQL alone:
// the "ratio to the bare SQL" of the benchmark (issue 9) is API time / this time.
import type {
  CompiledQuery,
  Kysely,
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import type { DB } from '../db/schema.ts';

export interface CapturedQuery {
  sql: string;
  parameters: readonly unknown[];
  /** True for statements that only read (they are safe to re-run). */
  read: boolean;
}

/** Reads: SELECT, VALUES, or a WITH that does not write. */
export function isReadStatement(text: string): boolean {
  const s = text.trimStart().toLowerCase();
  if (s.startsWith('select') || s.startsWith('values')) return true;
  if (s.startsWith('with')) return !/\b(insert|update|delete)\b/.test(s);
  return false;
}

class CapturePlugin implements KyselyPlugin {
  recording: { node: RootOperationNode; queryId: PluginTransformQueryArgs['queryId'] }[] | null = null;

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.recording?.push({ node: args.node, queryId: args.queryId });
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

export interface QueryCapture {
  /** The instance to give to the code under test (same connections, plus the recorder). */
  db: Kysely<DB>;
  /** Runs fn while recording, and returns what it ran, compiled for the engine. */
  record<T>(fn: () => Promise<T>): Promise<{ value: T; queries: CapturedQuery[] }>;
}

export function createQueryCapture(base: Kysely<DB>): QueryCapture {
  const plugin = new CapturePlugin();
  const db = base.withPlugin(plugin);
  return {
    db,
    async record(fn) {
      if (plugin.recording) throw new Error('capture already recording');
      plugin.recording = [];
      try {
        const value = await fn();
        const executor = db.getExecutor();
        const queries = plugin.recording.map(({ node, queryId }) => {
          const compiled = executor.compileQuery(node, queryId);
          return { sql: compiled.sql, parameters: compiled.parameters, read: isReadStatement(compiled.sql) };
        });
        return { value, queries };
      } finally {
        plugin.recording = null;
      }
    },
  };
}

/**
 * Executes the read statements one after another on one driver connection and returns the
 * elapsed milliseconds and rows (no Kysely query building, no plugins, no result mapping).
 */
export async function runBare(
  base: Kysely<DB>,
  queries: readonly CapturedQuery[],
  clock: () => number,
): Promise<{ ms: number; rows: number }> {
  const reads = queries.filter((q) => q.read);
  return base.getExecutor().provideConnection(async (conn) => {
    let rows = 0;
    const started = clock();
    for (const q of reads) {
      const result = await conn.executeQuery({ sql: q.sql, parameters: q.parameters } as CompiledQuery);
      rows += result.rows.length;
    }
    return { ms: clock() - started, rows };
  });
}
