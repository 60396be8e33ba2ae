// The set-based structural checks against real rows, on both engines: units and members carrying
// their unit (应建未建 at 2 vs 3 full members), a 联合党支部 at 5 vs 6 units, secretary vacancy.
import { expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';
import { insertOrg } from '../orgs/orgs.repository.ts';
import { structureReport, termsReport } from './org-system.reports.ts';
import { seedOrgSystem } from './org-system.seed.ts';
import { rebaseOrgSystemPaths } from './org-system.repository.ts';

describeEachEngine('org-system structural checks', (use) => {
  let t: TestApp;
  const now = '2026-11-23T02:00:00.000Z';
  const today = '2026-11-23';
  const report = async () => structureReport(t.ctx.db, t.ctx.config.rulebook, t.fixture.county, today);

  it('a unit is 应建未建 from 3 full members without a covering branch, not at 2; probationary members do not count', async () => {
    t = await openTestApp(use());
    const { townA } = t.fixture;
    const unit = await t.ctx.db.insertInto('os_units').values({ name: '甲镇某科技有限公司', sector: '非公企业', org_id: townA.id, org_path: townA.path, branch_org_id: null, created_at: now })
      .returning('id').executeTakeFirstOrThrow();
    const people = await t.ctx.db.selectFrom('persons').select(['id', 'name']).execute();
    const id = (n: string) => people.find((p) => p.name === n)!.id;
    const work = (personId: number, from = '2025-01-01') =>
      t.ctx.db.insertInto('os_person_units').values({ person_id: personId, unit_id: unit.id, valid_from: from, valid_to: null, created_at: now }).execute();
    await work(id('张明'));
    await work(id('李华'));
    await work(id('王强')); // 预备党员
    expect((await report()).filter((f) => f.check === '应建未建')).toEqual([]);
    await work(id('赵敏')); // a full member (of township B's branch) working in the unit
    const found = (await report()).filter((f) => f.check === '应建未建');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ orgCode: 'TA', evidence: { unitName: '甲镇某科技有限公司', fullMembers: 3, threshold: 3 } });
    // Covered by a branch: no longer a finding.
    await t.ctx.db.updateTable('os_units').set({ branch_org_id: t.fixture.branchA.id }).where('id', '=', unit.id).execute();
    expect((await report()).filter((f) => f.check === '应建未建')).toEqual([]);
  });

  it('a 联合党支部 covers at most 5 units', async () => {
    const { townA } = t.fixture;
    const joint = await t.ctx.db.transaction().execute((trx) =>
      insertOrg(trx, { code: 'TA-J', name: '甲镇企业联合党支部', short_name: null, kind: '联合党支部', sector: '非公企业', parent_id: townA.id, unit_names: '[]', established_on: '2020-01-01', status: 'active', created_at: now, updated_at: now }, townA.path),
    );
    const add = (i: number) => t.ctx.db.insertInto('os_units').values({ name: `甲镇企业${i}`, sector: '非公企业', org_id: townA.id, org_path: townA.path, branch_org_id: joint.id, created_at: now }).execute();
    for (let i = 1; i <= 5; i++) await add(i);
    const jointChecks = async () => (await report()).filter((f) => f.orgCode === 'TA-J').map((f) => f.check);
    expect(await jointChecks()).not.toContain('联合党支部覆盖单位超限');
    await add(6);
    expect(await jointChecks()).toContain('联合党支部覆盖单位超限');
  });

  it('secretary vacancy: since the last secretary left, a warning beyond 3 months', async () => {
    const findings = await report();
    const ta2 = findings.find((f) => f.orgCode === 'TA-2' && f.check === '书记空缺')!;
    expect(ta2).toMatchObject({ severity: '警告', evidence: { vacantSince: '2000-01-01' } });
    expect(findings.some((f) => f.orgCode === 'TA-1' && f.check === '书记空缺')).toBe(false);
    // TA-1's secretary leaves a month ago: vacant, but not yet a warning.
    await t.ctx.db.updateTable('positions').set({ valid_to: '2026-10-23' }).where('org_id', '=', t.fixture.branchA.id).where('valid_to', 'is', null).execute();
    const ta1 = (await report()).find((f) => f.orgCode === 'TA-1' && f.check === '书记空缺')!;
    expect(ta1).toMatchObject({ severity: '提示', evidence: { vacantSince: '2026-10-23' } });
    await t.app.close();
  });
});

describeEachEngine('org-system paths follow a moved subtree', (use) => {
  it('rebaseOrgSystemPaths rewrites the carried org_path of terms under the moved prefix only', async () => {
    const t = await openTestApp(use());
    const { branchA, branchB, townA, townB } = t.fixture;
    const now = t.ctx.now().toISOString();
    const term = (org: { id: number; path: string }) => t.ctx.db.insertInto('os_terms').values({
      org_id: org.id, org_path: org.path, number: 1, elected_on: '2024-01-01', years: 3, term_end: '2027-01-01', ended_on: null, renewal_id: null, basis: null,
      adjust_ref: null, adjust_reason: null, adjust_approved_on: null, created_at: now, updated_at: now,
    }).execute();
    await term(branchA);
    await term(branchB);
    const newPrefix = `${townB.path}${branchA.id}/`;
    await t.ctx.db.transaction().execute((trx) => rebaseOrgSystemPaths(trx, branchA.path, newPrefix));
    const rows = await t.ctx.db.selectFrom('os_terms').select(['org_id', 'org_path']).orderBy('org_id').execute();
    expect(rows).toEqual([{ org_id: branchA.id, org_path: newPrefix }, { org_id: branchB.id, org_path: branchB.path }]);
    expect(townA.path).not.toBe(townB.path);
    await t.app.close();
  });
});

describeEachEngine('org-system demo seed on the fixture', (use) => {
  it('writes terms for every organisation with terms, last year’s grading, units and one audit row; deterministic', async () => {
    const t = await openTestApp(use());
    await seedOrgSystem(t.ctx, { today: '2026-11-23', scale: 'county', seed: 7 });
    const terms = await t.ctx.db.selectFrom('os_terms').select(['org_id', 'ended_on', 'elected_on', 'term_end']).orderBy('org_id').orderBy('elected_on').execute();
    const termOrgs = new Set(terms.map((x) => x.org_id));
    expect(termOrgs.has(t.fixture.groupA.id)).toBe(false); // a 党小组 has no term
    for (const id of termOrgs) expect(terms.filter((x) => x.org_id === id && x.ended_on === null)).toHaveLength(1);
    const gradings = await t.ctx.db.selectFrom('os_gradings').select(['org_id', 'year', 'grade']).orderBy('org_id').execute();
    expect(gradings.map((g) => g.org_id)).toEqual([t.fixture.branchA.id, t.fixture.branchA2.id, t.fixture.branchB.id]);
    expect(new Set(gradings.map((g) => g.year))).toEqual(new Set([2025]));
    const audit = await t.ctx.db.selectFrom('audit_log').select('detail').where('action', '=', 'orgsys.seed').execute();
    expect(audit).toHaveLength(1);
    // The first branch of each township is due for 换届 (the browser test walks one).
    const status = await termsReport(t.ctx.db, t.ctx.config.rulebook, t.fixture.county, '2026-11-23');
    expect(status.find((r) => r.orgCode === 'TA-1')?.status).toBe('逾期未换届');
    expect((await t.ctx.db.selectFrom('os_units').select('id').execute()).length).toBeGreaterThan(0);
    await t.app.close();
  });
});
