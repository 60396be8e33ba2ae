import type { ModuleRoutes } from '../../app/module-types';

/** 党建责任制 (issue 18). */
export const responsibilityModule: ModuleRoutes = {
  routes: [],
  nav: [],
};
