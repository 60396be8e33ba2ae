// PGlite as the PostgreSQL stand-in for tests without a server: adapts PGlite to the
// pool/client interface Kysely's PostgresDialect drives. PGlite has one connection, so
// connect() hands it out to one borrower at a time (transactions must not interleave).
import type { PGlite } from '@electric-sql/pglite';
import { PostgresDialect } from 'kysely';

interface PoolClientLike {
  query(sql: string, parameters: readonly unknown[]): Promise<{ command: string; rowCount: number; rows: unknown[] }>;
  release(): void;
}

export function createPgliteDialect(pg: PGlite): PostgresDialect {
  let queue: Promise<void> = Promise.resolve();
  const client = (release: () => void): PoolClientLike => ({
    async query(sql, parameters) {
      const result = await pg.query(sql, parameters as unknown[]);
      const command = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? 'SELECT';
      return { command, rowCount: result.affectedRows ?? 0, rows: result.rows };
    },
    release,
  });
  const pool = {
    connect(): Promise<PoolClientLike> {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const previous = queue;
      queue = previous.then(() => held);
      return previous.then(() => client(release));
    },
    async end(): Promise<void> {
      await pg.close();
    },
  };
  // The dialect only calls connect() and end(); the cast narrows pg's Pool type to those.
  return new PostgresDialect({ pool: pool as never });
}
