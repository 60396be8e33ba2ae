import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';

/** Routes of the development module (issue 6). */
export function registerDevelopmentRoutes(_app: FastifyInstance, _ctx: AppContext): void {}
