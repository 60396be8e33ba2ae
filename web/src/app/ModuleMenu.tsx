import { Menu } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import { MODULE_NAV } from './module-registry';

/** The organisation currently in view: the id in /orgs/:id/…, else the user's own scope. */
function currentOrgId(pathname: string, scopeOrgId: number): number {
  const m = /^\/orgs\/(\d+)/.exec(pathname);
  return m ? Number(m[1]) : scopeOrgId;
}

/** Feature modules' entries for the organisation in view (组织体系, 党员, 组织生活 …). */
export function ModuleMenu({ scopeOrgId, onNavigate }: { scopeOrgId: number; onNavigate?: () => void }) {
  const location = useLocation();
  const navigate = useNavigate();
  if (MODULE_NAV.length === 0) return null;
  const orgId = currentOrgId(location.pathname, scopeOrgId);
  const items = MODULE_NAV.map((item) => ({
    key: item.key,
    icon: item.icon,
    label: item.label,
    path: item.to(orgId),
  }));
  const selected = items.filter((i) => location.pathname.startsWith(i.path)).map((i) => i.key);
  return (
    <Menu
      mode="inline"
      selectedKeys={selected}
      data-testid="module-menu"
      items={items.map(({ key, icon, label }) => ({ key, icon, label }))}
      onClick={({ key }) => {
        const target = items.find((i) => i.key === key);
        if (!target) return;
        onNavigate?.();
        void navigate(target.path);
      }}
    />
  );
}
