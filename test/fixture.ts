// A small, explicit organisation tree for API tests: a county with two townships (A, B),
// each with a branch and members, and one account per role.
import type { Transaction } from 'kysely';
import type { AppContext } from '../src/server/context.ts';
import type { DB } from '../src/server/db/schema.ts';
import { hashPassword } from '../src/server/modules/auth/password-hash.ts';
import { insertOrg } from '../src/server/modules/orgs/orgs.repository.ts';
import { insertUser } from '../src/server/modules/users/users.repository.ts';

export const PASSWORD = 'Fixture-Pass-2026';

export interface Fixture {
  county: { id: number; path: string };
  townA: { id: number; path: string };
  townB: { id: number; path: string };
  branchA: { id: number; path: string };
  branchA2: { id: number; path: string };
  branchB: { id: number; path: string };
  groupA: { id: number; path: string };
  secretaryA: number;
  users: Record<'sysadmin' | 'secadmin' | 'auditor' | 'adminA' | 'adminB' | 'workerA' | 'memberA', number>;
}

async function person(trx: Transaction<DB>, name: string, gender: string, category: string, now: string): Promise<number> {
  const { id } = await trx
    .insertInto('persons')
    .values({ name, gender, category, created_at: now, updated_at: now, education: '大学本科', birth_date: '1980-01-01', joined_on: '2005-07-01', full_member_on: category === '正式党员' ? '2006-07-01' : null, id_number_enc: null, id_number_bidx: null, id_number_masked: null, phone_enc: null, phone_bidx: null, phone_masked: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function buildFixture(ctx: AppContext): Promise<Fixture> {
  const now = ctx.now().toISOString();
  const hash = await hashPassword(PASSWORD, ctx.config.kdfLogN);
  return ctx.db.transaction().execute(async (trx) => {
    const org = (code: string, name: string, kind: string, sector: string, parent: { id: number; path: string } | null) =>
      insertOrg(trx, { code, name, short_name: null, kind, sector, parent_id: parent?.id ?? null, unit_names: '[]', established_on: '2000-01-01', status: 'active', created_at: now, updated_at: now }, parent?.path ?? null);
    const county = await org('T0', '测试县委', '党委', '机关', null);
    const townA = await org('TA', '甲镇党委', '党委', '农村', county);
    const townB = await org('TB', '乙镇党委', '党委', '农村', county);
    const branchA = await org('TA-1', '甲镇东村党支部', '党支部', '农村', townA);
    const branchA2 = await org('TA-2', '甲镇西村党支部', '党支部', '农村', townA);
    const branchB = await org('TB-1', '乙镇南村党支部', '党支部', '农村', townB);
    const groupA = await org('TA-1-1', '东村第一党小组', '党小组', '农村', branchA);

    const members: Array<[string, string, string, { id: number; path: string }]> = [
      ['张明', '男', '正式党员', branchA], ['李华', '女', '正式党员', branchA], ['王强', '男', '预备党员', branchA],
      ['赵敏', '女', '正式党员', branchB], ['钱进', '男', '正式党员', branchB],
    ];
    const ids: number[] = [];
    for (const [name, gender, category, at] of members) {
      const id = await person(trx, name, gender, category, now);
      ids.push(id);
      await trx.insertInto('memberships').values({ person_id: id, org_id: at.id, org_path: at.path, category, valid_from: '2020-01-01', valid_to: null, reason: '入党', created_at: now }).execute();
    }
    // A member who left branch A on 2026-03-01: present on 1 February, gone on 1 March.
    const left = await person(trx, '孙离', '男', '正式党员', now);
    await trx.insertInto('memberships').values({ person_id: left, org_id: branchA.id, org_path: branchA.path, category: '正式党员', valid_from: '2019-01-01', valid_to: '2026-03-01', reason: '入党', created_at: now }).execute();
    await trx.insertInto('memberships').values({ person_id: left, org_id: branchB.id, org_path: branchB.path, category: '正式党员', valid_from: '2026-03-01', valid_to: null, reason: '转入', created_at: now }).execute();
    // Secretary of branch A: 张明 until 2026-02-15, then 李华.
    await trx.insertInto('positions').values({ person_id: ids[0]!, org_id: branchA.id, post: '书记', valid_from: '2021-01-01', valid_to: '2026-02-15', basis: '选举', created_at: now }).execute();
    await trx.insertInto('positions').values({ person_id: ids[1]!, org_id: branchA.id, post: '书记', valid_from: '2026-02-15', valid_to: null, basis: '选举', created_at: now }).execute();

    const user = (username: string, scope: number, roles: string[], personId?: number) =>
      insertUser(trx, { username, displayName: username, scopeOrgId: scope, hash, roles, now, ...(personId ? { personId } : {}) });
    const users = {
      sysadmin: await user('sysadmin', county.id, ['system_admin']),
      secadmin: await user('secadmin', county.id, ['security_admin']),
      auditor: await user('auditor', county.id, ['audit_admin']),
      adminA: await user('admin_a', townA.id, ['org_admin']),
      adminB: await user('admin_b', townB.id, ['org_admin']),
      workerA: await user('worker_a', branchA.id, ['worker']),
      memberA: await user('member_a', branchA.id, ['member'], ids[0]),
    };
    // Tests run in demo mode unless they switch it off, so initial passwords need no change.
    await trx.insertInto('settings').values({ key: 'demo_mode', value: '1', updated_at: now }).execute();
    return { county, townA, townB, branchA, branchA2, branchB, groupA, secretaryA: ids[1]!, users };
  });
}
