import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';

/** Routes of the commitments module (issue 8). */
export function registerCommitmentsRoutes(_app: FastifyInstance, _ctx: AppContext): void {}
