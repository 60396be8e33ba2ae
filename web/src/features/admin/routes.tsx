import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';

const AuditLogPage = lazy(() => import('./pages/AuditLogPage').then((m) => ({ default: m.AuditLogPage })));
const UsersPage = lazy(() => import('./pages/UsersPage').then((m) => ({ default: m.UsersPage })));
const MemberHomePage = lazy(() =>
  import('./pages/MemberHomePage').then((m) => ({ default: m.MemberHomePage })),
);

/** Pages outside the organisation modules: 三员 administration and the member's home. */
export const adminRoutes: RouteObject[] = [
  { path: 'admin/users', element: <UsersPage /> },
  { path: 'admin/audit', element: <AuditLogPage /> },
  { path: 'me', element: <MemberHomePage /> },
];
