import { MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Layout, Result } from 'antd';
import { Suspense, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { NoPermission } from '../components/NoPermission';
import { PageLoading } from '../components/PageLoading';
import { useMediaQuery, WIDE_SCREEN } from '../components/use-media-query';
import type { Me } from '../features/auth/api';
import { AccountMenu } from '../features/auth/components/AccountMenu';
import { ChangePasswordModal } from '../features/auth/components/ChangePasswordModal';
import { useLogout } from '../features/auth/hooks';
import type { LoginLocationState } from '../features/auth/pages/LoginPage';
import { OrgTreeNav } from '../features/orgs/components/OrgTreeNav';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { AppMenu } from './AppMenu';
import { GlobalSearch } from './GlobalSearch';
import { homePath } from './home';
import { canOpen, ORG_STAFF } from './navigation';

export function AppLayout({ me }: { me: Me }) {
  const wide = useMediaQuery(WIDE_SCREEN);
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [passwordOpen, setPasswordOpen] = useState(false);
  const forced = me.user.mustChangePassword;

  const signOut = async () => {
    await logout.mutateAsync();
    const state: LoginLocationState = { signedOut: true };
    void navigate('/login', { replace: true, state });
  };

  // Members and the 三员 administrators do not work on organisation pages: no tree, their own entries only.
  const orgWork = me.roles.some((r) => (ORG_STAFF as readonly string[]).includes(r));
  // The tree sits on top in its own scroll area, the menu below in another: both reachable at once.
  const nav = (
    <div className="app-nav">
      {orgWork && (
        <div className="app-nav-tree">
          <OrgTreeNav
            rootId={me.scope.orgId}
            rootName={me.scope.name}
            onNavigate={() => setDrawerOpen(false)}
          />
        </div>
      )}
      <div className="app-nav-menu">
        <AppMenu me={me} onNavigate={() => setDrawerOpen(false)} />
      </div>
    </div>
  );

  // A page the role cannot use: the full-page 无权限 with the way home, not the frame around an error.
  if (!forced && !canOpen(me.roles, location.pathname)) {
    return (
      <div className="app-no-permission">
        <NoPermission homePath={homePath(me)} reason="role" />
      </div>
    );
  }

  return (
    <Layout className="app-shell">
      <Layout.Header className="app-header">
        {!wide && !forced && (
          <Button
            type="text"
            className="app-header-button"
            icon={<MenuOutlined />}
            aria-label="打开组织导航"
            data-testid="nav-toggle"
            onClick={() => setDrawerOpen(true)}
          />
        )}
        <Link to="/" className="app-brand">
          <span className="app-brand-emblem" aria-hidden>
            ★
          </span>
          党建工作平台
        </Link>
        <div className="app-header-spacer" />
        {orgWork && !forced && <GlobalSearch wide={wide} />}
        {!forced && <NotificationBell />}
        <AccountMenu
          me={me}
          showScope={wide}
          onChangePassword={() => setPasswordOpen(true)}
          onLogout={() => void signOut()}
        />
      </Layout.Header>
      <Layout>
        {wide && !forced && (
          <Layout.Sider width={288} theme="light" className="app-sider" data-testid="org-tree-sider">
            {nav}
          </Layout.Sider>
        )}
        <Layout.Content className="app-content">
          {forced ? (
            <Result status="warning" title="请先修改口令" subTitle="修改口令后即可继续使用平台。" />
          ) : (
            <ErrorBoundary resetKey={location.pathname}>
              <Suspense fallback={<PageLoading />}>
                <Outlet />
              </Suspense>
            </ErrorBoundary>
          )}
        </Layout.Content>
      </Layout>
      {!wide && !forced && (
        <Drawer
          placement="left"
          title="组织导航"
          size="min(320px, 86vw)"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          styles={{ body: { padding: 0 } }}
          data-testid="org-tree-drawer"
        >
          {nav}
        </Drawer>
      )}
      <ChangePasswordModal
        open={forced || passwordOpen}
        forced={forced}
        onClose={() => setPasswordOpen(false)}
        onLogout={() => void signOut()}
      />
    </Layout>
  );
}
