import type { ReactNode } from 'react';
import type { RouteObject } from 'react-router-dom';
import type { NavGroup, OrgLevel } from './navigation';

/** An entry in the organisation page's module menu; `to` builds the link for the current organisation. */
export interface ModuleNavItem {
  key: string;
  label: string;
  icon?: ReactNode;
  to: (orgId: number) => string;
  /** Menu group; default 组织. */
  group?: NavGroup;
  /** Roles that see the entry (as the server's policy for the page's reads); default org_admin, worker. */
  roles?: readonly string[];
  /** Organisation levels the page applies to; default every level. */
  levels?: readonly OrgLevel[];
}

/** What a feature module contributes to the web app: routes inside the signed-in layout, and menu entries. */
export interface ModuleRoutes {
  routes: RouteObject[];
  nav: ModuleNavItem[];
}
