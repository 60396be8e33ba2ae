import { http, type Envelope } from '../../components/http';

/** One audit row as the audit administrator sees it. */
export interface AuditEntry {
  seq: number;
  at: string;
  actorUserId: number | null;
  actorUsername: string | null;
  /** 姓名（用户名） of the account, when it is known. */
  actorName: string | null;
  action: string;
  /** Chinese label of the action (src/core/audit/audit-labels.ts). */
  actionLabel: string;
  objectType: string | null;
  objectId: string | null;
  /** 账号 张三 / 组织 某某党支部 / 会议 #12 */
  objectLabel: string | null;
  result: 'ok' | 'denied' | 'failed';
  resultLabel: string;
  requestId: string | null;
  ip: string | null;
  detail: unknown;
  detailItems: { label: string; value: string }[];
}

export interface AuditFilter {
  action?: string;
  actor?: string;
  result?: 'ok' | 'denied' | 'failed';
  from?: string;
  to?: string;
}

export interface ChainCheck {
  ok: boolean;
  checked: number;
  firstBad?: { seq: number; reason: string };
}

export interface UserRow {
  id: number;
  username: string;
  displayName: string;
  disabled: boolean;
  lockedUntil: string | null;
  scope: { orgId: number; orgCode: string; name: string };
  roles: string[];
}

/** A new account holds no role (三员分立): the security administrator grants roles afterwards. */
export interface CreateUserInput {
  username: string;
  displayName: string;
  scopeOrgId: number;
  initialPassword: string;
}

export const AUDIT_PAGE = 50;

export const adminApi = {
  async audit(filter: AuditFilter, before: number | undefined, signal?: AbortSignal): Promise<AuditEntry[]> {
    const res = await http.get<Envelope<AuditEntry[]>>('/api/audit', {
      query: { ...filter, before, limit: AUDIT_PAGE },
      ...(signal ? { signal } : {}),
    });
    return res.data;
  },
  async verify(): Promise<ChainCheck> {
    return (await http.get<Envelope<ChainCheck>>('/api/audit/verify')).data;
  },
  async users(q: string, signal?: AbortSignal): Promise<UserRow[]> {
    const res = await http.get<Envelope<UserRow[]>>('/api/users', {
      query: { q, limit: 200 },
      ...(signal ? { signal } : {}),
    });
    return res.data;
  },
  async createUser(input: CreateUserInput): Promise<void> {
    await http.post('/api/users', input);
  },
  async setRoles(id: number, roles: string[]): Promise<void> {
    await http.put(`/api/users/${id}/roles`, { roles });
  },
  async unlock(id: number): Promise<void> {
    await http.post(`/api/users/${id}/unlock`);
  },
  async disable(id: number): Promise<void> {
    await http.post(`/api/users/${id}/disable`);
  },
};

export const adminKeys = {
  audit: (filter: AuditFilter) => ['admin', 'audit', filter] as const,
  users: (q: string) => ['admin', 'users', q] as const,
};

export { ROLE_LABELS, ROLES, SEPARATED_ROLES } from '../../../../src/core/auth/roles.ts';
