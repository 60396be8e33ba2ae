import type { TestApp } from './api-harness.ts';

/**
 * Per module: for each route ('METHOD /url/:pattern') either a cross-subtree case — the URL
 * of a township-B resource (and a body for writes) that admin_a must be refused — or, in
 * noSubject, the reason the route has no per-object subject.
 */
export interface AuthzCases {
  /** May create township-B resources through the services first (runs once per engine). */
  cases: (t: TestApp) => Record<string, { url: string; body?: unknown }> | Promise<Record<string, { url: string; body?: unknown }>>;
  noSubject: Record<string, string>;
}
