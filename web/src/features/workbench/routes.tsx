import { AlertOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ModuleRoutes } from '../../app/module-types';

const WorkbenchPage = lazy(() => import('./pages/WorkbenchPage').then((m) => ({ default: m.WorkbenchPage })));
const AlertsPage = lazy(() => import('./pages/AlertsPage').then((m) => ({ default: m.AlertsPage })));

/** 工作台 and 预警 (issue 17); the 工作台 entry itself is in app/nav-entries.tsx. */
export const workbenchModule: ModuleRoutes = {
  routes: [
    { path: 'orgs/:orgId/workbench', element: <WorkbenchPage /> },
    { path: 'orgs/:orgId/alerts', element: <AlertsPage /> },
  ],
  nav: [
    {
      key: 'alerts',
      label: '预警',
      group: '工作台',
      roles: ['org_admin', 'worker'],
      icon: <AlertOutlined />,
      to: (orgId) => `/orgs/${orgId}/alerts`,
    },
  ],
};
