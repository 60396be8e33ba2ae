import type { ModuleRoutes } from '../../app/module-types';

/** Pages of the roster module (issue 4), mounted inside the signed-in layout. */
export const rosterModule: ModuleRoutes = { routes: [], nav: [] };
