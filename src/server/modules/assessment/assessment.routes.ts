// 考核 routes (issue 18).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';

export function registerAssessmentRoutes(app: FastifyInstance, ctx: AppContext): void {
  void app;
  void ctx;
}
