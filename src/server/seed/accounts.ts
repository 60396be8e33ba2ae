// Demo accounts: the three separated administrators and the 组织部 account at the root, an
// org_admin per township/street (and per county or city below the root at larger scales),
// ten branch workers in at least two townships, and a few members with their own person.
import type { Role } from '../../core/auth/roles.ts';
import type { Plan, PlanOrg } from './plan.ts';

export interface AccountSpec {
  username: string;
  displayName: string;
  role: Role;
  org: PlanOrg;
  /** For member accounts: the branch whose plain member the account belongs to. */
  memberOf: PlanOrg | null;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The county whose townships get accounts: the first one that has townships. */
function demoCounty(plan: Plan): number {
  const town = plan.orgs.find((o) => o.role === 'township');
  if (!town) throw new Error('plan has no township');
  return town.county;
}

function branchesUnder(plan: Plan, parent: PlanOrg, accept: (o: PlanOrg) => boolean, n: number): PlanOrg[] {
  const out: PlanOrg[] = [];
  for (const o of plan.orgs) {
    if (out.length >= n) break;
    if (o.profile && o.path.startsWith(parent.path) && accept(o)) out.push(o);
  }
  return out;
}

/** Ten branches for worker accounts: villages of two towns, communities of a street, and county units. */
export function workerBranches(plan: Plan): PlanOrg[] {
  const county = demoCounty(plan);
  const towns = plan.orgs.filter((o) => o.county === county && o.role === 'township');
  const streets = plan.orgs.filter((o) => o.county === county && o.role === 'street');
  const countyRoot = plan.orgs[plan.counties[county]!.rootId - 1]!;
  const parentKind = (o: PlanOrg) => (o.parentId ? plan.orgs[o.parentId - 1]!.kind : null);
  const parentName = (o: PlanOrg) => (o.parentId ? plan.orgs[o.parentId - 1]!.name : '');
  const picks = [
    ...branchesUnder(plan, towns[0]!, (o) => o.profile === 'village', 3),
    ...(streets[0] ? branchesUnder(plan, streets[0], (o) => o.profile === 'community', 2) : []),
    ...branchesUnder(plan, towns[1] ?? towns[0]!, (o) => o.profile === 'village', 2),
    ...branchesUnder(plan, countyRoot, (o) => o.profile === 'organ' && o.leads.length === 0 && parentKind(o) === '党工委', 1),
    ...branchesUnder(plan, countyRoot, (o) => o.profile === 'school', 1),
    ...branchesUnder(plan, countyRoot, (o) => o.profile === 'nonpublic' && parentName(o).includes('两新'), 1),
  ];
  return picks;
}

export function planAccounts(plan: Plan): AccountSpec[] {
  const root = plan.orgs[0]!;
  const county = demoCounty(plan);
  const account = (username: string, displayName: string, role: Role, org: PlanOrg, memberOf: PlanOrg | null = null): AccountSpec => ({
    username, displayName, role, org, memberOf,
  });
  const out: AccountSpec[] = [
    account('sysadmin', '系统管理员', 'system_admin', root),
    account('secadmin', '安全管理员', 'security_admin', root),
    account('auditor', '安全审计员', 'audit_admin', root),
  ];
  // Townships before streets, as planned; the first org_admin is therefore a township's.
  const towns = plan.orgs.filter((o) => o.county === county && (o.role === 'township' || o.role === 'street'));
  towns.sort((a, b) => Number(a.role === 'street') - Number(b.role === 'street') || a.id - b.id);
  towns.forEach((t, i) => out.push(account(`admin_t${pad2(i + 1)}`, `${t.name}组织员`, 'org_admin', t)));
  plan.orgs
    .filter((o) => o.role === 'county' && o.parentId === root.id)
    .forEach((c, i) => out.push(account(`admin_c${pad2(i + 1)}`, `${c.name}组织部管理员`, 'org_admin', c)));
  out.push(account('county_admin', `${root.name}组织部管理员`, 'org_admin', root));
  const workers = workerBranches(plan);
  workers.forEach((w, i) => out.push(account(`worker_${i + 1}`, `${w.name}党务工作者`, 'worker', w)));
  workers.slice(0, 5).forEach((w, i) => out.push(account(`member_${i + 1}`, '', 'member', w, w)));
  return out;
}
