// Member list page with filters and member search by name. Uses the roster module's
// repository (keyset page on (org_path, person id) + total count) when it exists; otherwise
// the foundation's membersOn and an equivalent keyset page over memberships + persons.
import { containsInsensitive, pathUpperBound } from '../../src/server/db/dialect.ts';
import { membersOn } from '../../src/server/modules/membership/membership.repository.ts';
import type { BenchEnv } from '../env.ts';
import { exported, importOptional, type Loose } from '../optional.ts';
import type { Prepared, Scenario } from '../scenario.ts';
import { countyApiTarget, expectStatus } from '../scenario.ts';

const PAGE = 50;

interface Filter {
  scopePath: string;
  on: string;
  q?: string;
  category?: string;
  gender?: string;
}

async function rosterFunctions(): Promise<{ list: Loose; count: Loose | null } | null> {
  const mod = await importOptional('src/server/modules/roster/roster.repository.ts');
  const list = exported(mod, 'listMembers');
  return list ? { list, count: exported(mod, 'countMembers') } : null;
}

/** Foundation-only page: the same shape of query the roster list runs. */
async function foundationPage(env: BenchEnv, f: Filter): Promise<number> {
  let q = env.ctx.db
    .selectFrom('memberships as m')
    .innerJoin('persons as p', 'p.id', 'm.person_id')
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select([
      'p.id',
      'p.name',
      'p.gender',
      'p.education',
      'p.birth_date',
      'p.joined_on',
      'm.category',
      'm.org_path',
      'o.name as org_name',
    ])
    .where('m.org_path', '>=', f.scopePath)
    .where('m.org_path', '<', pathUpperBound(f.scopePath))
    .where('m.valid_from', '<=', f.on)
    .where((eb) => eb.or([eb('m.valid_to', 'is', null), eb('m.valid_to', '>', f.on)]));
  if (f.q) q = q.where(containsInsensitive('p.name', f.q));
  if (f.category) q = q.where('m.category', '=', f.category);
  if (f.gender) q = q.where('p.gender', '=', f.gender);
  const rows = await q.orderBy('m.org_path').orderBy('p.id').limit(PAGE).execute();
  return rows.length;
}

const ROSTER_LIST = '/api/roster/members';

async function pageWith(
  env: BenchEnv,
  f: Filter,
  scope: { org: { id: number }; user: string },
): Promise<Prepared> {
  if (env.app.hasRoute({ method: 'GET', url: ROSTER_LIST })) {
    const session = await env.session(scope.user);
    const params = new URLSearchParams({ orgId: String(scope.org.id), limit: String(PAGE) });
    if (f.q) params.set('q', f.q);
    if (f.category) params.set('category', f.category);
    if (f.gender) params.set('gender', f.gender);
    const url = `${ROSTER_LIST}?${params}`;
    return {
      kind: 'repeat',
      via: `HTTP GET ${ROSTER_LIST}（首页含总数）`,
      async run() {
        const res = await session.request('GET', url);
        expectStatus(res, 200, `GET ${url}`);
        return (res.json() as { data: { items: unknown[] } }).data.items.length;
      },
    };
  }
  const roster = await rosterFunctions();
  if (roster) {
    return {
      kind: 'repeat',
      via: `roster.repository listMembers${roster.count ? ' + countMembers' : ''}（名册接口未注册时直接调用）`,
      async run() {
        const rows = (await roster.list(env.ctx.db, f, null, PAGE)) as unknown[];
        if (roster.count) await roster.count(env.ctx.db, f);
        return rows.length;
      },
    };
  }
  return {
    kind: 'repeat',
    via: '基础模块 keyset 分页查询（名册模块尚未提供）',
    run: () => foundationPage(env, f),
  };
}

/** A real name from the data: the first current member of the benchmark branch. */
async function someName(env: BenchEnv): Promise<string | null> {
  const members = await membersOn(env.base.db, env.orgs.branch.id, env.today);
  return members[Math.floor(members.length / 2)]?.name ?? null;
}

export const MEMBER_SCENARIOS: Scenario[] = [
  {
    name: 'members-branch',
    title: '支部党员名单（当日）',
    targets: countyApiTarget,
    async prepare(env) {
      return {
        kind: 'repeat',
        via: 'membership.repository membersOn',
        run: async () => (await membersOn(env.ctx.db, env.orgs.branch.id, env.today)).length,
      };
    },
  },
  {
    name: 'members-page',
    title: '党员列表分页+筛选（乡镇范围，正式党员、女）',
    targets: countyApiTarget,
    prepare: (env) =>
      pageWith(
        env,
        { scopePath: env.orgs.township.path, on: env.today, category: '正式党员', gender: '女' },
        { org: env.orgs.township, user: env.users.township },
      ),
  },
  {
    name: 'members-page-root',
    title: '党员列表分页+筛选（根组织范围，正式党员、女）',
    targets: countyApiTarget,
    prepare: (env) =>
      pageWith(
        env,
        { scopePath: env.orgs.root.path, on: env.today, category: '正式党员', gender: '女' },
        { org: env.orgs.root, user: env.users.root },
      ),
  },
  {
    name: 'members-search',
    title: '按姓名搜索党员（根组织范围）',
    targets: countyApiTarget,
    async prepare(env) {
      const name = await someName(env);
      if (!name) return { skip: '支部没有党员可供取名' };
      return pageWith(
        env,
        { scopePath: env.orgs.root.path, on: env.today, q: name },
        { org: env.orgs.root, user: env.users.root },
      );
    },
  },
];
