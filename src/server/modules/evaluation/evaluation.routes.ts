import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';

/** Routes of the evaluation module (issue 7). */
export function registerEvaluationRoutes(_app: FastifyInstance, _ctx: AppContext): void {}
