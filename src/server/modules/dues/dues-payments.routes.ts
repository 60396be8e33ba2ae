// 党费 routes, part B: payments and the gateway (issue 19).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';

export function registerDuesPaymentsRoutes(app: FastifyInstance, ctx: AppContext): void {
  void app;
  void ctx;
}
