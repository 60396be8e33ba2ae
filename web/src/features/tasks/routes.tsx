import { ScheduleOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ModuleRoutes } from '../../app/module-types';

const TasksPage = lazy(() => import('./pages/TasksPage').then((m) => ({ default: m.TasksPage })));
const TaskPage = lazy(() => import('./pages/TaskPage').then((m) => ({ default: m.TaskPage })));

/** 工作任务 (issue 18): 收到的任务 and 下达的任务 of an organisation, and one task. */
export const tasksModule: ModuleRoutes = {
  routes: [
    { path: 'orgs/:orgId/tasks', element: <TasksPage /> },
    { path: 'tasks/:id', element: <TaskPage /> },
  ],
  nav: [
    {
      key: 'tasks',
      label: '工作任务',
      icon: <ScheduleOutlined />,
      to: (orgId) => `/orgs/${orgId}/tasks`,
      group: '责任考核',
      levels: ['committee', 'branch'],
    },
  ],
};
