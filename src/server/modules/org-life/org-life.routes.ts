import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';

/** Routes of the org-life module (issue 5). */
export function registerOrgLifeRoutes(_app: FastifyInstance, _ctx: AppContext): void {}
