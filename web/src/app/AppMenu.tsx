import { Menu } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import type { Me } from '../features/auth/api';
import { useOrg } from '../features/orgs/hooks';
import { WORKBENCH_MOUNTED } from './home';
import { ICONS_BY_KEY, NAV_ENTRIES } from './nav-entries';
import { menuFor, ORG_STAFF, orgLevel, selectedKey } from './navigation';

// The 工作台 entry waits for its page to be mounted (a module of its own).
const ENTRIES = WORKBENCH_MOUNTED ? NAV_ENTRIES : NAV_ENTRIES.filter((e) => e.key !== 'workbench');

/** The organisation in view: the id in /orgs/:id/…, else the user's own scope. */
export function currentOrgId(pathname: string, scopeOrgId: number): number {
  const m = /^\/orgs\/(\d+)/.exec(pathname);
  return m ? Number(m[1]) : scopeOrgId;
}

/**
 * The signed-in menu: what the user's roles and the organisation in view can use, grouped
 * (工作台 · 组织 · 党员 · 组织生活 · 发展党员 · 评议考核 · 创先争优 · 系统), one entry highlighted.
 */
export function AppMenu({ me, onNavigate }: { me: Me; onNavigate?: () => void }) {
  const location = useLocation();
  const navigate = useNavigate();
  const staff = me.roles.some((r) => (ORG_STAFF as readonly string[]).includes(r));
  const orgId = currentOrgId(location.pathname, me.scope.orgId);
  // Only org staff read organisations for the menu (the audit administrator may not).
  const org = useOrg(staff ? orgId : undefined);
  const level = org.data ? orgLevel(org.data.org.kind) : null;
  const groups = menuFor({ roles: me.roles, scopeOrgId: me.scope.orgId }, orgId, level, ENTRIES);
  const items = groups.flatMap((g) => g.items);
  if (items.length === 0) return null;
  const selected = selectedKey(location.pathname, items);
  return (
    <Menu
      mode="inline"
      className="app-menu"
      data-testid="app-menu"
      selectedKeys={selected ? [selected] : []}
      items={groups.map((g) => ({
        type: 'group' as const,
        key: `group-${g.group}`,
        label: g.group,
        children: g.items.map((i) => ({
          key: i.key,
          icon: ICONS_BY_KEY.get(i.key),
          label: i.label,
          'data-testid': `menu-${i.key}`,
          'data-path': i.path,
        })),
      }))}
      onClick={({ key }) => {
        const target = items.find((i) => i.key === key);
        if (!target) return;
        onNavigate?.();
        void navigate(target.path);
      }}
    />
  );
}
