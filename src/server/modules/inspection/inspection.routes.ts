// 督查 routes (issue 18).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';

export function registerInspectionRoutes(app: FastifyInstance, ctx: AppContext): void {
  void app;
  void ctx;
}
