import type { ModuleRoutes } from '../../app/module-types';

/** Pages of the development module (issue 6), mounted inside the signed-in layout. */
export const developmentModule: ModuleRoutes = { routes: [], nav: [] };
