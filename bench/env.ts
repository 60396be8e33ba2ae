// One benchmark database: SQLite in a temp file or a dedicated PostgreSQL schema, seeded with
// the shared deterministic generator (src/server/seed) and the module demo seeds, plus the
// app, a recording Kysely instance (for the bare-SQL ratio) and logged-in sessions.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { BRANCH_KINDS } from '../src/core/org/org.types.ts';
import { chinaDate } from '../src/core/shared/dates.ts';
import { buildApp } from '../src/server/app.ts';
import type { BenchEngine, BenchScale, SeedFigure } from '../src/server/bench-support/report.ts';
import { createQueryCapture, type QueryCapture } from '../src/server/bench-support/sql-capture.ts';
import { loadConfig } from '../src/server/config.ts';
import type { AppContext } from '../src/server/context.ts';
import { loadKeyRing } from '../src/server/crypto/keys.ts';
import { runKnownAnswerTests } from '../src/server/crypto/sm.ts';
import { createDatabase, isEmpty, migrateToLatest, type Database } from '../src/server/db/database.ts';
import { pathUpperBound } from '../src/server/db/dialect.ts';
import { seedDemo } from '../src/server/seed/demo.seed.ts';
import { MODULE_SEEDS } from '../src/server/seed/module-seed.ts';

/** The demo password of the seeded accounts (the benchmark database is throw-away). */
export const BENCH_PASSWORD = 'Dangjian-Bench-2026';

export interface OrgRef {
  id: number;
  code: string;
  name: string;
  path: string;
}

export interface BenchOptions {
  scale: BenchScale;
  /** Keep the database (temp file / schema) after the run. */
  keep: boolean;
  /** Reuse a kept database of the same scale instead of seeding again. */
  reuse: boolean;
  /** HTTP throughput: seconds per endpoint and concurrent connections. */
  durationSec: number;
  connections: number;
  /** Timed iterations per query scenario (fewer when the time budget runs out). */
  iterations: number;
  /** Time budget per query scenario, ms. */
  budgetMs: number;
  postgresUrl: string;
  log: (message: string) => void;
  progress: (label: string) => { update(done: number, total: number, phase?: string): void; stop(): void };
}

