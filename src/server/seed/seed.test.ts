import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/db-harness.ts';
import { canContain } from '../../core/org/org.rules.ts';
import { isBranchKind, type OrgKind } from '../../core/org/org.types.ts';
import { parseIdNumber } from '../../core/person/id-number.ts';
import { addDays as coreAddDays, addYears as coreAddYears, ageOn } from '../../core/shared/dates.ts';
import { graduateStatusBounds } from '../../core/roster/graduate.rules.ts';
import { NATIONAL_RULEBOOK, ruleValue } from '../../core/rulebook/rulebook.ts';
import { verifyAuditChain } from '../audit/audit.repository.ts';
import { loadConfig } from '../config.ts';
import type { AppContext } from '../context.ts';
import { decryptField } from '../crypto/field-crypto.ts';
import { ephemeralKeyRing } from '../crypto/keys.ts';
import { verifyPassword } from '../modules/auth/password-hash.ts';
import { countGraduates, listGraduates } from '../modules/roster/roster-graduates.repository.ts';
import { addDays, addYears } from './days.ts';
import { seedDemo, seedDigest, type SeedSummary } from './demo.seed.ts';
import { Rng } from './prng.ts';
import { buildPlan } from './scales.ts';

const NOW = new Date('2026-11-23T02:00:00Z');
const TODAY = '2026-11-23';
const PASSWORD = 'Seed-Test-Pass-2026';

describe('demo data generator (pure)', () => {
  it('generates identical data for the same scale and day', () => {
    const a = seedDigest('county', TODAY);
    const b = seedDigest('county', TODAY);
    expect(a.digest).toBe(b.digest);
    expect(a.orgs).toBe(b.orgs);
    expect(a.members).toBe(b.members);
    expect(seedDigest('county', '2026-11-24').digest).not.toBe(a.digest);
  });

  it('has fast date helpers that agree with core/shared/dates', () => {
    const rng = new Rng('dates');
    for (let i = 0; i < 2000; i++) {
      const d = coreAddDays('1930-01-01', rng.int(0, 40000));
      const n = rng.int(-40000, 40000);
      expect(addDays(d, n)).toBe(coreAddDays(d, n));
      const y = rng.int(-90, 90);
      expect(addYears(d, y)).toBe(coreAddYears(d, y));
    }
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
  });

  it('plans a city of roughly 200,000 members', () => {
    const plan = buildPlan('city', TODAY);
    expect(plan.totalMembers).toBeGreaterThan(180_000);
    expect(plan.totalMembers).toBeLessThan(220_000);
    expect(plan.orgs.length).toBeGreaterThan(8_000);
    expect(plan.orgs.every((o) => o.code.length <= 32)).toBe(true);
  });
});

