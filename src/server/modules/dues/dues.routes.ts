// 党费 routes (issue 19): each part registers its own.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { registerDuesBasesRoutes } from './dues-bases.routes.ts';
import { registerDuesPaymentsRoutes } from './dues-payments.routes.ts';
import { registerDuesReliefRoutes } from './dues-relief.routes.ts';

export function registerDuesRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerDuesBasesRoutes(app, ctx);
  registerDuesPaymentsRoutes(app, ctx);
  registerDuesReliefRoutes(app, ctx);
}
