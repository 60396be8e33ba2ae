import { TrophyOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ModuleRoutes } from '../../app/module-types';

const AssessmentPage = lazy(() =>
  import('./pages/AssessmentPage').then((m) => ({ default: m.AssessmentPage })),
);

/** 考核 (issue 18): committees rank their children. */
export const assessmentModule: ModuleRoutes = {
  routes: [{ path: 'orgs/:orgId/assessment', element: <AssessmentPage /> }],
  nav: [
    {
      key: 'assessment',
      label: '考核',
      group: '责任考核',
      icon: <TrophyOutlined />,
      roles: ['org_admin', 'worker'],
      levels: ['committee'],
      to: (orgId) => `/orgs/${orgId}/assessment`,
    },
  ],
};
