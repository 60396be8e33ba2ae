import type { ModuleRoutes } from '../../app/module-types';

/** 工作任务 (issue 18). */
export const tasksModule: ModuleRoutes = {
  routes: [],
  nav: [],
};
