import { Result } from 'antd';
import { lazy } from 'react';
import { createBrowserRouter, Navigate } from 'react-router-dom';
import { NotFound } from '../components/NotFound';
import { useCurrentUser } from '../features/auth/hooks';
import { adminRoutes } from '../features/admin/routes';
import { homePath } from './home';
import { MODULE_ROUTES } from './module-registry';
import { RequireAuth } from './RequireAuth';

const LoginPage = lazy(() =>
  import('../features/auth/pages/LoginPage').then((m) => ({ default: m.LoginPage })),
);
// Public disclosure pages (no login): the 创先争优 commitment board and one commitment's opinion page.
const PublicBoardPage = lazy(() =>
  import('../features/commitments/pages/PublicBoardPage').then((m) => ({ default: m.PublicBoardPage })),
);
const PublicCommitmentPage = lazy(() =>
  import('../features/commitments/pages/PublicBoardPage').then((m) => ({ default: m.PublicCommitmentPage })),
);
const OrgPage = lazy(() => import('../features/orgs/pages/OrgPage').then((m) => ({ default: m.OrgPage })));

function HomeRedirect() {
  const me = useCurrentUser();
  const home = homePath(me);
  // An account without any role yet has no page to land on (the security administrator grants roles).
  if (home === '/')
    return (
      <Result
        status="info"
        title="账号尚未授予角色"
        subTitle="请联系安全管理员为您的账号授予角色后再登录。"
      />
    );
  return <Navigate to={home} replace />;
}

function LayoutNotFound() {
  const me = useCurrentUser();
  return <NotFound homePath={homePath(me)} />;
}

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  { path: '/p/commitments', element: <PublicBoardPage /> },
  { path: '/p/commitments/:id', element: <PublicCommitmentPage /> },
  {
    path: '/',
    element: <RequireAuth />,
    children: [
      { index: true, element: <HomeRedirect /> },
      { path: 'orgs/:id', element: <OrgPage /> },
      ...MODULE_ROUTES,
      ...adminRoutes,
      { path: '*', element: <LayoutNotFound /> },
    ],
  },
]);
