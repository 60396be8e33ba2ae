import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Dropdown, Typography } from 'antd';
import type { MenuProps } from 'antd';
import type { Me } from '../api';

export interface AccountMenuProps {
  me: Me;
  /** Show the scope organisation beside the name (wide screens). */
  showScope: boolean;
  onChangePassword: () => void;
  onLogout: () => void;
}

export function AccountMenu({ me, showScope, onChangePassword, onLogout }: AccountMenuProps) {
  const items: MenuProps['items'] = [
    {
      key: 'who',
      type: 'group',
      label: (
        <span>
          {me.user.displayName}（{me.user.username}）
          <br />
          {me.scope.name}
        </span>
      ),
    },
    { type: 'divider' },
    { key: 'password', icon: <KeyOutlined />, label: '修改口令' },
    { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true },
  ];
  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'password') onChangePassword();
    if (key === 'logout') onLogout();
  };

  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      <button type="button" className="account-trigger" data-testid="account-menu" aria-label="账号菜单">
        <Avatar size="small" icon={<UserOutlined />} style={{ background: 'rgba(255,255,255,0.25)' }} />
        <span className="account-text">
          <Typography.Text strong ellipsis style={{ color: 'inherit' }} data-testid="current-user-name">
            {me.user.displayName}
          </Typography.Text>
          {showScope && (
            <Typography.Text
              ellipsis
              style={{ color: 'rgba(255,255,255,0.85)', fontSize: 12 }}
              data-testid="current-scope-name"
            >
              {me.scope.name}
            </Typography.Text>
          )}
        </span>
        <DownOutlined style={{ fontSize: 10 }} />
      </button>
    </Dropdown>
  );
}
