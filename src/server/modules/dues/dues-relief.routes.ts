// 党费 routes, part C: 补交, 减免, 上缴 (issue 19).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';

export function registerDuesReliefRoutes(app: FastifyInstance, ctx: AppContext): void {
  void app;
  void ctx;
}
