import type { ModuleRoutes } from '../../app/module-types';

/** 党费 (issue 19). */
export const duesModule: ModuleRoutes = {
  routes: [],
  nav: [],
};
