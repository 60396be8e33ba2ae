import { Button, Result } from 'antd';
import { lazy, useEffect } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { errorMessage } from '../components/http';
import { PageLoading } from '../components/PageLoading';
import { useMe } from '../features/auth/hooks';
import type { LoginLocationState } from '../features/auth/pages/LoginPage';

// The signed-in shell (tree navigator, drawer, modals) is not needed on the login page.
const AppLayout = lazy(() => import('./AppLayout').then((m) => ({ default: m.AppLayout })));

/** Signed-in pages: wait for `/api/me`, send anonymous visitors to /login (remembering where they were going). */
export function RequireAuth() {
  const location = useLocation();
  const { data: me, isPending, error, refetch } = useMe();

  // Fetch the shell and the main page while /api/me is in flight, not one after the other.
  useEffect(() => {
    void import('./AppLayout');
    void import('../features/orgs/pages/OrgPage');
  }, []);

  if (isPending) return <PageLoading />;
  if (error) {
    return (
      <Result
        status="error"
        title="无法连接服务器"
        subTitle={errorMessage(error)}
        extra={
          <Button type="primary" onClick={() => void refetch()}>
            重试
          </Button>
        }
      />
    );
  }
  if (!me) {
    const state: LoginLocationState = { from: { pathname: location.pathname, search: location.search } };
    return <Navigate to="/login" replace state={state} />;
  }
  return <AppLayout me={me} />;
}
