// 党费 routes, part A: bases, ledger, reports (issue 19).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';

export function registerDuesBasesRoutes(app: FastifyInstance, ctx: AppContext): void {
  void app;
  void ctx;
}
