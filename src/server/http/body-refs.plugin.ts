// Every id a request body refers to is checked against the actor's subtree, here, once, for
// every route: the zod body schemas mark their id fields with the kind of object they name
// (src/core/shared/refs.ts); after validation this hook walks the route's schema alongside the
// validated body, finds where each referenced object sits (one read per kind) and refuses —
// 403 and an authz_denied audit row — when any of them lies outside actor.scopePath.
// An id that does not exist is left to the service, which answers it as it always has (the
// field named in its own words): it reveals nothing of another subtree.
// Ids that point outside the subtree by design are left unmarked; test/route-policy.test.ts
// lists each of them with its reason and fails on an id-like field that is neither.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { z } from 'zod';
import { collectRefs, type RefKind } from '../../core/shared/refs.ts';
import { denied } from '../authz.ts';
import type { AppContext } from '../context.ts';
import { REF_RESOLVERS } from './body-refs.repository.ts';
import { inScope } from './policy.ts';

function isZodSchema(s: unknown): s is z.ZodType {
  return typeof s === 'object' && s !== null && '_zod' in s;
}

export const bodyRefsPlugin = fp(async (app: FastifyInstance, opts: { ctx: AppContext }) => {
  const { ctx } = opts;
  app.addHook('preHandler', async (request) => {
    const schema = request.routeOptions.schema?.body;
    // A PUBLIC route has no actor and no subtree to hold ids against (none marks an id today).
    const actor = request.rc?.actor;
    if (!isZodSchema(schema) || !actor || request.body === undefined) return;
    const refs = collectRefs(schema, request.body);
    if (refs.length === 0) return;
    const byKind = new Map<RefKind, number[]>();
    for (const r of refs) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r.id]);
    const where = new Map<RefKind, Map<number, string[]>>();
    for (const [kind, ids] of byKind) where.set(kind, await REF_RESOLVERS[kind](ctx.db, ids));
    for (const r of refs) {
      const paths = where.get(r.kind)!.get(r.id);
      if (paths === undefined) continue; // does not exist: the service answers it
      if (!paths.some((p) => inScope(actor, p)))
        throw await denied(ctx, request.rc, r.kind, r.id, 'body-ref');
    }
  });
});
