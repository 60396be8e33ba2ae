import type { ModuleRoutes } from '../../app/module-types';

/** Pages of the evaluation module (issue 7), mounted inside the signed-in layout. */
export const evaluationModule: ModuleRoutes = { routes: [], nav: [] };
