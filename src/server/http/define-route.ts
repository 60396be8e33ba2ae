// One declaration per route: method, path, policy, schemas, summary and handler. The handler gets
// the request's service context and the validated input, so route files shrink to what differs
// between routes, and the auth plugin and the route-policy test see the same `config.policy` as
// before (decision 0006).
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { RequestContext } from '../context.ts';
import type { RoutePolicy } from './policy.ts';

type Schema = z.ZodType | undefined;
type Out<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteSpec<P extends Schema, Q extends Schema, B extends Schema> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  policy: RoutePolicy;
  tags: string[];
  summary: string;
  description?: string;
  params?: P;
  query?: Q;
  body?: B;
  /** Status of a successful answer when it is not 200 (201 for a creation). */
  status?: number;
  bodyLimit?: number;
  /** Hidden from the OpenAPI document. */
  hide?: boolean;
  /**
   * Returns the answer; `reply` is there for the few routes that send a file or set headers
   * (they return `reply` after sending).
   */
  handler: (
    rc: RequestContext,
    input: { params: Out<P>; query: Out<Q>; body: Out<B> },
    reply: FastifyReply,
  ) => unknown;
}

export function defineRoute<
  P extends Schema = undefined,
  Q extends Schema = undefined,
  B extends Schema = undefined,
>(app: FastifyInstance, spec: RouteSpec<P, Q, B>): void {
  app.withTypeProvider<ZodTypeProvider>().route({
    method: spec.method,
    url: spec.url,
    config: { policy: spec.policy },
    ...(spec.bodyLimit ? { bodyLimit: spec.bodyLimit } : {}),
    schema: {
      tags: spec.tags,
      summary: spec.summary,
      ...(spec.description ? { description: spec.description } : {}),
      ...(spec.hide ? { hide: true } : {}),
      ...(spec.params ? { params: spec.params } : {}),
      ...(spec.query ? { querystring: spec.query } : {}),
      ...(spec.body ? { body: spec.body } : {}),
    },
    handler: async (request, reply) => {
      const input = { params: request.params, query: request.query, body: request.body } as {
        params: Out<P>;
        query: Out<Q>;
        body: Out<B>;
      };
      const answer = await spec.handler(request.rc, input, reply);
      if (answer === reply) return reply;
      if (spec.status) reply.status(spec.status);
      return answer;
    },
  });
}
