import { AuditOutlined, SolutionOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ModuleRoutes } from '../../app/module-types';

const ResponsibilityPage = lazy(() =>
  import('./pages/ResponsibilityPage').then((m) => ({ default: m.ResponsibilityPage })),
);
const AccountabilityPage = lazy(() =>
  import('./pages/AccountabilityPage').then((m) => ({ default: m.AccountabilityPage })),
);

/** 党建责任制 (issue 18): 责任清单 and 责任书 for every organisation; 问责 for committees. */
export const responsibilityModule: ModuleRoutes = {
  routes: [
    { path: 'orgs/:orgId/responsibility', element: <ResponsibilityPage /> },
    { path: 'orgs/:orgId/accountability', element: <AccountabilityPage /> },
  ],
  nav: [
    {
      key: 'responsibility',
      label: '责任清单',
      icon: <SolutionOutlined />,
      to: (orgId) => `/orgs/${orgId}/responsibility`,
      group: '责任考核',
      levels: ['committee', 'branch'],
    },
    {
      key: 'accountability',
      label: '问责',
      icon: <AuditOutlined />,
      to: (orgId) => `/orgs/${orgId}/accountability`,
      group: '责任考核',
      roles: ['org_admin'],
      levels: ['committee'],
    },
  ],
};
