import {
  BarChartOutlined,
  GlobalOutlined,
  HeartOutlined,
  ImportOutlined,
  ReadOutlined,
  SwapOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { lazy } from 'react';
import type { ModuleRoutes } from '../../app/module-types';

const MembersPage = lazy(() => import('./pages/MembersPage').then((m) => ({ default: m.MembersPage })));
const ImportPage = lazy(() => import('./pages/ImportPage').then((m) => ({ default: m.ImportPage })));
const StructurePage = lazy(() => import('./pages/StructurePage').then((m) => ({ default: m.StructurePage })));
const TransfersPage = lazy(() => import('./pages/TransfersPage').then((m) => ({ default: m.TransfersPage })));
const FloatingPage = lazy(() => import('./pages/FloatingPage').then((m) => ({ default: m.FloatingPage })));
const GraduatesPage = lazy(() => import('./pages/GraduatesPage').then((m) => ({ default: m.GraduatesPage })));
const CommunityServicePage = lazy(() =>
  import('./pages/CommunityServicePage').then((m) => ({ default: m.CommunityServicePage })),
);
const MyRecordPage = lazy(() => import('./pages/MyRecordPage').then((m) => ({ default: m.MyRecordPage })));

/** Pages of the roster module (issue 4), mounted inside the signed-in layout. */
export const rosterModule: ModuleRoutes = {
  routes: [
    { path: 'orgs/:orgId/roster', element: <MembersPage /> },
    { path: 'orgs/:orgId/roster/import', element: <ImportPage /> },
    { path: 'orgs/:orgId/roster/structure', element: <StructurePage /> },
    { path: 'orgs/:orgId/roster/transfers', element: <TransfersPage /> },
    { path: 'orgs/:orgId/roster/floating', element: <FloatingPage /> },
    { path: 'orgs/:orgId/roster/graduates', element: <GraduatesPage /> },
    { path: 'orgs/:orgId/roster/community', element: <CommunityServicePage /> },
    { path: 'roster/me', element: <MyRecordPage /> },
  ],
  nav: [
    {
      key: 'roster',
      label: '党员名册',
      icon: <TeamOutlined />,
      to: (orgId) => `/orgs/${orgId}/roster`,
      group: '党员',
    },
    {
      key: 'roster-import',
      label: '导入党员',
      icon: <ImportOutlined />,
      to: (orgId) => `/orgs/${orgId}/roster/import`,
      group: '党员',
      levels: ['committee', 'branch'],
    },
    {
      key: 'roster-structure',
      label: '队伍结构',
      icon: <BarChartOutlined />,
      to: (orgId) => `/orgs/${orgId}/roster/structure`,
      group: '党员',
      levels: ['committee', 'branch'],
    },
    {
      key: 'roster-transfers',
      label: '组织关系转接',
      icon: <SwapOutlined />,
      to: (orgId) => `/orgs/${orgId}/roster/transfers`,
      group: '党员',
      levels: ['committee', 'branch'],
    },
    {
      key: 'roster-floating',
      label: '流动党员',
      icon: <GlobalOutlined />,
      to: (orgId) => `/orgs/${orgId}/roster/floating`,
      group: '党员',
      levels: ['committee', 'branch'],
    },
    {
      key: 'roster-graduates',
      label: '毕业生党员',
      icon: <ReadOutlined />,
      to: (orgId) => `/orgs/${orgId}/roster/graduates`,
      group: '党员',
      levels: ['committee', 'branch'],
    },
    {
      key: 'roster-community',
      label: '社区报到',
      icon: <HeartOutlined />,
      to: (orgId) => `/orgs/${orgId}/roster/community`,
      group: '党员',
      levels: ['committee', 'branch'],
    },
  ],
};
