import {
  CalendarOutlined,
  CommentOutlined,
  HeatMapOutlined,
  NotificationOutlined,
  ScheduleOutlined,
} from '@ant-design/icons';
import { lazy } from 'react';
import type { ModuleRoutes } from '../../app/module-types';

const MeetingCalendarPage = lazy(() =>
  import('./pages/MeetingCalendarPage').then((m) => ({ default: m.MeetingCalendarPage })),
);
const MeetingPage = lazy(() => import('./pages/MeetingPage').then((m) => ({ default: m.MeetingPage })));
const SignInPage = lazy(() => import('./pages/SignInPage').then((m) => ({ default: m.SignInPage })));
const TalksPage = lazy(() => import('./pages/TalksPage').then((m) => ({ default: m.TalksPage })));
const SeriesPage = lazy(() => import('./pages/SeriesPage').then((m) => ({ default: m.SeriesPage })));
const PlansPage = lazy(() => import('./pages/PlansPage').then((m) => ({ default: m.PlansPage })));
const CompliancePage = lazy(() =>
  import('./pages/CompliancePage').then((m) => ({ default: m.CompliancePage })),
);

/** Pages of the org-life module (issue 5), mounted inside the signed-in layout. */
export const orgLifeModule: ModuleRoutes = {
  routes: [
    { path: 'orgs/:orgId/org-life', element: <MeetingCalendarPage /> },
    { path: 'orgs/:orgId/org-life/compliance', element: <CompliancePage /> },
    { path: 'orgs/:orgId/org-life/talks', element: <TalksPage /> },
    { path: 'orgs/:orgId/org-life/plans', element: <PlansPage /> },
    { path: 'orgs/:orgId/org-life/series', element: <SeriesPage /> },
    { path: 'org-life/meetings/:id', element: <MeetingPage /> },
    { path: 'org-life/sign-in/:id', element: <SignInPage /> },
  ],
  nav: [
    {
      key: 'org-life',
      label: '组织生活',
      icon: <CalendarOutlined />,
      to: (orgId) => `/orgs/${orgId}/org-life`,
      group: '组织生活',
    },
    {
      key: 'org-life-compliance',
      label: '组织生活达标',
      icon: <HeatMapOutlined />,
      to: (orgId) => `/orgs/${orgId}/org-life/compliance`,
      group: '组织生活',
      levels: ['committee', 'branch'],
    },
    {
      key: 'org-life-talks',
      label: '谈心谈话',
      icon: <CommentOutlined />,
      to: (orgId) => `/orgs/${orgId}/org-life/talks`,
      group: '组织生活',
      levels: ['branch'],
    },
    {
      key: 'org-life-plans',
      label: '年度计划',
      icon: <ScheduleOutlined />,
      to: (orgId) => `/orgs/${orgId}/org-life/plans`,
      group: '组织生活',
      levels: ['committee', 'branch'],
    },
    {
      key: 'org-life-series',
      label: '下发会议',
      icon: <NotificationOutlined />,
      to: (orgId) => `/orgs/${orgId}/org-life/series`,
      group: '组织生活',
      levels: ['committee'],
    },
  ],
};
