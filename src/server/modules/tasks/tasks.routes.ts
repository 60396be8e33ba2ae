// 工作任务 routes (issue 18).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';

export function registerTasksRoutes(app: FastifyInstance, ctx: AppContext): void {
  void app;
  void ctx;
}
