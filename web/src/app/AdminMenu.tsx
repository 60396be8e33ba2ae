import { AuditOutlined, HomeOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { Menu } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import type { Me } from '../features/auth/api';
import { adminEntries } from './home';

const ICONS: Record<string, React.ReactNode> = {
  'admin-users': <UserSwitchOutlined />,
  'admin-audit': <AuditOutlined />,
  me: <HomeOutlined />,
};

/** Entries outside the organisation modules: 三员 administration and the member's own home. */
export function AdminMenu({ me, onNavigate }: { me: Me; onNavigate?: () => void }) {
  const location = useLocation();
  const navigate = useNavigate();
  const entries = adminEntries(me);
  if (entries.length === 0) return null;
  return (
    <Menu
      mode="inline"
      data-testid="admin-menu"
      selectedKeys={entries.filter((e) => location.pathname.startsWith(e.to)).map((e) => e.key)}
      items={entries.map((e) => ({ key: e.key, label: e.label, icon: ICONS[e.key] }))}
      onClick={({ key }) => {
        const target = entries.find((e) => e.key === key);
        if (!target) return;
        onNavigate?.();
        void navigate(target.to);
      }}
    />
  );
}
