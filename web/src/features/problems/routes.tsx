import { ProfileOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ModuleRoutes } from '../../app/module-types';

const ProblemsPage = lazy(() => import('./pages/ProblemsPage').then((m) => ({ default: m.ProblemsPage })));

/** 问题清单 (issue 18): every source's rectification items of the subtree in one list. */
export const problemsModule: ModuleRoutes = {
  routes: [{ path: 'orgs/:orgId/problems', element: <ProblemsPage /> }],
  nav: [
    {
      key: 'problems',
      label: '问题清单',
      group: '责任考核',
      roles: ['org_admin', 'worker'],
      // A 党小组 holds no rectification items of its own; its branch's list covers it.
      levels: ['committee', 'branch'],
      icon: <ProfileOutlined />,
      to: (orgId) => `/orgs/${orgId}/problems`,
    },
  ],
};
