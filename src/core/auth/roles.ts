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

/** Business roles: any combination of them may share an account. */
export const BUSINESS_ROLES: readonly Role[] = ['org_admin', 'worker', 'member'];

export const isSeparatedRole = (role: string): boolean => (SEPARATED_ROLES as readonly string[]).includes(role);

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((r) => b.includes(r));

/**
 * 三员分立 for the roles one account holds: a 三员 role (system, security or audit administrator)
 * is held alone, never with another 三员 role nor with a business role. No role at all is allowed:
 * a new account holds none until the security administrator grants one.
 */
export function decideRoles(roles: readonly Role[]): Decision<Role[]> {
  const unique = [...new Set(roles)].sort();
  const admins = unique.filter((r) => isSeparatedRole(r));
  if (admins.length > 1)
    return refuse('ROLE_SEPARATION', `三员分立：${admins.map((r) => ROLE_LABELS[r]).join('、')}不能由同一账号担任`, 'roles');
  if (admins.length === 1 && unique.length > 1)
    return refuse('ROLE_SEPARATION', `三员分立：${ROLE_LABELS[admins[0]!]}账号不能兼任其他角色`, 'roles');
  return ok(unique);
}

export interface RoleGrant {
  /** Roles of the account that grants. */
  grantorRoles: readonly string[];
  /** The grant is to the grantor's own account. */
  toSelf: boolean;
  /** Roles the target account holds now. */
  before: readonly string[];
  /** Roles it is to hold afterwards (the whole set, replacing `before`). */
  after: readonly Role[];
}

/**
 * Who may set an account's roles, and to what (三员分立):
 * - only the security administrator grants roles, and never to their own account;
 * - the result must be a valid role set (decideRoles);
 * - a 三员 account's role is fixed: it is not changed into another role nor taken away (an
 *   administrator who leaves is disabled), so no account ever passes from a 三员 role to a business
 *   role or back;
 * - a 三员 role is granted only to an account that holds no role yet, never to a business account.
 * An unchanged set is allowed (a no-op).
 */
export function decideRoleGrant(grant: RoleGrant): Decision<Role[]> {
  if (!grant.grantorRoles.includes('security_admin'))
    return refuse('ROLE_GRANT_FORBIDDEN', '三员分立：只有安全管理员可以授予角色', 'roles');
  if (grant.toSelf) return refuse('ROLE_GRANT_SELF', '三员分立：安全管理员不能给自己的账号授予角色', 'roles');
  const decided = decideRoles(grant.after);
  if (!decided.ok) return decided;
  const after = decided.value;
  const before = [...new Set(grant.before)].sort();
  if (sameSet(before, after)) return ok(after);
  const adminBefore = before.find((r) => isSeparatedRole(r));
  if (adminBefore)
    return refuse(
      'ROLE_SEPARATION',
      `三员分立：${ROLE_LABELS[adminBefore as Role] ?? adminBefore}账号的角色不能变更；不再使用时请停用该账号`,
      'roles',
    );
  const adminAfter = after.find((r) => isSeparatedRole(r));
  if (adminAfter && before.length > 0)
    return refuse(
      'ROLE_SEPARATION',
      `三员分立：已有业务角色的账号不能改任${ROLE_LABELS[adminAfter]}，请为其新建账号`,
      'roles',
    );
  return ok(after);
}
