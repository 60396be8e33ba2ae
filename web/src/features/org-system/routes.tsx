import { ApartmentOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ModuleRoutes } from '../../app/module-types';

const OrgSystemPage = lazy(() => import('./pages/OrgSystemPage').then((m) => ({ default: m.OrgSystemPage })));
const HealthReportPage = lazy(() => import('./pages/HealthReportPage').then((m) => ({ default: m.HealthReportPage })));

/** Pages of the org-system module (issue 3), mounted inside the signed-in layout. */
export const orgSystemModule: ModuleRoutes = {
  routes: [
    { path: 'orgs/:orgId/org-system', element: <OrgSystemPage /> },
    { path: 'orgs/:orgId/org-system/health', element: <HealthReportPage /> },
  ],
  nav: [
    { key: 'org-system', label: '组织体系', icon: <ApartmentOutlined />, to: (orgId) => `/orgs/${orgId}/org-system`, group: '组织', levels: ['committee', 'branch'] },
    { key: 'org-system-health', label: '组织体系体检', icon: <SafetyCertificateOutlined />, to: (orgId) => `/orgs/${orgId}/org-system/health`, group: '组织', levels: ['committee'] },
  ],
};
