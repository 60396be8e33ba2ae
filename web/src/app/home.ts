import type { Me } from '../features/auth/api';

/** Roles that work on the organisation pages (the module menu and the tree). */
const ORG_WORK_ROLES = ['system_admin', 'org_admin', 'worker'];

export function worksOnOrgs(me: Me): boolean {
  return me.roles.some((r) => ORG_WORK_ROLES.includes(r));
}

/** Where a user lands after signing in: the page their role works on. */
export function homePath(me: Me): string {
  if (worksOnOrgs(me)) return `/orgs/${me.scope.orgId}`;
  if (me.roles.includes('audit_admin')) return '/admin/audit';
  if (me.roles.includes('security_admin')) return '/admin/users';
  if (me.roles.includes('member')) return '/me';
  return `/orgs/${me.scope.orgId}`;
}

/** Administration entries by role (三员分立). */
export function adminEntries(me: Me): { key: string; label: string; to: string }[] {
  const out: { key: string; label: string; to: string }[] = [];
  if (me.roles.includes('system_admin') || me.roles.includes('security_admin'))
    out.push({ key: 'admin-users', label: '账号管理', to: '/admin/users' });
  if (me.roles.includes('audit_admin'))
    out.push({ key: 'admin-audit', label: '审计日志', to: '/admin/audit' });
  if (me.roles.includes('member')) out.push({ key: 'me', label: '我的', to: '/me' });
  return out;
}
