import { AuditOutlined, CalendarOutlined, UserAddOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ModuleRoutes } from '../../app/module-types';

const BoardPage = lazy(() => import('./pages/BoardPage').then((m) => ({ default: m.BoardPage })));
const CandidatePage = lazy(() => import('./pages/CandidatePage').then((m) => ({ default: m.CandidatePage })));
const ImportPage = lazy(() => import('./pages/ImportPage').then((m) => ({ default: m.ImportPage })));
const AdminPage = lazy(() => import('./pages/AdminPage').then((m) => ({ default: m.AdminPage })));
const AuditPage = lazy(() => import('./pages/AuditPage').then((m) => ({ default: m.AuditPage })));

/** Pages of the development module (issue 6), mounted inside the signed-in layout. */
export const developmentModule: ModuleRoutes = {
  routes: [
    { path: 'orgs/:orgId/development', element: <BoardPage /> },
    { path: 'orgs/:orgId/development/audit', element: <AuditPage /> },
    { path: 'orgs/:orgId/development/import', element: <ImportPage /> },
    { path: 'orgs/:orgId/development/settings', element: <AdminPage /> },
    { path: 'development/candidates/:id', element: <CandidatePage /> },
  ],
  nav: [
    {
      key: 'development',
      label: '发展党员',
      icon: <UserAddOutlined />,
      to: (orgId) => `/orgs/${orgId}/development`,
      group: '发展党员',
      levels: ['committee', 'branch'],
    },
    {
      key: 'development-audit',
      label: '发展党员自查自纠',
      icon: <AuditOutlined />,
      to: (orgId) => `/orgs/${orgId}/development/audit`,
      group: '发展党员',
      levels: ['committee', 'branch'],
    },
    {
      key: 'development-settings',
      label: '发展名额与工作日历',
      icon: <CalendarOutlined />,
      to: (orgId) => `/orgs/${orgId}/development/settings`,
      group: '发展党员',
      levels: ['committee'],
    },
  ],
};
