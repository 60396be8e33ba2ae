import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  sql,
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from 'kysely';
import pg from 'pg';
import type { Engine } from './dialect.ts';
import { migrationProvider } from './migrations/index.ts';
import { createPgliteDialect } from './pglite-dialect.ts';
import type { DB } from './schema.ts';

export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  /** A human description without credentials, for logs. */
  describe: string;
  /** PostgreSQL schema holding the tables (and Kysely's migration tables). */
  schema?: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL: schema to use via search_path (tests isolate themselves this way). */
  schema?: string;
  poolSize?: number;
}

// bigint (count(*), sums) as JS numbers: our counts stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

export function sqlitePathFromUrl(url: string): string {
  return url.replace(/^sqlite:(\/\/)?/i, '');
}

export async function createDatabase(url: string, options: DatabaseOptions = {}): Promise<Database> {
  if (isPostgresUrl(url)) {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    const db = watchedKysely(new PostgresDialect({ pool }));
    const safe = url.replace(/\/\/[^@/]*@/, '//***@');
    return {
      db,
      engine: 'postgres',
      describe: `PostgreSQL ${safe}`,
      schema: options.schema ?? 'public',
      close: () => db.destroy(),
    };
  }
  if (url.startsWith('pglite:')) {
    const { PGlite } = await import('@electric-sql/pglite');
    const dir = url.slice('pglite:'.length);
    const instance = dir && dir !== 'memory' ? new PGlite(dir) : new PGlite();
    await instance.waitReady;
    const db = watchedKysely(createPgliteDialect(instance));
    return {
      db,
      engine: 'postgres',
      describe: `PGlite ${dir || 'memory'}`,
      schema: 'public',
      close: () => db.destroy(),
    };
  }
  const file = resolve(sqlitePathFromUrl(url));
  mkdirSync(dirname(file), { recursive: true });
  const handle = new SQLite(file);
  handle.pragma('journal_mode = WAL');
  handle.pragma('synchronous = FULL');
  handle.pragma('foreign_keys = ON');
  handle.pragma('busy_timeout = 5000');
  // 64 MiB page cache (the default is 2 MiB): bulk writes into random-order indexes (blind
  // indexes) and subtree reports otherwise churn pages through the OS cache.
  handle.pragma('cache_size = -65536');
  const db = watchedKysely(new SqliteDialect({ database: cachingStatements(handle) }));
  return { db, engine: 'sqlite', describe: `SQLite ${file}`, close: () => db.destroy() };
}

/**
 * On PostgreSQL the migration tables are pinned to our schema: Kysely's existence check
 * looks across schemas, and another schema's tables must not count as ours.
 */
export async function migrateToLatest(db: Kysely<DB>, schema?: string): Promise<string[]> {
  // Unordered: migrations of modules built in parallel land in any order, and a database that
  // already ran a later-named one must still run an earlier-named newcomer.
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    allowUnorderedMigrations: true,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function isEmpty(db: Kysely<DB>): Promise<boolean> {
  const row = await db
    .selectFrom('orgs')
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0) === 0;
}

// ---------------------------------------------------------------------------------------------
// SQLite: a prepared-statement cache. Kysely's SqliteDriver calls `prepare(sql)` for every query
// and better-sqlite3 compiles it anew each time (≈ 30 % of the CPU of a small authenticated
// request, docs/performance.md finding 5). A statement is reusable once it has run (the driver
// holds the single connection for the whole of a streamed query), so the same SQL text gets the
// same statement. Bounded: SQL with a variable number of `in (?, …)` parameters makes many texts.

const STATEMENT_CACHE_SIZE = 1000;