describeEachEngine('demo seed (county)', (use, engine) => {
  let ctx: AppContext;
  let summary: SeedSummary;

  beforeAll(async () => {
    const { db } = use();
    ctx = {
      db,
      engine,
      ring: ephemeralKeyRing(),
      config: loadConfig({ DANGJIAN_KDF_LOG_N: '10' } as NodeJS.ProcessEnv),
      now: () => NOW,
    };
    summary = await seedDemo(ctx, { password: PASSWORD, scale: 'county' });
  }, 300_000);

  it('returns the database totals: the pure generator counts plus what module seeds add', () => {
    const expected = seedDigest('county', TODAY);
    // Module seeds add a few organisations (a new enterprise branch) and admitted members.
    expect(summary.orgs).toBeGreaterThanOrEqual(expected.orgs);
    expect(summary.orgs).toBeLessThan(expected.orgs + 10);
    expect(summary.members).toBeGreaterThanOrEqual(expected.members);
    expect(summary.members).toBeLessThan(expected.members + 200);
  });

  it('builds a valid organisation tree of 400+ organisations', async () => {
    const orgs = await ctx.db.selectFrom('orgs').selectAll().orderBy('id').execute();
    expect(orgs.length).toBe(summary.orgs);
    expect(orgs.length).toBeGreaterThanOrEqual(400);
    const byId = new Map(orgs.map((o) => [Number(o.id), o]));
    const kinds = new Set(orgs.map((o) => o.kind));
    for (const k of ['党委', '党工委', '党总支', '党支部', '联合党支部', '临时党支部', '党小组']) expect(kinds).toContain(k);
    expect(orgs.filter((o) => o.kind === '党总支').length).toBeGreaterThanOrEqual(5);
    expect(orgs.filter((o) => o.kind === '党小组').length).toBeGreaterThanOrEqual(20);
    for (const o of orgs) {
      expect(o.code).toMatch(/^[A-Za-z0-9_-]{1,32}$/);
      expect(Array.isArray(JSON.parse(o.unit_names))).toBe(true);
      if (o.parent_id === null) {
        expect(o.path).toBe(`/${o.id}/`);
        continue;
      }
      const parent = byId.get(Number(o.parent_id))!;
      expect(o.path).toBe(`${parent.path}${o.id}/`);
      expect(Number(o.depth)).toBe(o.path.split('/').length - 2);
      expect(canContain(parent.kind as OrgKind, o.kind as OrgKind)).toBe(true);
    }
    const roots = orgs.filter((o) => o.parent_id === null);
    expect(roots.map((o) => o.name)).toEqual(['枫林县委']);
    expect(orgs.filter((o) => o.parent_id === roots[0]!.id && /(镇|乡)党委$|街道党工委$/.test(o.name)).length).toBeGreaterThanOrEqual(15);
  });

  it('gives every member one current membership in a branch', async () => {
    const rows = await ctx.db
      .selectFrom('memberships as m')
      .innerJoin('orgs as o', 'o.id', 'm.org_id')
      .select(['m.person_id', 'o.kind', 'm.org_path', 'o.path'])
      .where('m.valid_to', 'is', null)
      .execute();
    expect(rows.length).toBe(summary.members);
    expect(new Set(rows.map((r) => Number(r.person_id))).size).toBe(summary.members);
    expect(rows.filter((r) => !isBranchKind(r.kind) || r.org_path !== r.path)).toEqual([]);
    // History: transfers and probation→full changes, so a past day's roster differs from today's.
    const [moved] = await sql<{ n: number }>`select count(*) as n from memberships
      where valid_to is not null and valid_to > '2026-03-01' and valid_to <= ${TODAY}`.execute(ctx.db).then((r) => r.rows);
    expect(Number(moved!.n)).toBeGreaterThan(5);
    const [changed] = await sql<{ n: number }>`select count(*) as n from memberships where reason = '转正'`.execute(ctx.db).then((r) => r.rows);
    expect(Number(changed!.n)).toBeGreaterThanOrEqual(10);
  });

  it('has realistic member distributions', async () => {
    expect(summary.members).toBeGreaterThanOrEqual(9_000);
    expect(summary.members).toBeLessThanOrEqual(11_000);
    const people = await ctx.db
      .selectFrom('persons as p')
      .innerJoin('memberships as m', (j) => j.onRef('m.person_id', '=', 'p.id').on('m.valid_to', 'is', null))
      .innerJoin('orgs as o', 'o.id', 'm.org_id')
      .select(['p.id', 'p.gender', 'p.birth_date', 'p.category', 'p.joined_on', 'p.full_member_on', 'p.ethnicity', 'p.education', 'p.name', 'o.sector'])
      .execute();
    const n = people.length;
    // People admitted through the development module follow its own dates (e.g. an extended 预备期).
    const admitted = new Set(
      (await ctx.db.selectFrom('dev_candidates').select('person_id').where('person_id', 'is not', null).execute()).map((r) => Number(r.person_id)),
    );
    const share = (f: (p: (typeof people)[number]) => boolean, of = people) => of.filter(f).length / of.length;
    const old = (p: (typeof people)[number]) => ageOn(p.birth_date!, TODAY) >= 61;
    expect(share((p) => p.gender === '女')).toBeGreaterThanOrEqual(0.28);
    expect(share((p) => p.gender === '女')).toBeLessThanOrEqual(0.34);
    expect(share(old)).toBeGreaterThanOrEqual(0.25);
    expect(share(old)).toBeLessThanOrEqual(0.33);
    const villages = people.filter((p) => p.sector === '农村');
    const organs = people.filter((p) => p.sector === '机关');
    expect(share(old, villages)).toBeGreaterThan(0.35);
    expect(share(old, villages)).toBeGreaterThan(share(old, organs) + 0.2);
    const probationary = share((p) => p.category === '预备党员');
    expect(probationary).toBeGreaterThanOrEqual(0.04);
    expect(probationary).toBeLessThanOrEqual(0.06);
    expect(share((p) => p.ethnicity !== '汉族')).toBeGreaterThan(0.01);
    expect(share((p) => p.ethnicity !== '汉族')).toBeLessThan(0.1);
    // Members admitted by the development module's seed carry no education yet (null).
    expect(new Set(people.map((p) => p.education).filter((e) => e !== null)).size).toBe(6);
    const yearAgo = coreAddYears(TODAY, -1);
    const bad = people.filter((p) => {
      if (admitted.has(Number(p.id))) return false;
      if (!/^\p{Script=Han}{2,3}$/u.test(p.name) || p.joined_on! < coreAddYears(p.birth_date!, 18)) return true;
      if (p.category === '预备党员') return p.full_member_on !== null || p.joined_on! <= yearAgo;
      return p.full_member_on !== coreAddYears(p.joined_on!, 1) || p.full_member_on > TODAY;
    });
    expect(bad).toEqual([]);
    expect(n).toBe(summary.members);
  });

  it('stores valid, encrypted ID numbers and phones', async () => {
    const sample = await ctx.db
      .selectFrom('persons')
      .select(['id_number_enc', 'id_number_masked', 'birth_date', 'gender', 'phone_enc', 'phone_masked'])
      .where(sql<number>`id % 20`, '=', 0)
      .orderBy('id')
      .limit(500)
      .execute();
    expect(sample.length).toBe(Math.min(500, Math.floor(summary.members / 20)));
    let phones = 0;
    for (const p of sample) {
      const id = decryptField(ctx.ring, 'persons.id_number', p.id_number_enc!);
      const facts = parseIdNumber(id);
      expect(facts.ok).toBe(true);
      if (!facts.ok) continue;
      expect(facts.value.birthDate).toBe(p.birth_date);
      expect(facts.value.gender).toBe(p.gender);
      expect(p.id_number_masked).toBe(id.slice(0, 4) + '**********' + id.slice(-4));
      if (p.phone_enc) {
        phones++;
        const phone = decryptField(ctx.ring, 'persons.phone', p.phone_enc);
        expect(phone).toMatch(/^1[35789]\d{9}$/);
        expect(p.phone_masked).toBe(phone.slice(0, 3) + '****' + phone.slice(7));
      }
    }
    expect(phones / sample.length).toBeGreaterThan(0.8);
  });

  it('keeps a few graduates retained at school branches: the list finds the overdue ones', async () => {
    const rules = {
      maxYears: ruleValue<number>(NATIONAL_RULEBOOK, 'roster.graduate.maxYears', TODAY),
      warnDays: ruleValue<number>(NATIONAL_RULEBOOK, 'roster.graduate.warnDays', TODAY),
    };
    const f = { scopePath: '/1/', on: TODAY, bounds: graduateStatusBounds(TODAY, rules) };
    const counts = await countGraduates(ctx.db, f);
    expect(counts.total).toBe(5);
    expect(counts.overdue).toBeGreaterThanOrEqual(1);
    expect(counts.dueSoon).toBeGreaterThanOrEqual(1);
    expect(counts.normal).toBeGreaterThanOrEqual(1);
    const overdue = await listGraduates(ctx.db, { ...f, status: '已超期' }, null, 50);
    expect(overdue.length).toBe(counts.overdue);
    const sectors = await ctx.db
      .selectFrom('orgs')
      .select('sector')
      .where('id', 'in', overdue.map((r) => Number(r.org_id)))
      .execute();
    expect(sectors.every((o) => o.sector === '学校')).toBe(true);
  });

  it('fills posts with realistic vacancies', async () => {
    const branches = await ctx.db.selectFrom('orgs').select(['id', 'kind']).where('kind', 'in', ['党支部', '联合党支部', '临时党支部']).execute();
    const current = await ctx.db
      .selectFrom('positions')
      .select(['org_id', 'post', 'valid_from', 'valid_to'])
      .where('valid_from', '<=', TODAY)
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', TODAY)]))
      .execute();
    const withSecretary = new Set(current.filter((p) => p.post === '书记').map((p) => Number(p.org_id)));
    const vacant = branches.filter((b) => !withSecretary.has(Number(b.id)));
    expect(vacant.length).toBeGreaterThanOrEqual(3);
    expect(vacant.length).toBeLessThanOrEqual(10);
    const posts = new Set(current.map((p) => p.post));
    for (const post of ['书记', '副书记', '组织委员', '宣传委员', '纪检委员', '委员']) expect(posts).toContain(post);
    const ended = await ctx.db.selectFrom('positions').select(['valid_from', 'valid_to']).where('valid_to', 'is not', null).execute();
    expect(ended.length).toBeGreaterThan(0);
    for (const p of ended) expect(p.valid_to! > p.valid_from).toBe(true);
    const root = await ctx.db.selectFrom('positions').select('post').where('org_id', '=', 1).where('post', '=', '书记').execute();
    expect(root.length).toBe(1);
  });

  it('creates the demo accounts in the documented order', async () => {
    const roles = summary.users.map((u) => u.role);
    for (const r of ['system_admin', 'security_admin', 'audit_admin', 'org_admin', 'worker', 'member']) expect(roles).toContain(r);
    expect(summary.users.slice(0, 3).map((u) => u.username)).toEqual(['sysadmin', 'secadmin', 'auditor']);
    const firstAdmin = summary.users.find((u) => u.role === 'org_admin')!;
    expect(firstAdmin.orgId).not.toBe(1);
    expect(firstAdmin.orgName).toMatch(/党委$/);
    const admins = summary.users.filter((u) => u.role === 'org_admin');
    expect(admins[admins.length - 1]!.username).toBe('county_admin');
    expect(admins.length).toBeGreaterThanOrEqual(15);
    const workers = summary.users.filter((u) => u.role === 'worker');
    expect(workers.length).toBe(10);
    const org = await ctx.db.selectFrom('orgs').select('kind').where('id', '=', workers[0]!.orgId).executeTakeFirstOrThrow();
    expect(isBranchKind(org.kind)).toBe(true);
    const order = ['system_admin', 'security_admin', 'audit_admin', 'org_admin', 'worker', 'member'];
    expect(roles.map((r) => order.indexOf(r))).toEqual([...roles.map((r) => order.indexOf(r))].sort((a, b) => a - b));
    for (const u of summary.users) expect(u.username).toMatch(/^[a-z0-9_]+$/);

    const users = await ctx.db.selectFrom('users').selectAll().execute();
    expect(users.length).toBe(summary.users.length);
    expect(new Set(users.map((u) => u.password_hash)).size).toBe(users.length);
    expect(await verifyPassword(PASSWORD, users[0]!.password_hash)).toBe(true);
    const members = users.filter((u) => u.username.startsWith('member_'));
    expect(members.length).toBeGreaterThan(0);
    for (const m of members) {
      const row = await ctx.db
        .selectFrom('memberships')
        .select('org_id')
        .where('person_id', '=', m.person_id!)
        .where('valid_to', 'is', null)
        .executeTakeFirstOrThrow();
      expect(Number(row.org_id)).toBe(Number(m.scope_org_id));
    }
  });

  it('marks demo mode and audits the seed', async () => {
    const settings = await ctx.db.selectFrom('settings').selectAll().orderBy('key').execute();
    expect(settings.find((s) => s.key === 'demo_mode')?.value).toBe('1');
    expect(JSON.parse(settings.find((s) => s.key === 'seed')!.value)).toEqual({ scale: 'county', at: NOW.toISOString() });
    const audit = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'seed.demo').execute();
    expect(audit.length).toBe(1);
    // The base seed's own audit row counts what it wrote; module seeds audit themselves.
    const detail = JSON.parse(audit[0]!.detail) as { orgs: number; members: number; users: number };
    expect(detail.users).toBe(summary.users.length);
    expect(detail.orgs).toBeLessThanOrEqual(summary.orgs);
    expect(detail.members).toBeLessThanOrEqual(summary.members);
    expect((await verifyAuditChain(ctx.db, ctx.ring)).ok).toBe(true);
  });

  it('leaves id sequences usable and refuses to seed twice', async () => {
    await ctx.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('orgs')
        .values({ code: 'SEQ-CHECK', name: '序列检查', kind: '党支部', sector: '其他', parent_id: 1, path: 'x', depth: 0, created_at: NOW.toISOString(), updated_at: NOW.toISOString() })
        .returning('id')
        .executeTakeFirstOrThrow();
      expect(Number(row.id)).toBe(summary.orgs + 1);
      await trx.deleteFrom('orgs').where('id', '=', row.id).execute();
    });
    await expect(seedDemo(ctx, { password: PASSWORD, scale: 'county' })).rejects.toThrow(/数据库不为空/);
  });
});
