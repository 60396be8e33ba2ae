import type { RefKind } from '../src/core/shared/refs.ts';
import type { TestApp } from './api-harness.ts';

/**
 * A write whose body is valid for township A but for one id field, which names a township-B
 * object: the body-refs check must refuse it (403, one authz_denied row, nothing written).
 */
export interface ForeignBodyCase {
  /** 'METHOD /url/:pattern' of the route. */
  route: string;
  /** The id field holding the foreign id, as the inventory names it ('orgId', 'grades[].personId'). */
  field: string;
  url: string;
  body: unknown;
  /** The township-B object named, as the denial's audit row records it. */
  kind: RefKind;
  foreignId: number;
  /** Who sends it (default admin_a; password the fixture's). */
  as?: string;
}

/**
 * Per module: for each route ('METHOD /url/:pattern') either a cross-subtree case — the URL
 * of a township-B resource (and a body for writes) that admin_a must be refused — or, in
 * noSubject, the reason the route has no per-object subject.
 */
export interface AuthzCases {
  /** May create township-B resources through the services first (runs once per engine). */
  cases: (t: TestApp) => Record<string, { url: string; body?: unknown }> | Promise<Record<string, { url: string; body?: unknown }>>;
  noSubject: Record<string, string>;
  /** A foreign-body case for every id field marked in the module's write bodies. */
  foreignBody?: (t: TestApp) => ForeignBodyCase[] | Promise<ForeignBodyCase[]>;
  /**
   * 'METHOD /url field' → why that id field of a body is not checked against the caller's
   * subtree (it points outside it by design).
   */
  unscopedBodyIds?: Record<string, string>;
}