function cachingStatements(handle: SQLite.Database) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    prepare(text: string): SQLite.Statement {
      let statement = cache.get(text);
      if (statement) return statement;
      statement = handle.prepare(text);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      cache.set(text, statement);
      return statement;
    },
    close(): void {
      cache.clear();
      handle.close();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Write notifications. In-memory caches (the session → actor cache of the auth module, the
// demo_mode setting) must forget what a write changes, whichever module writes, without every
// module having to call them. The driver is wrapped: each statement that writes a table is
// reported when it runs, and again once its transaction has committed or rolled back (a cache
// refilled between the statement and the commit by another connection would otherwise keep
// the old rows). Subscribers choose the tables and which writes matter to them.

export interface WriteEvent {
  table: string;
  op: 'insert' | 'update' | 'delete';
  /** Columns an update sets (null when unknown, e.g. raw SQL). */
  columns: readonly string[] | null;
}

export interface WriteSubscriber {
  tables: ReadonlySet<string>;
  /** Whether this write can change what the subscriber caches. */
  matters(event: WriteEvent): boolean;
  /** Forget the cached state. Called when the statement runs and after its transaction ends. */
  invalidate(): void;
}

interface WriteHub {
  subscribers: Set<WriteSubscriber>;
}

/** Keyed by the dialect adapter, which every Kysely instance of one database shares (withPlugin, transactions). */
const hubs = new WeakMap<object, WriteHub>();

/**
 * Subscribes to the writes of the database behind `db`. Returns the unsubscribe function, or
 * null when the database was not opened by createDatabase (then nothing may be cached).
 */
export function subscribeWrites(db: Kysely<DB>, subscriber: WriteSubscriber): (() => void) | null {
  const hub = hubs.get(db.getExecutor().adapter);
  if (!hub) return null;
  hub.subscribers.add(subscriber);
  return () => hub.subscribers.delete(subscriber);
}

const WRITE = /^\s*(insert\s+into|update|delete\s+from)\s+"?([A-Za-z_][\w]*)"?/i;
const CTE_WRITE = /\b(insert\s+into|update|delete\s+from)\s+"?([A-Za-z_][\w]*)"?/gi;

function writesOf(query: CompiledQuery): WriteEvent[] {
  const text = query.sql;
  const first = text.charCodeAt(0) | 0x20; // i, u, d, w (with …)
  if (first !== 0x69 && first !== 0x75 && first !== 0x64 && first !== 0x77) return [];
  const found: RegExpExecArray[] = [];
  if (first === 0x77) found.push(...text.matchAll(CTE_WRITE));
  else {
    const m = WRITE.exec(text);
    if (m) found.push(m);
  }
  return found.map((m) => {
    const verb = m[1]!.toLowerCase();
    const op = verb.startsWith('insert') ? 'insert' : verb.startsWith('update') ? 'update' : 'delete';
    const node = query.query as {
      kind?: string;
      updates?: ReadonlyArray<{ column?: { column?: { name?: string } } }>;
    };
    const columns =
      op === 'update' && node.kind === 'UpdateQueryNode' && node.updates && found.length === 1
        ? node.updates.map((u) => u.column?.column?.name ?? '?')
        : null;
    return { table: m[2]!.toLowerCase(), op, columns };
  });
}

class WatchedConnection implements DatabaseConnection {
  inTransaction = false;
  readonly pending = new Set<WriteSubscriber>();
  constructor(
    readonly inner: DatabaseConnection,
    private readonly hub: WriteHub,
  ) {}

  private notify(query: CompiledQuery): WriteSubscriber[] {
    if (this.hub.subscribers.size === 0) return [];
    const hit: WriteSubscriber[] = [];
    for (const event of writesOf(query)) {
      for (const s of this.hub.subscribers) {
        if (s.tables.has(event.table) && s.matters(event)) {
          s.invalidate();
          hit.push(s);
        }
      }
    }
    return hit;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const hit = this.notify(query);
    if (hit.length === 0) return this.inner.executeQuery<R>(query);
    try {
      return await this.inner.executeQuery<R>(query);
    } finally {
      if (this.inTransaction) for (const s of hit) this.pending.add(s);
      else for (const s of hit) s.invalidate();
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }

  endTransaction(): void {
    this.inTransaction = false;
    for (const s of this.pending) s.invalidate();
    this.pending.clear();
  }
}

function watchedDriver(inner: Driver, hub: WriteHub): Driver {
  const wrappers = new WeakMap<DatabaseConnection, WatchedConnection>();
  const unwrap = (c: DatabaseConnection) => (c as WatchedConnection).inner;
  const driver: Driver = {
    init: () => inner.init(),
    async acquireConnection() {
      const connection = await inner.acquireConnection();
      let wrapped = wrappers.get(connection);
      if (!wrapped) wrappers.set(connection, (wrapped = new WatchedConnection(connection, hub)));
      return wrapped;
    },
    async beginTransaction(c, settings) {
      await inner.beginTransaction(unwrap(c), settings);
      (c as WatchedConnection).inTransaction = true;
    },
    async commitTransaction(c) {
      try {
        await inner.commitTransaction(unwrap(c));
      } finally {
        (c as WatchedConnection).endTransaction();
      }
    },
    async rollbackTransaction(c) {
      try {
        await inner.rollbackTransaction(unwrap(c));
      } finally {
        (c as WatchedConnection).endTransaction();
      }
    },
    releaseConnection: (c) => inner.releaseConnection(unwrap(c)),
    destroy: () => inner.destroy(),
  };
  if (inner.savepoint) driver.savepoint = (c, name, compile) => inner.savepoint!(unwrap(c), name, compile);
  if (inner.rollbackToSavepoint)
    driver.rollbackToSavepoint = (c, name, compile) => inner.rollbackToSavepoint!(unwrap(c), name, compile);
  if (inner.releaseSavepoint)
    driver.releaseSavepoint = (c, name, compile) => inner.releaseSavepoint!(unwrap(c), name, compile);
  return driver;
}

function watchedKysely(dialect: Dialect): Kysely<DB> {
  const hub: WriteHub = { subscribers: new Set() };
  const adapter = dialect.createAdapter();
  const db = new Kysely<DB>({
    dialect: {
      createAdapter: () => adapter,
      createDriver: () => watchedDriver(dialect.createDriver(), hub),
      createQueryCompiler: () => dialect.createQueryCompiler(),
      createIntrospector: (k) => dialect.createIntrospector(k),
    },
  });
  hubs.set(db.getExecutor().adapter, hub);
  return db;
}
