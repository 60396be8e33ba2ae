import type { ModuleRoutes } from '../../app/module-types';

/** 问题清单 (issue 18). */
export const problemsModule: ModuleRoutes = {
  routes: [],
  nav: [],
};
