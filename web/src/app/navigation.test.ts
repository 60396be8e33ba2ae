// The signed-in menu, landing and route access by role and organisation level (issue 17, navigation).
import { describe, expect, it } from 'vitest';
import { NAV_ENTRIES } from './nav-entries';
import { canOpen, homePathFor, menuFor, selectedKey, orgLevel, type OrgLevel } from './navigation';

const SCOPE = 7;
const menu = (roles: string[], level: OrgLevel | null, orgId = SCOPE) =>
  menuFor({ roles, scopeOrgId: SCOPE }, orgId, level, NAV_ENTRIES);
const labels = (roles: string[], level: OrgLevel | null, orgId = SCOPE) =>
  menu(roles, level, orgId).map((g) => `${g.group}: ${g.items.map((i) => i.label).join('、')}`);

describe('menu by role and organisation level', () => {
  it('the 三员 see only their own 系统 pages', () => {
    expect(labels(['system_admin'], 'committee')).toEqual(['系统: 账号管理、工作日历']);
    expect(labels(['security_admin'], 'committee')).toEqual(['系统: 账号管理']);
    expect(labels(['audit_admin'], null)).toEqual(['系统: 审计日志、问责记录']);
  });

  it('a member sees only their phone home', () => {
    expect(labels(['member'], null)).toEqual(['工作台: 我的']);
  });

  it('a committee gets the county-level pages, groups in order, 工作台 first', () => {
    const groups = menu(['org_admin'], 'committee');
    expect(groups.map((g) => g.group)).toEqual([
      '工作台',
      '组织',
      '党员',
      '组织生活',
      '发展党员',
      '评议考核',
      '创先争优',
      '责任考核',
      '党费',
    ]);
    expect(groups[0]!.items[0]).toEqual({
      key: 'workbench',
      label: '工作台',
      path: `/orgs/${SCOPE}/workbench`,
    });
    const all = groups.flatMap((g) => g.items.map((i) => i.label));
    expect(all).toEqual(expect.arrayContaining(['组织体系体检', '下发会议', '发展名额与工作日历']));
    expect(all).not.toContain('谈心谈话');
  });

  it('a branch does not get county-level pages; it gets 谈心谈话', () => {
    const all = menu(['worker'], 'branch').flatMap((g) => g.items.map((i) => i.label));
    for (const county of ['组织体系体检', '下发会议', '发展名额与工作日历'])
      expect(all).not.toContain(county);
    expect(all).toContain('谈心谈话');
    expect(all).toContain('党员名册');
  });

  it('a 党小组 gets only what a group holds', () => {
    expect(labels(['worker'], 'group')).toEqual([
      '工作台: 工作台、预警',
      '组织: 组织概况',
      '党员: 党员名册',
      '组织生活: 组织生活',
    ]);
  });

  it('while the level is unknown, level-bound entries are left out', () => {
    const all = menu(['org_admin'], null).flatMap((g) => g.items.map((i) => i.label));
    expect(all).toEqual(['工作台', '预警', '组织概况', '党员名册', '组织生活']);
  });

  it('links follow the organisation in view, 系统 pages stay on the scope', () => {
    const items = menu(['org_admin'], 'branch', 42).flatMap((g) => g.items);
    expect(items.find((i) => i.key === 'roster')?.path).toBe('/orgs/42/roster');
    const sys = menu(['system_admin'], 'committee', 42).flatMap((g) => g.items);
    expect(sys.find((i) => i.key === 'admin-calendar')?.path).toBe(`/orgs/${SCOPE}/development/settings`);
  });

  it('an org admin who is also a member gets both 工作台 and 我的', () => {
    expect(labels(['member', 'org_admin'], null)[0]).toBe('工作台: 工作台、我的、预警');
  });
});

describe('one highlighted entry: the longest matching link', () => {
  const items = menu(['org_admin'], 'committee', 3).flatMap((g) => g.items);
  it.each([
    ['/orgs/3', 'org'],
    ['/orgs/3/workbench', 'workbench'],
    ['/orgs/3/org-life', 'org-life'],
    ['/orgs/3/org-life/compliance', 'org-life-compliance'],
    ['/orgs/3/roster/transfers', 'roster-transfers'],
    ['/orgs/3/development/settings', 'development-settings'],
    ['/orgs/3/rosterx', 'org'],
    ['/org-life/meetings/9', null],
  ])('%s → %s', (path, key) => {
    expect(selectedKey(path, items)).toBe(key);
  });
});

describe('route access', () => {
  it.each([
    [['member'], '/me', true],
    [['member'], '/orgs/3', false],
    [['member'], '/orgs/3/roster', false],
    [['member'], '/admin/users', false],
    [['member'], '/roster/me', true],
    [['member'], '/evaluation/my', true],
    [['member'], '/org-life/sign-in/5', true],
    [['member'], '/org-life/meetings/5', false],
    [['member'], '/commitments/public', true],
    [['worker'], '/orgs/3/org-life/talks', true],
    [['worker'], '/me', false],
    [['system_admin'], '/orgs/3/roster', false],
    [['system_admin'], '/orgs/3/development/settings', true],
    [['system_admin'], '/admin/users', true],
    [['system_admin'], '/admin/audit', false],
    [['security_admin'], '/admin/users', true],
    [['audit_admin'], '/admin/audit', true],
    [['audit_admin'], '/orgs/3', false],
    [['member'], '/no/such/page', true],
  ])('%j opening %s → %s', (roles, path, allowed) => {
    expect(canOpen(roles, path)).toBe(allowed);
  });
});

describe('landing', () => {
  it.each([
    [['org_admin'], `/orgs/${SCOPE}/workbench`],
    [['worker', 'member'], `/orgs/${SCOPE}/workbench`],
    [['security_admin'], '/admin/users'],
    [['audit_admin'], '/admin/audit'],
    [['system_admin'], '/admin/users'],
    [['member'], '/me'],
    [[], '/'],
  ])('%j → %s', (roles, path) => {
    expect(homePathFor({ roles, scopeOrgId: SCOPE })).toBe(path);
  });

  it('org staff land on their organisation while the 工作台 page is not mounted', () => {
    expect(homePathFor({ roles: ['org_admin'], scopeOrgId: SCOPE }, false)).toBe(`/orgs/${SCOPE}`);
  });
});

describe('organisation level', () => {
  it.each([
    ['党委', 'committee'],
    ['党工委', 'committee'],
    ['党总支', 'committee'],
    ['党支部', 'branch'],
    ['联合党支部', 'branch'],
    ['临时党支部', 'branch'],
    ['党小组', 'group'],
  ])('%s → %s', (kind, level) => {
    expect(orgLevel(kind)).toBe(level);
  });
});
