// The signed-in menu and route access, as data and pure functions (no React): which entries a
// role sees for the organisation in view, grouped; which single entry is highlighted; which URLs a
// role may open at all (the rest get the full-page 无权限). Roles mirror the server routes'
// policies (src/server/modules/*/*.policy.ts); the server still decides every request.

/** Menu groups, in display order. */
export const NAV_GROUPS = [
  '工作台',
  '组织',
  '党员',
  '组织生活',
  '发展党员',
  '评议考核',
  '创先争优',
  '责任考核',
  '党费',
  '系统',
] as const;
export type NavGroup = (typeof NAV_GROUPS)[number];

/**
 * Level of an organisation for the menu: a committee (党委, 党工委, 党组, 党总支: has organisations
 * below it), a branch (党支部 and its kinds), or a 党小组 (inside a branch).
 */
export type OrgLevel = 'committee' | 'branch' | 'group';

const BRANCH_KINDS = ['党支部', '联合党支部', '临时党支部'];

export function orgLevel(kind: string): OrgLevel {
  if (kind === '党小组') return 'group';
  if (BRANCH_KINDS.includes(kind)) return 'branch';
  return 'committee';
}

/** Business roles that work on the organisation pages. */
export const ORG_STAFF = ['org_admin', 'worker'] as const;

/** A menu entry: its link for the organisation in view, who sees it and at which levels. */
export interface NavEntry {
  key: string;
  label: string;
  group: NavGroup;
  /** Roles that see the entry (any of them). */
  roles: readonly string[];
  /** Organisation levels the entry applies to; omitted = every level. */
  levels?: readonly OrgLevel[];
  /** The link; `orgId` is the organisation in view (or the user's scope). */
  to: (orgId: number) => string;
}

export interface NavUser {
  roles: readonly string[];
  scopeOrgId: number;
}

export interface MenuGroup {
  group: NavGroup;
  items: { key: string; label: string; path: string }[];
}

const hasAny = (roles: readonly string[], wanted: readonly string[]) => roles.some((r) => wanted.includes(r));

/**
 * The entries a user sees, grouped in NAV_GROUPS order. `level` is the level of the organisation in
 * view; while it is not known yet (null) entries restricted to some levels are left out, so the
 * menu never offers a page the organisation cannot use. Two entries with the same link are shown once.
 */
export function menuFor(
  user: NavUser,
  orgId: number,
  level: OrgLevel | null,
  entries: readonly NavEntry[],
): MenuGroup[] {
  const seen = new Set<string>();
  const groups = new Map<NavGroup, MenuGroup['items']>();
  for (const e of entries) {
    if (!hasAny(user.roles, e.roles)) continue;
    if (e.levels && (level === null || !e.levels.includes(level))) continue;
    // 系统 pages belong to the user's own scope, not the organisation in view.
    const path = e.to(e.group === '系统' ? user.scopeOrgId : orgId);
    if (seen.has(path)) continue;
    seen.add(path);
    const items = groups.get(e.group) ?? [];
    items.push({ key: e.key, label: e.label, path });
    groups.set(e.group, items);
  }
  return NAV_GROUPS.flatMap((g) => {
    const items = groups.get(g);
    return items ? [{ group: g, items }] : [];
  });
}

/** The one entry to highlight: the longest link that is the current path or a parent of it. */
export function selectedKey(
  pathname: string,
  items: readonly { key: string; path: string }[],
): string | null {
  let best: { key: string; length: number } | null = null;
  for (const i of items) {
    const hit = pathname === i.path || pathname.startsWith(i.path.endsWith('/') ? i.path : `${i.path}/`);
    if (hit && (!best || i.path.length > best.length)) best = { key: i.key, length: i.path.length };
  }
  return best?.key ?? null;
}

/** Who may open a page, by path pattern (`:x` is one segment, a trailing `*` any rest). */
export interface RouteRule {
  pattern: string;
  roles: readonly string[];
}

const SELF = ['member', 'org_admin', 'worker'];

