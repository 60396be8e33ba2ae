import { MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Layout, Result } from 'antd';
import { Suspense, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { PageLoading } from '../components/PageLoading';
import { useMediaQuery, WIDE_SCREEN } from '../components/use-media-query';
import type { Me } from '../features/auth/api';
import { AccountMenu } from '../features/auth/components/AccountMenu';
import { ChangePasswordModal } from '../features/auth/components/ChangePasswordModal';
import { useLogout } from '../features/auth/hooks';
import type { LoginLocationState } from '../features/auth/pages/LoginPage';
import { OrgTreeNav } from '../features/orgs/components/OrgTreeNav';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { AdminMenu } from './AdminMenu';
import { worksOnOrgs } from './home';
import { ModuleMenu } from './ModuleMenu';

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

  // Members and the 三员 administrators do not work on organisation pages: they get their own entries only.
  const orgWork = worksOnOrgs(me);
  const nav = (
    <>
      <AdminMenu me={me} onNavigate={() => setDrawerOpen(false)} />
      {orgWork && <ModuleMenu scopeOrgId={me.scope.orgId} onNavigate={() => setDrawerOpen(false)} />}
      {orgWork && (
        <OrgTreeNav
          rootId={me.scope.orgId}
          rootName={me.scope.name}
          onNavigate={() => setDrawerOpen(false)}
        />
      )}
    </>
  );

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
