import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';

/** Routes of the roster module (issue 4). */
export function registerRosterRoutes(_app: FastifyInstance, _ctx: AppContext): void {}
