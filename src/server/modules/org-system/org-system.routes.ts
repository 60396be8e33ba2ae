import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';

/** Routes of the org-system module (issue 3). */
export function registerOrgSystemRoutes(_app: FastifyInstance, _ctx: AppContext): void {}
