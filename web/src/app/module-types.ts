import type { ReactNode } from 'react';
import type { RouteObject } from 'react-router-dom';

/** An entry in the organisation page's module menu; `to` builds the link for the current organisation. */
export interface ModuleNavItem {
  key: string;
  label: string;
  icon?: ReactNode;
  to: (orgId: number) => string;
}

/** What a feature module contributes to the web app: routes inside the signed-in layout, and menu entries. */
export interface ModuleRoutes {
  routes: RouteObject[];
  nav: ModuleNavItem[];
}
