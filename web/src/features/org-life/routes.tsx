import type { ModuleRoutes } from '../../app/module-types';

/** Pages of the org-life module (issue 5), mounted inside the signed-in layout. */
export const orgLifeModule: ModuleRoutes = { routes: [], nav: [] };
