// Default-deny authorisation: every route declares a policy in its config; the hook in
// auth.plugin.ts refuses any /api route without one. Subtree checks happen in services
// once the object is loaded (requireInScope).
import type { Role } from '../../core/auth/roles.ts';
import type { Actor } from '../context.ts';

export type RoutePolicy =
  | { access: 'public' }
  | {
      access: 'authenticated';
      /** Any of these roles; omitted = any signed-in user. */
      roles?: readonly Role[];
      /** Allowed while the user still has to change an initial or expired password. */
      allowDuringPasswordChange?: boolean;
    };

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: RoutePolicy;
  }
}

export const PUBLIC: RoutePolicy = { access: 'public' };
export const SIGNED_IN: RoutePolicy = { access: 'authenticated' };
export const signedIn = (roles: readonly Role[]): RoutePolicy => ({ access: 'authenticated', roles });

export function hasAnyRole(actor: Actor, roles: readonly Role[]): boolean {
  return actor.roles.some((r) => (roles as readonly string[]).includes(r));
}

/** Is the object at `path` inside the actor's subtree? */
export function inScope(actor: Actor, path: string): boolean {
  return path.startsWith(actor.scopePath);
}
