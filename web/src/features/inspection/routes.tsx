import type { ModuleRoutes } from '../../app/module-types';

/** 督查 (issue 18). */
export const inspectionModule: ModuleRoutes = {
  routes: [],
  nav: [],
};
