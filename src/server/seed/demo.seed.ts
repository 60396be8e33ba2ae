// Deterministic demo data: a fictional county (or city, or province) with its organisation
// tree, members, membership history, posts and demo accounts. The same scale and day give
// the same data every run (only ciphertexts and password salts differ). Written into an
// empty, migrated database in streamed multi-row batches.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { chinaDate, isIsoDate } from '../../core/shared/dates.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import type { AppContext } from '../context.ts';
import { hashPassword } from '../modules/auth/password-hash.ts';
import { planAccounts, type AccountSpec } from './accounts.ts';
import { runModuleSeeds } from './module-seed.ts';
import { PeopleGenerator } from './people.ts';
import type { Plan, Scale } from './plan.ts';
import { buildPlan, SEED_VERSION } from './scales.ts';
import { BatchWriter, insertOrgs, orgRow } from './writer.ts';

export interface SeedOptions {
  password: string;
  scale: 'county' | 'city' | 'province';
  onProgress?: (done: number, total: number, phase: string) => void;
  /** ISO date the data is relative to; default = today in China. */
  today?: string;
  /** Run the module demo seeds too (default). The benchmark runs and times them itself. */
  modules?: boolean;
}

export interface SeedSummary {
  orgs: number;
  members: number;
  users: { username: string; role: string; orgId: number; orgCode: string; orgName: string }[];
}

/** Pending rows before a flush, and rows per transaction (so a province commits in steps). */
const FLUSH_ROWS = 6000;
const ROWS_PER_TRANSACTION = 150_000;

interface ResolvedAccount extends AccountSpec {
  personId: number | null;
}

function resolveAccounts(
  specs: AccountSpec[],
  plain: ReadonlyMap<number, { id: number; name: string }>,
): ResolvedAccount[] {
  const out: ResolvedAccount[] = [];
  for (const s of specs) {
    if (!s.memberOf) {
      out.push({ ...s, personId: null });
      continue;
    }
    const person = plain.get(s.memberOf.id);
    if (person) out.push({ ...s, displayName: person.name, personId: person.id });
  }
  return out;
}

export async function seedDemo(ctx: AppContext, options: SeedOptions): Promise<SeedSummary> {
  const existing = await ctx.db
    .selectFrom('orgs')
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) throw new Error('数据库不为空：演示数据只能写入空库');
  const progress = options.onProgress ?? (() => {});
  const now = ctx.now().toISOString();
  const today = options.today ?? chinaDate(ctx.now());
  if (!isIsoDate(today)) throw new Error(`演示数据的基准日期无效：${today}`);
  if (!['county', 'city', 'province'].includes(options.scale))
    throw new Error(`未知的演示规模：${String(options.scale)}`);
  const plan = buildPlan(options.scale, today);
  const specs = planAccounts(plan);

  const wanted = new Set(specs.filter((s) => s.memberOf).map((s) => s.memberOf!.id));
  const plain = new Map<number, { id: number; name: string }>();
  // A larger page cache while the indexes grow (restored afterwards).
  let members = 0;
  const cacheSize = ctx.engine === 'sqlite' ? await sqliteCacheSize(ctx, -131_072) : null;
  try {
    members = await writeData(ctx, plan, now, progress, wanted, plain);
  } finally {
    if (cacheSize !== null) await sqliteCacheSize(ctx, cacheSize);
  }

  // scrypt with a per-user salt for every account. Not overlapped with the inserts: on a
  // small machine the memory-hard hashes slow the writer down more than they save.
  const accounts = resolveAccounts(specs, plain);
  progress(0, accounts.length, 'accounts');
  const hashes: string[] = [];
  for (let i = 0; i < accounts.length; i += 4) {
    hashes.push(
      ...(await Promise.all(
        accounts.slice(i, i + 4).map(() => hashPassword(options.password, ctx.config.kdfLogN)),
      )),
    );
    progress(hashes.length, accounts.length, 'accounts');
  }
  await ctx.db.transaction().execute(async (trx) => {
    const users = accounts.map((a, i) => ({
      id: i + 1,
      username: a.username,
      display_name: a.displayName,
      password_hash: hashes[i]!,
      scope_org_id: a.org.id,
      person_id: a.personId,
      must_change_password: 1,
      password_changed_at: now,
      created_at: now,
      updated_at: now,
    }));
    await trx.insertInto('users').values(users).execute();
    await trx
      .insertInto('user_roles')
      .values(accounts.map((a, i) => ({ user_id: i + 1, role: a.role })))
      .execute();
    await trx
      .insertInto('password_history')
      .values(
        users.map((u) => ({ id: u.id, user_id: u.id, password_hash: u.password_hash, created_at: now })),
      )
      .execute();
    await trx
      .insertInto('settings')
      .values([
        { key: 'demo_mode', value: '1', updated_at: now },
        { key: 'seed', value: JSON.stringify({ scale: options.scale, at: now }), updated_at: now },
      ])
      .execute();
    await appendAudit(trx, ctx.ring, {
      at: now,
      action: 'seed.demo',
      result: 'ok',
      objectType: 'database',
      detail: { orgs: plan.orgs.length, members, users: accounts.length },
    });
    if (ctx.engine === 'postgres') {
      // Explicit ids bypassed the serial sequences: move them past the highest id.
      for (const table of ['orgs', 'persons', 'memberships', 'positions', 'users', 'password_history']) {
        await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(
          trx,
        );
      }
    }
  });
  progress(accounts.length, accounts.length, 'accounts');

  // Each module adds its own demo data (meetings, candidates, campaigns …) on top.
  if (options.modules !== false)
    await runModuleSeeds(ctx, { today, scale: options.scale, onProgress: progress });

  // Module seeds add organisations (e.g. a new enterprise branch) and members (admitted
  // candidates): report what the database holds, not what the base plan wrote.
  const totals = await ctx.db
    .selectFrom('orgs')
    .select([
      sql<number>`count(*)`.as('orgs'),
      sql<number>`(select count(*) from memberships where valid_to is null and valid_from <= ${today})`.as(
        'members',
      ),
    ])
    .executeTakeFirstOrThrow();
  void members;
  await analyzeTables(ctx);
  return { orgs: Number(totals.orgs), members: Number(totals.members), users: summariseUsers(accounts) };
}

