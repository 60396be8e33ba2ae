import { AuditOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ModuleRoutes } from '../../app/module-types';

const EvaluationHomePage = lazy(() =>
  import('./pages/EvaluationHomePage').then((m) => ({ default: m.EvaluationHomePage })),
);
const CampaignPage = lazy(() => import('./pages/CampaignPage').then((m) => ({ default: m.CampaignPage })));
const MemberReviewPage = lazy(() =>
  import('./pages/MemberReviewPage').then((m) => ({ default: m.MemberReviewPage })),
);
const MyEvaluationPage = lazy(() =>
  import('./pages/MyEvaluationPage').then((m) => ({ default: m.MyEvaluationPage })),
);

/** Pages of the evaluation module (issue 7), mounted inside the signed-in layout. */
export const evaluationModule: ModuleRoutes = {
  routes: [
    { path: 'orgs/:orgId/evaluation', element: <EvaluationHomePage /> },
    { path: 'evaluation/campaigns/:id', element: <CampaignPage /> },
    { path: 'evaluation/member-reviews/:id', element: <MemberReviewPage /> },
    { path: 'evaluation/my', element: <MyEvaluationPage /> },
  ],
  nav: [
    {
      key: 'evaluation',
      label: '评议考核',
      icon: <AuditOutlined />,
      to: (orgId) => `/orgs/${orgId}/evaluation`,
      group: '评议考核',
      levels: ['committee', 'branch'],
    },
  ],
};