export interface Session {
  cookie: string;
  csrf: string;
  request(method: InjectOptions['method'], url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

export interface BenchEnv {
  scale: BenchScale;
  engine: BenchEngine;
  options: BenchOptions;
  today: string;
  /** Plain context (no recorder): for the throughput server and for setup. */
  base: AppContext;
  /** Context whose database records statements while `capture.record` runs. */
  ctx: AppContext;
  capture: QueryCapture;
  /** The app on `ctx`, ready for inject (not listening). */
  app: FastifyInstance;
  orgs: { root: OrgRef; county: OrgRef; township: OrgRef; branch: OrgRef };
  /** Usernames of seeded accounts scoped to those organisations. */
  users: { root: string; county: string; township: string; worker: string | null };
  session(username: string): Promise<Session>;
  clock: () => number;
}

export interface OpenedBench {
  env: BenchEnv;
  seed: SeedFigure;
  describe: string;
  close(): Promise<void>;
}

const WORK_DIR = join(tmpdir(), 'dangjian-bench');

function benchConfig(databaseUrl: string, keyFile: string) {
  // Real password hashing cost (15) for the seeded accounts; a generous per-IP login throttle.
  return loadConfig({
    DATABASE_URL: databaseUrl,
    DANGJIAN_KEY_FILE: keyFile,
    DANGJIAN_LOGIN_PER_IP_PER_MINUTE: '1000',
  } as NodeJS.ProcessEnv);
}

async function openEngine(
  engine: BenchEngine,
  options: BenchOptions,
): Promise<{ database: Database; keyFile: string; drop(): Promise<void> }> {
  mkdirSync(WORK_DIR, { recursive: true });
  if (engine === 'sqlite') {
    const file = join(WORK_DIR, `bench-${options.scale}.db`);
    const keyFile = join(WORK_DIR, `bench-${options.scale}.sqlite.keys.json`);
    if (!options.reuse)
      for (const f of [file, `${file}-wal`, `${file}-shm`, keyFile]) rmSync(f, { force: true });
    const database = await createDatabase(file);
    return {
      database,
      keyFile,
      drop: async () => {
        for (const f of [file, `${file}-wal`, `${file}-shm`, keyFile]) rmSync(f, { force: true });
      },
    };
  }
  // BENCH_SCHEMA lets two people bench on one server without dropping each other's schema.
  const schema = process.env.BENCH_SCHEMA ?? `bench_${options.scale}`;
  const keyFile = join(WORK_DIR, `bench-${options.scale}.postgres.keys.json`);
  const admin = new pg.Client({ connectionString: options.postgresUrl });
  await admin.connect();
  try {
    if (!options.reuse) {
      await admin.query(`drop schema if exists ${schema} cascade`);
      rmSync(keyFile, { force: true });
    }
    await admin.query(`create schema if not exists ${schema}`);
  } finally {
    await admin.end();
  }
  const database = await createDatabase(options.postgresUrl, { schema, poolSize: 10 });
  return {
    database,
    keyFile,
    drop: async () => {
      const c = new pg.Client({ connectionString: options.postgresUrl });
      await c.connect();
      try {
        await c.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await c.end();
      }
      rmSync(keyFile, { force: true });
    },
  };
}

async function seedAll(ctx: AppContext, options: BenchOptions, today: string): Promise<SeedFigure> {
  const bar = options.progress(`生成${options.scale}数据`);
  const started = performance.now();
  const summary = await seedDemo(ctx, {
    password: BENCH_PASSWORD,
    scale: options.scale,
    today,
    modules: false,
    onProgress: (d, t, p) => bar.update(d, t, p),
  });
  bar.stop();
  const ms = performance.now() - started;
  options.log(`  基础数据: ${summary.orgs} 个组织, ${summary.members} 名党员, ${(ms / 1000).toFixed(1)} s`);
  const modules: SeedFigure['modules'] = [];
  // The same order and seed numbers as runModuleSeeds; one module's failure does not stop the others.
  for (const [i, m] of MODULE_SEEDS.entries()) {
    const t0 = performance.now();
    const mbar = options.progress(`模块演示数据 ${m.name}`);
    try {
      await m.run(ctx, {
        today,
        scale: options.scale,
        seed: 20261123 + i + 1,
        onProgress: (d, t, p) => mbar.update(d, t, p),
      });
      modules.push({ name: m.name, ms: performance.now() - t0 });
    } catch (error) {
      modules.push({
        name: m.name,
        ms: performance.now() - t0,
        error: error instanceof Error ? error.message : String(error),
      });
      options.log(`  模块 ${m.name} 演示数据失败: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      mbar.stop();
    }
  }
  return { reused: false, ms, orgs: summary.orgs, members: summary.members, modules, analyzeMs: 0 };
}

/** Planner statistics for every table of the benchmark database (only ours on a shared PostgreSQL). */
async function analyze(database: Database): Promise<number> {
  const started = performance.now();
  if (database.engine === 'sqlite') {
    await sql`analyze`.execute(database.db);
  } else {
    const schema = database.schema ?? 'public';
    const tables = await sql<{
      tablename: string;
    }>`select tablename from pg_tables where schemaname = ${schema}`.execute(database.db);
    for (const t of tables.rows) await sql`analyze ${sql.id(schema, t.tablename)}`.execute(database.db);
  }
  return performance.now() - started;
}

async function countRows(ctx: AppContext): Promise<{ orgs: number; members: number }> {
  const orgs = await ctx.db
    .selectFrom('orgs')
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  const persons = await ctx.db
    .selectFrom('persons')
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return { orgs: Number(orgs.n), members: Number(persons.n) };
}

async function userOrg(ctx: AppContext, username: string): Promise<OrgRef | null> {
  const row = await ctx.db
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.scope_org_id')
    .select(['o.id', 'o.code', 'o.name', 'o.path'])
    .where('u.username', '=', username)
    .executeTakeFirst();
  return row ?? null;
}

/** The branch with the most current members under a township (ties: lowest path). */
async function biggestBranch(ctx: AppContext, township: OrgRef, today: string): Promise<OrgRef> {
  const row = await ctx.db
    .selectFrom('orgs as o')
    .innerJoin('memberships as m', 'm.org_id', 'o.id')
    .select(['o.id', 'o.code', 'o.name', 'o.path', sql<number>`count(*)`.as('n')])
    .where('o.path', '>=', township.path)
    .where('o.path', '<', pathUpperBound(township.path))
    .where('o.kind', 'in', [...BRANCH_KINDS])
    .where('m.valid_from', '<=', today)
    .where((eb) => eb.or([eb('m.valid_to', 'is', null), eb('m.valid_to', '>', today)]))
    .groupBy(['o.id', 'o.code', 'o.name', 'o.path'])
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('o.path')
    .executeTakeFirst();
  if (!row) throw new Error(`no branch with members under ${township.name}`);
  return { id: row.id, code: row.code, name: row.name, path: row.path };
}

export async function openBench(engine: BenchEngine, options: BenchOptions): Promise<OpenedBench> {
  runKnownAnswerTests();
  const opened = await openEngine(engine, options);
  const { database } = opened;
  const config = benchConfig(engine === 'sqlite' ? 'sqlite:bench' : options.postgresUrl, opened.keyFile);
  const { ring } = loadKeyRing({ keyFile: opened.keyFile, createIfMissing: true });
  const today = chinaDate(new Date());
  const base: AppContext = { db: database.db, engine: database.engine, ring, config, now: () => new Date() };
  let seed: SeedFigure;
  try {
    await migrateToLatest(database.db, database.schema);
    if (options.reuse && !(await isEmpty(database.db)) && existsSync(opened.keyFile)) {
      const n = await countRows(base);
      seed = { reused: true, ms: 0, orgs: n.orgs, members: n.members, modules: [], analyzeMs: 0 };
      options.log(`  复用已有数据: ${n.orgs} 个组织, ${n.members} 人`);
    } else {
      if (!(await isEmpty(database.db)))
        throw new Error('基准数据库不为空，且不能复用（缺少密钥文件）：去掉 --reuse 重新生成');
      seed = await seedAll(base, options, today);
    }
    seed.analyzeMs = await analyze(database);
  } catch (error) {
    await database.close();
    if (!options.keep) await opened.drop();
    throw error;
  }

  const capture = createQueryCapture(database.db);
  const ctx: AppContext = { ...base, db: capture.db };
  const app = await buildApp(ctx);
  await app.ready();

  const rootRow = await base.db
    .selectFrom('orgs')
    .select(['id', 'code', 'name', 'path'])
    .where('parent_id', 'is', null)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const township = (await userOrg(base, 'admin_t01')) ?? rootRow;
  const county = (await userOrg(base, 'admin_c01')) ?? rootRow;
  const branch = await biggestBranch(base, township, today);
  const worker = await base.db
    .selectFrom('users')
    .select('username')
    .where('username', '=', 'worker_1')
    .executeTakeFirst();

  const sessions = new Map<string, Session>();
  const session = async (username: string): Promise<Session> => {
    const cached = sessions.get(username);
    if (cached) return cached;
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: BENCH_PASSWORD },
    });
    if (res.statusCode !== 200) throw new Error(`登录 ${username} 失败: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'dj_sid');
    if (!cookie) throw new Error(`登录 ${username} 没有返回会话 cookie`);
    const csrf = (res.json() as { data: { csrfToken: string } }).data.csrfToken;
    const header = `dj_sid=${cookie.value}`;
    const s: Session = {
      cookie: header,
      csrf,
      request: (method, url, body) =>
        app.inject({
          method,
          url,
          headers: { cookie: header, 'x-csrf-token': csrf },
          ...(body === undefined ? {} : { payload: body as object }),
        }),
    };
    sessions.set(username, s);
    return s;
  };

  const env: BenchEnv = {
    scale: options.scale,
    engine,
    options,
    today,
    base,
    ctx,
    capture,
    app,
    orgs: { root: rootRow, county, township, branch },
    users: {
      root: 'county_admin',
      county: county.id === rootRow.id ? 'county_admin' : 'admin_c01',
      township: 'admin_t01',
      worker: worker?.username ?? null,
    },
    session,
    clock: () => performance.now(),
  };
  return {
    env,
    seed,
    describe:
      engine === 'sqlite'
        ? `临时文件 ${join(WORK_DIR, `bench-${options.scale}.db`)}`
        : `schema bench_${options.scale}`,
    async close() {
      await app.close();
      await database.close();
      if (!options.keep) await opened.drop();
    },
  };
}