/**
 * Planner statistics for the tables just filled (docs/performance.md finding 1): without them
 * PostgreSQL (autovacuum off, or before its naptime) and SQLite (which never gathers them
 * itself) plan subtree counts as full scans. PostgreSQL: only the tables of our schema, so a
 * shared server's other schemas are left alone.
 */
export async function analyzeTables(ctx: AppContext): Promise<void> {
  if (ctx.engine === 'sqlite') {
    await sql`analyze`.execute(ctx.db);
    return;
  }
  const { rows } = await sql<{
    tablename: string;
  }>`select tablename from pg_tables where schemaname = current_schema()`.execute(ctx.db);
  for (const t of rows) await sql`analyze ${sql.table(t.tablename)}`.execute(ctx.db);
}

type Progress = (done: number, total: number, phase: string) => void;

/** Returns the previous cache_size and sets the new one (negative = KiB). */
async function sqliteCacheSize(ctx: AppContext, size: number): Promise<number> {
  const { rows } = await sql<{ cache_size: number }>`pragma cache_size`.execute(ctx.db);
  await sql.raw(`pragma cache_size = ${Math.trunc(size)}`).execute(ctx.db);
  return Number(rows[0]?.cache_size ?? -2000);
}

/** Organisations in one transaction, then members, memberships and posts streamed in steps. */
async function writeData(
  ctx: AppContext,
  plan: Plan,
  now: string,
  progress: Progress,
  wanted: ReadonlySet<number>,
  plain: Map<number, { id: number; name: string }>,
): Promise<number> {
  progress(0, plan.orgs.length, 'orgs');
  await ctx.db.transaction().execute(async (trx) => {
    for (let i = 0; i < plan.orgs.length; i += 5000) {
      await insertOrgs(trx, plan.orgs.slice(i, i + 5000), now);
      progress(Math.min(i + 5000, plan.orgs.length), plan.orgs.length, 'orgs');
    }
  });

  const generator = new PeopleGenerator(plan);
  const branches = generator.branches();
  const writer = new BatchWriter(ctx, now);
  let members = 0;
  let finished = false;
  progress(0, plan.totalMembers, 'members');
  while (!finished) {
    await ctx.db.transaction().execute(async (trx) => {
      let written = 0;
      while (written < ROWS_PER_TRANSACTION) {
        const next = branches.next();
        if (next.done) {
          finished = true;
          break;
        }
        const batch = next.value;
        if (wanted.has(batch.org.id) && batch.plainMemberId !== null) {
          const p = batch.persons.find((x) => x.id === batch.plainMemberId)!;
          plain.set(batch.org.id, { id: p.id, name: p.name });
        }
        members += batch.persons.length;
        writer.add(batch);
        if (writer.pendingRows >= FLUSH_ROWS) {
          written += await writer.flush(trx);
          progress(members, plan.totalMembers, 'members');
        }
      }
      await writer.flush(trx);
    });
  }
  progress(members, plan.totalMembers, 'members');
  return members;
}

/** Users ordered: system, security and audit administrators, org admins, workers, members. */
function summariseUsers(accounts: readonly ResolvedAccount[]): SeedSummary['users'] {
  const order = ['system_admin', 'security_admin', 'audit_admin', 'org_admin', 'worker', 'member'];
  return accounts
    .map((a, i) => ({ a, i }))
    .sort((x, y) => order.indexOf(x.a.role) - order.indexOf(y.a.role) || x.i - y.i)
    .map(({ a }) => ({
      username: a.username,
      role: a.role,
      orgId: a.org.id,
      orgCode: a.org.code,
      orgName: a.org.name,
    }));
}

/**
 * A stable digest of everything the seed would write for a scale and day, without a
 * database (ciphertexts and password hashes excluded): equal digests = identical data.
 */
export function seedDigest(
  scale: Scale,
  today: string,
): { digest: string; orgs: number; members: number; plan: Plan } {
  const hash = createHash('sha256');
  hash.update(SEED_VERSION);
  const plan = buildPlan(scale, today);
  for (const org of plan.orgs) hash.update(JSON.stringify(orgRow(org, '')));
  const specs = planAccounts(plan);
  const wanted = new Set(specs.filter((s) => s.memberOf).map((s) => s.memberOf!.id));
  const plain = new Map<number, { id: number; name: string }>();
  let members = 0;
  for (const batch of new PeopleGenerator(plan).branches()) {
    members += batch.persons.length;
    hash.update(JSON.stringify([batch.persons, batch.memberships, batch.positions]));
    if (wanted.has(batch.org.id) && batch.plainMemberId !== null) {
      const p = batch.persons.find((x) => x.id === batch.plainMemberId)!;
      plain.set(batch.org.id, { id: p.id, name: p.name });
    }
  }
  for (const a of resolveAccounts(specs, plain))
    hash.update(JSON.stringify([a.username, a.role, a.org.id, a.personId, a.displayName]));
  return { digest: hash.digest('hex'), orgs: plan.orgs.length, members, plan };
}