/** Pages outside the organisation menu. Anything under /orgs/:id not listed is for org staff. */
export const ROUTE_RULES: readonly RouteRule[] = [
  { pattern: '/orgs/:id', roles: ORG_STAFF },
  { pattern: '/orgs/:id/*', roles: ORG_STAFF },
  // The 系统管理员 keeps the development work calendar (CALENDAR_EDITORS).
  { pattern: '/orgs/:id/development/settings', roles: [...ORG_STAFF, 'system_admin'] },
  { pattern: '/admin/users', roles: ['system_admin', 'security_admin'] },
  { pattern: '/admin/audit', roles: ['audit_admin'] },
  // 问责: committees' administrators, and the 审计管理员 who reads every record of their scope.
  { pattern: '/orgs/:id/accountability', roles: ['org_admin', 'audit_admin'] },
  { pattern: '/me', roles: ['member'] },
  { pattern: '/roster/me', roles: SELF },
  { pattern: '/evaluation/my', roles: SELF },
  { pattern: '/org-life/sign-in/:id', roles: SELF },
  { pattern: '/org-life/meetings/:id', roles: ORG_STAFF },
  { pattern: '/development/candidates/:id', roles: ORG_STAFF },
  { pattern: '/evaluation/campaigns/:id', roles: ORG_STAFF },
  { pattern: '/evaluation/member-reviews/:id', roles: ORG_STAFF },
  { pattern: '/commitments/public', roles: SELF },
  { pattern: '/commitments/public/:id', roles: SELF },
  { pattern: '/commitments/:id', roles: SELF },
  { pattern: '/commendations/:id', roles: ORG_STAFF },
  // 党费: the member's phone page; a receipt is read by its member and by the branch.
  { pattern: '/dues/me', roles: ['member'] },
  { pattern: '/dues/receipts/:id', roles: SELF },
];

function matches(pattern: string, pathname: string): { ok: boolean; exact: number } {
  const p = pattern.split('/').filter(Boolean);
  const s = pathname.split('/').filter(Boolean);
  let exact = 0;
  for (let i = 0; i < p.length; i++) {
    const part = p[i]!;
    if (part === '*') return { ok: s.length > i, exact };
    const seg = s[i];
    if (seg === undefined) return { ok: false, exact };
    if (part.startsWith(':')) continue;
    if (part !== seg) return { ok: false, exact };
    exact += 1;
  }
  return { ok: p.length === s.length, exact };
}

/**
 * May a user with these roles open this path? The most specific matching rule decides (a
 * pattern without `*` beats one with it, then more literal segments win); a path no rule names
 * (an unknown page) is left to the router's 页面不存在.
 */
export function canOpen(
  roles: readonly string[],
  pathname: string,
  rules: readonly RouteRule[] = ROUTE_RULES,
): boolean {
  let best: { rule: RouteRule; score: number } | null = null;
  for (const rule of rules) {
    const m = matches(rule.pattern, pathname);
    if (!m.ok) continue;
    const score = (rule.pattern.endsWith('*') ? 0 : 1000) + m.exact;
    if (!best || score > best.score) best = { rule, score };
  }
  return best ? hasAny(roles, best.rule.roles) : true;
}

/**
 * Where a user lands after signing in, and where "back" leads from a page they cannot use.
 * `workbench`: the 工作台 page is mounted (else org staff land on their organisation's page).
 */
export function homePathFor(user: NavUser, workbench = true): string {
  if (hasAny(user.roles, ORG_STAFF))
    return workbench ? `/orgs/${user.scopeOrgId}/workbench` : `/orgs/${user.scopeOrgId}`;
  if (user.roles.includes('security_admin')) return '/admin/users';
  if (user.roles.includes('audit_admin')) return '/admin/audit';
  if (user.roles.includes('system_admin')) return '/admin/users';
  if (user.roles.includes('member')) return '/me';
  // No role yet (a new account): the root, which says so.
  return '/';
}
