import type { ModuleRoutes } from '../../app/module-types';

/** Pages of the org-system module (issue 3), mounted inside the signed-in layout. */
export const orgSystemModule: ModuleRoutes = { routes: [], nav: [] };
