import { FileSearchOutlined, NotificationOutlined, SolutionOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ModuleRoutes } from '../../app/module-types';

const InspectionsPage = lazy(() =>
  import('./pages/InspectionsPage').then((m) => ({ default: m.InspectionsPage })),
);
const PlanPage = lazy(() => import('./pages/PlanPage').then((m) => ({ default: m.PlanPage })));
const VisitPage = lazy(() => import('./pages/VisitPage').then((m) => ({ default: m.VisitPage })));
const ReceivedPage = lazy(() => import('./pages/ReceivedPage').then((m) => ({ default: m.ReceivedPage })));
const BulletinsPage = lazy(() => import('./pages/BulletinsPage').then((m) => ({ default: m.BulletinsPage })));
const BulletinPage = lazy(() => import('./pages/BulletinPage').then((m) => ({ default: m.BulletinPage })));

/** 督查 and 通报 (issue 18). */
export const inspectionModule: ModuleRoutes = {
  routes: [
    { path: 'orgs/:orgId/inspections', element: <InspectionsPage /> },
    { path: 'orgs/:orgId/inspections/received', element: <ReceivedPage /> },
    { path: 'inspections/plans/:id', element: <PlanPage /> },
    { path: 'inspections/visits/:id', element: <VisitPage /> },
    { path: 'orgs/:orgId/bulletins', element: <BulletinsPage /> },
    { path: 'bulletins/:id', element: <BulletinPage /> },
  ],
  nav: [
    {
      key: 'inspections',
      label: '督查',
      icon: <FileSearchOutlined />,
      to: (orgId) => `/orgs/${orgId}/inspections`,
      group: '责任考核',
      roles: ['org_admin', 'worker'],
      // Committees issue plans; a branch only receives results.
      levels: ['committee'],
    },
    {
      key: 'inspection-results',
      label: '督查结果',
      icon: <SolutionOutlined />,
      to: (orgId) => `/orgs/${orgId}/inspections/received`,
      group: '责任考核',
      roles: ['org_admin', 'worker'],
      levels: ['committee', 'branch'],
    },
    {
      key: 'bulletins',
      label: '通报',
      icon: <NotificationOutlined />,
      to: (orgId) => `/orgs/${orgId}/bulletins`,
      group: '责任考核',
      roles: ['org_admin', 'worker'],
      levels: ['committee', 'branch'],
    },
  ],
};
