import type { Me } from '../features/auth/api';
import { MODULE_ROUTES } from './module-registry';
import { homePathFor } from './navigation';

/** The 工作台 page is a module of its own; until it is registered, org staff land on their organisation. */
export const WORKBENCH_MOUNTED = MODULE_ROUTES.some((r) => r.path === 'orgs/:orgId/workbench');

/** Where a user lands after signing in: the page their role works on (see navigation.ts). */
export function homePath(me: Me): string {
  return homePathFor({ roles: me.roles, scopeOrgId: me.scope.orgId }, WORKBENCH_MOUNTED);
}
