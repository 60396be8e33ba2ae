import type { ModuleRoutes } from '../../app/module-types';

/** 考核 (issue 18). */
export const assessmentModule: ModuleRoutes = {
  routes: [],
  nav: [],
};
