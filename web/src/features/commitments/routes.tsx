import { FlagOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ModuleRoutes } from '../../app/module-types';

const CommitmentBoardPage = lazy(() =>
  import('./pages/CommitmentBoardPage').then((m) => ({ default: m.CommitmentBoardPage })),
);
const CommitmentPage = lazy(() =>
  import('./pages/CommitmentPage').then((m) => ({ default: m.CommitmentPage })),
);
const RoundPage = lazy(() => import('./pages/RoundPage').then((m) => ({ default: m.RoundPage })));
const PublicBoardPage = lazy(() =>
  import('./pages/PublicBoardPage').then((m) => ({ default: m.PublicBoardPage })),
);
const PublicCommitmentPage = lazy(() =>
  import('./pages/PublicBoardPage').then((m) => ({ default: m.PublicCommitmentPage })),
);

/** Pages of the commitments module (issue 8), mounted inside the signed-in layout. */
export const commitmentsModule: ModuleRoutes = {
  routes: [
    { path: 'orgs/:orgId/commitments', element: <CommitmentBoardPage /> },
    { path: 'commitments/public', element: <PublicBoardPage /> },
    { path: 'commitments/public/:id', element: <PublicCommitmentPage /> },
    { path: 'commitments/:id', element: <CommitmentPage /> },
    { path: 'commendations/:id', element: <RoundPage /> },
  ],
  nav: [
    {
      key: 'commitments',
      label: '公开承诺',
      icon: <FlagOutlined />,
      to: (orgId) => `/orgs/${orgId}/commitments`,
      group: '创先争优',
      levels: ['committee', 'branch'],
    },
  ],
};
