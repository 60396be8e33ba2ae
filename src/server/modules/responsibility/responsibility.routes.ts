// 党建责任制 routes (issue 18).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';

export function registerResponsibilityRoutes(app: FastifyInstance, ctx: AppContext): void {
  void app;
  void ctx;
}
