import { AccountBookOutlined, BarChartOutlined, IdcardOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ModuleRoutes } from '../../app/module-types';

const LedgerPage = lazy(() => import('./pages/LedgerPage').then((m) => ({ default: m.LedgerPage })));
const BasesPage = lazy(() => import('./pages/BasesPage').then((m) => ({ default: m.BasesPage })));
const OverviewPage = lazy(() => import('./pages/OverviewPage').then((m) => ({ default: m.OverviewPage })));
const MyDuesPage = lazy(() => import('./pages/MyDuesPage').then((m) => ({ default: m.MyDuesPage })));
const ReceiptPage = lazy(() => import('./pages/ReceiptPage').then((m) => ({ default: m.ReceiptPage })));

/** 党费 (issue 19): the branch's ledger and bases, the committee's statistics, the member's phone page. */
export const duesModule: ModuleRoutes = {
  routes: [
    { path: 'orgs/:orgId/dues', element: <LedgerPage /> },
    { path: 'orgs/:orgId/dues/bases', element: <BasesPage /> },
    { path: 'orgs/:orgId/dues/overview', element: <OverviewPage /> },
    { path: 'dues/me', element: <MyDuesPage /> },
    { path: 'dues/receipts/:id', element: <ReceiptPage /> },
  ],
  nav: [
    {
      key: 'dues-ledger',
      label: '党费台账',
      icon: <AccountBookOutlined />,
      to: (orgId) => `/orgs/${orgId}/dues`,
      group: '党费',
      levels: ['branch'],
    },
    {
      key: 'dues-bases',
      label: '缴费基数',
      icon: <IdcardOutlined />,
      to: (orgId) => `/orgs/${orgId}/dues/bases`,
      group: '党费',
      levels: ['branch'],
    },
    {
      key: 'dues-overview',
      label: '党费统计',
      icon: <BarChartOutlined />,
      to: (orgId) => `/orgs/${orgId}/dues/overview`,
      group: '党费',
      levels: ['committee'],
    },
  ],
};
