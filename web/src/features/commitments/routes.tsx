import type { ModuleRoutes } from '../../app/module-types';

/** Pages of the commitments module (issue 8), mounted inside the signed-in layout. */
export const commitmentsModule: ModuleRoutes = { routes: [], nav: [] };
