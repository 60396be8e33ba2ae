// A small world for the accountability-loop browser test (issue 18): a county with two townships
// that are alike in everything (a branch each, with a secretary and five members), so that what
// the test does to one of them — a task reported late — is what sets them apart in the ranking.
import type { Transaction } from 'kysely';
import type { AppContext } from '../src/server/context.ts';
import type { DB } from '../src/server/db/schema.ts';
import { hashPassword } from '../src/server/modules/auth/password-hash.ts';
import { insertOrg } from '../src/server/modules/orgs/orgs.repository.ts';
import { insertUser } from '../src/server/modules/users/users.repository.ts';
import type { SeedSummary } from './server.ts';

type Org = { id: number; path: string; code: string; name: string };

export async function twinTownships(ctx: AppContext, password: string): Promise<SeedSummary> {
  const now = ctx.now().toISOString();
  const hash = await hashPassword(password, ctx.config.kdfLogN);
  return ctx.db.transaction().execute(async (trx) => {
    const org = async (code: string, name: string, kind: string, sector: string, parent: Org | null): Promise<Org> => {
      const o = await insertOrg(
        trx,
        { code, name, short_name: null, kind, sector, parent_id: parent?.id ?? null, unit_names: '[]', established_on: '2015-01-01', status: 'active', created_at: now, updated_at: now },
        parent?.path ?? null,
      );
      return { id: o.id, path: o.path, code, name };
    };
    const county = await org('E0', '青山县委', '党委', '机关', null);
    const east = await org('EA', '东岭镇党委', '党委', '农村', county);
    const west = await org('EB', '西岭镇党委', '党委', '农村', county);
    const eastBranch = await org('EA-1', '东岭村党支部', '党支部', '农村', east);
    const westBranch = await org('EB-1', '西岭村党支部', '党支部', '农村', west);
    for (const [branch, town, names] of [
      [eastBranch, east, ['陈东林', '周秀英', '吴建国', '郑丽华', '王海涛', '冯志刚']],
      [westBranch, west, ['陈西林', '周秀兰', '吴建军', '郑丽萍', '王海波', '冯志强']],
    ] as const) {
      const ids: number[] = [];
      for (const [i, name] of names.entries()) ids.push(await member(trx, name, i % 2 ? '女' : '男', branch, now));
      await trx.insertInto('positions').values({ person_id: ids[0]!, org_id: branch.id, post: '书记', valid_from: '2021-01-01', valid_to: null, basis: '选举', created_at: now }).execute();
      await trx.insertInto('positions').values({ person_id: ids[1]!, org_id: town.id, post: '书记', valid_from: '2021-01-01', valid_to: null, basis: '选举', created_at: now }).execute();
    }
    const accounts: Array<[string, Org, string]> = [
      ['county_admin', county, 'org_admin'],
      ['admin_ea', east, 'org_admin'],
      ['admin_eb', west, 'org_admin'],
      ['worker_ea', eastBranch, 'worker'],
      ['worker_eb', westBranch, 'worker'],
    ];
    for (const [username, o, role] of accounts)
      await insertUser(trx, { username, displayName: username, scopeOrgId: o.id, hash, roles: [role], now });
    await trx.insertInto('settings').values({ key: 'demo_mode', value: '1', updated_at: now }).execute();
    return {
      orgs: 5,
      members: 12,
      users: accounts.map(([username, o, role]) => ({ username, role, orgId: o.id, orgCode: o.code, orgName: o.name })),
    } as SeedSummary;
  });
}

async function member(trx: Transaction<DB>, name: string, gender: string, branch: Org, now: string): Promise<number> {
  const { id } = await trx
    .insertInto('persons')
    .values({ name, gender, category: '正式党员', created_at: now, updated_at: now, education: '大学本科', birth_date: '1980-01-01', joined_on: '2005-07-01', full_member_on: '2006-07-01', id_number_enc: null, id_number_bidx: null, id_number_masked: null, phone_enc: null, phone_bidx: null, phone_masked: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('memberships').values({ person_id: id, org_id: branch.id, org_path: branch.path, category: '正式党员', valid_from: '2010-01-01', valid_to: null, reason: '转入', created_at: now }).execute();
  return id;
}
