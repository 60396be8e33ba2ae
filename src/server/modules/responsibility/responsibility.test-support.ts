// Test setup for the 党建责任制 API test: township A's committee post holders, county and branch
// administrators, and one rectification item of branch A.
import { hashPassword } from '../auth/password-hash.ts';
import { insertUser } from '../users/users.repository.ts';
import { PASSWORD } from '../../../../test/fixture.ts';
import type { TestApp } from '../../../../test/api-harness.ts';

export { openTestApp, type Session, type TestApp } from '../../../../test/api-harness.ts';
export const PASSWORD_FOR_TESTS = PASSWORD;

export async function setupTownA(t: TestApp) {
  const db = t.ctx.db;
  const now = t.ctx.now().toISOString();
  const { townA, branchA, county } = t.fixture;
  const person = async (name: string) =>
    (
      await db
        .insertInto('persons')
        .values({
          name,
          gender: '男',
          category: '正式党员',
          created_at: now,
          updated_at: now,
          education: '大学本科',
          birth_date: '1978-05-01',
          joined_on: '2001-07-01',
          full_member_on: '2002-07-01',
          id_number_enc: null,
          id_number_bidx: null,
          id_number_masked: null,
          phone_enc: null,
          phone_bidx: null,
          phone_masked: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const zhou = await person('周海');
  const wu = await person('吴蓉');
  const zheng = await person('郑涛');
  for (const [id, post] of [
    [zhou, '书记'],
    [wu, '组织委员'],
    [zheng, '班子成员'],
  ] as const) {
    await db
      .insertInto('memberships')
      .values({
        person_id: id,
        org_id: townA.id,
        org_path: townA.path,
        category: '正式党员',
        valid_from: '2020-01-01',
        valid_to: null,
        reason: '转入',
        created_at: now,
      })
      .execute();
    await db
      .insertInto('positions')
      .values({
        person_id: id,
        org_id: townA.id,
        post,
        valid_from: '2024-01-01',
        valid_to: null,
        basis: '选举',
        created_at: now,
      })
      .execute();
  }
  const zhangMing = (
    await db.selectFrom('persons').select('id').where('name', '=', '张明').executeTakeFirstOrThrow()
  ).id;
  const hash = await hashPassword(PASSWORD, t.ctx.config.kdfLogN);
  await db.transaction().execute(async (trx) => {
    await insertUser(trx, {
      username: 'admin_county',
      displayName: 'admin_county',
      scopeOrgId: county.id,
      hash,
      roles: ['org_admin'],
      now,
    });
    await insertUser(trx, {
      username: 'admin_county2',
      displayName: 'admin_county2',
      scopeOrgId: county.id,
      hash,
      roles: ['org_admin'],
      now,
    });
    await insertUser(trx, {
      username: 'admin_branch_a',
      displayName: 'admin_branch_a',
      scopeOrgId: branchA.id,
      hash,
      roles: ['org_admin'],
      now,
    });
  });
  const rect = await db
    .insertInto('rect_items')
    .values({
      source_type: 'manual',
      source_id: null,
      org_id: branchA.id,
      org_path: branchA.path,
      owner_person_id: null,
      owner_name: null,
      title: '东村党支部三会一课记录不全',
      detail: '补齐第三季度党课记录',
      deadline: '2026-11-10',
      status: 'open',
      evidence: null,
      closed_at: null,
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { zhou, wu, zheng, zhangMing, rectA: rect.id };
}
