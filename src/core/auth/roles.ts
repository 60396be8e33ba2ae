import { refuse, ok, type Decision } from '../shared/result.ts';

/** Role identifiers used by the API, the seed output and acceptance checks. */
export const ROLES = ['system_admin', 'security_admin', 'audit_admin', 'org_admin', 'worker', 'member'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  system_admin: '系统管理员',
  security_admin: '安全管理员',
  audit_admin: '审计管理员',
  org_admin: '组织管理员',
  worker: '党务工作者',
  member: '党员',
};

/** 三员分立: the three administrator roles never share one account. */
export const SEPARATED_ROLES: readonly Role[] = ['system_admin', 'security_admin', 'audit_admin'];

export function decideRoles(roles: readonly Role[]): Decision<Role[]> {
  const unique = [...new Set(roles)];
  if (unique.length === 0) return refuse('ROLE_REQUIRED', '账号至少需要一个角色', 'roles');
  const admins = unique.filter((r) => SEPARATED_ROLES.includes(r));
  if (admins.length > 1)
    return refuse('ROLE_SEPARATION', `三员分立：${admins.map((r) => ROLE_LABELS[r]).join('、')}不能由同一账号担任`, 'roles');
  if (admins.length === 1 && unique.length > 1)
    return refuse('ROLE_SEPARATION', `${ROLE_LABELS[admins[0]!]}账号不能兼任业务角色`, 'roles');
  return ok(unique);
}
