// Ids that a request body refers to, marked in the zod schema with the kind of object they name,
// so that one mechanism (src/server/http/body-refs.plugin.ts) checks every one of them against the
// actor's scope. A field that is an id but must not be checked (it points outside the actor's
// subtree by design) stays unmarked and is listed with its reason in test/route-policy.test.ts.
import { z } from 'zod';

/** What a marked id names; each kind is resolved to org paths by the body-refs plugin. */
export const REF_KINDS = [
  'org',
  'person',
  'meeting',
  'campaign_subject',
  'member_review_entry',
  'commitment',
  'inspection_visit',
  'rect_item',
  'alert',
] as const;
export type RefKind = (typeof REF_KINDS)[number];

/** The schemas that are ids of a kind (a zod v4 registry: metadata keyed by schema instance). */
export const refRegistry = z.registry<{ ref: RefKind }>();

/**
 * Marks `schema` (a number, or a coerced number) as the id of a `kind`. Mark the innermost id
 * schema: wrappers added afterwards (`.optional()`, `.nullable()`, `z.array(…)`) keep the mark,
 * methods that build a new number schema (`.min()`, `.int()`) do not.
 */
export function refTo<S extends z.ZodType>(kind: RefKind, schema: S): S {
  refRegistry.add(schema as z.ZodType, { ref: kind });
  return schema;
}

const positiveId = (message: string) => z.number().int().positive(message);

/** `z.number().int().positive(message)`, marked as an organisation id. */
export const orgRef = (message: string) => refTo('org', positiveId(message));
/** `z.number().int().positive(message)`, marked as a person id. */
export const personRef = (message: string) => refTo('person', positiveId(message));

/**
 * A polymorphic reference `{ <kindField>: '…', <idField>: n }` (佐证 of a nomination): the
 * object schema carries the map from the kind field's value to the id's ref kind.
 */
export const polyRefRegistry = z.registry<{
  kindField: string;
  idField: string;
  kinds: Record<string, RefKind>;
}>();

export function polyRefTo<S extends z.ZodType>(
  schema: S,
  meta: { kindField: string; idField: string; kinds: Record<string, RefKind> },
): S {
  polyRefRegistry.add(schema as z.ZodType, meta);
  return schema;
}

/** One id found in a body: its kind, value and where it sits (`grades[2].personId`). */
export interface FoundRef {
  kind: RefKind;
  id: number;
  path: string;
}

// The zod v4 definition of a schema node: `_zod.def` (stable across 4.x; only the fields read here).
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  options?: readonly z.ZodType[];
  discriminator?: string;
  left?: z.ZodType;
  right?: z.ZodType;
  items?: readonly z.ZodType[];
  rest?: z.ZodType | null;
  valueType?: z.ZodType;
  getter?: () => z.ZodType;
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/**
 * Walks `schema` alongside `value` (the body after validation) and collects every marked id.
 * Objects, arrays, tuples, records, optional/nullable/default/prefault/catch/readonly/
 * nonoptional/lazy wrappers, pipes (both sides), intersections and unions (the options the value
 * satisfies; a discriminated union by its discriminator) are followed.
 */
export function collectRefs(
  schema: z.ZodType,
  value: unknown,
  path = '',
  out: FoundRef[] = [],
  depth = 0,
): FoundRef[] {
  if (value === undefined || value === null || depth > 64) return out;
  const mark = refRegistry.get(schema);
  if (mark) {
    if (typeof value === 'number' && Number.isFinite(value)) out.push({ kind: mark.ref, id: value, path });
    return out;
  }
  const poly = polyRefRegistry.get(schema);
  if (poly && isRecord(value)) {
    const kind = poly.kinds[String(value[poly.kindField])];
    const id = value[poly.idField];
    if (kind && typeof id === 'number') out.push({ kind, id, path: join(path, poly.idField) });
  }
  const def = defOf(schema);
  const next = (s: z.ZodType | null | undefined, v: unknown, p: string) => {
    if (s) collectRefs(s, v, p, out, depth + 1);
  };
  switch (def.type) {
    case 'object':
      if (isRecord(value))
        for (const [k, s] of Object.entries(def.shape ?? {})) next(s, value[k], join(path, k));
      break;
    case 'array':
      if (Array.isArray(value)) value.forEach((v, i) => next(def.element, v, `${path}[${i}]`));
      break;
    case 'tuple':
      if (Array.isArray(value))
        value.forEach((v, i) =>
          next(i < (def.items?.length ?? 0) ? def.items![i] : def.rest, v, `${path}[${i}]`),
        );
      break;
    case 'record':
      if (isRecord(value)) for (const [k, v] of Object.entries(value)) next(def.valueType, v, join(path, k));
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      next(def.innerType, value, path);
      break;
    case 'lazy':
      next(def.getter?.(), value, path);
      break;
    case 'pipe':
      // Marks may sit on either side (a preprocess wraps the schema in `in`, a transform in `out`).
      next(def.in, value, path);
      next(def.out, value, path);
      break;
    case 'intersection':
      next(def.left, value, path);
      next(def.right, value, path);
      break;
    case 'union':
      for (const option of unionOptionsFor(def, value)) next(option, value, path);
      break;
  }
  return dedupe(out);
}

/** The options of a union that `value` belongs to: by the discriminator, else those it satisfies. */
function unionOptionsFor(def: Def, value: unknown): z.ZodType[] {
  const options = [...(def.options ?? [])];
  if (def.discriminator && isRecord(value)) {
    const d = value[def.discriminator];
    const matching = options.filter((o) => {
      const field = defOf(o).shape?.[def.discriminator!];
      return field ? field.safeParse(d).success : false;
    });
    if (matching.length > 0) return matching;
  }
  const satisfied = options.filter((o) => o.safeParse(value).success);
  // Nothing re-parses (the body was transformed): look through every option, over-collecting
  // rather than missing an id.
  return satisfied.length > 0 ? satisfied : options;
}

function dedupe(refs: FoundRef[]): FoundRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const key = `${r.kind}:${r.id}:${r.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A field of a body schema that looks like an id, and the kind it is marked with (if any). */
export interface IdField {
  /** `orgId`, `grades[].personId`, `evidence[].id`. */
  path: string;
  ref: RefKind | 'poly' | null;
}

/** Field names that hold ids: `id`, `ids`, `…Id`, `…Ids`. */
export const ID_LIKE = /^(id|ids)$|[a-z0-9](Id|Ids)$/;

/**
 * Every field of `schema` whose name looks like an id (ID_LIKE) or that is marked, with its
 * mark: the inventory the route-policy test holds against its table of stated exceptions.
 */
export function idFields(schema: z.ZodType): IdField[] {
  const out = new Map<string, IdField>();
  const visit = (s: z.ZodType | null | undefined, path: string, key: string | null, depth: number): void => {
    if (!s || depth > 64) return;
    const mark = refRegistry.get(s);
    if (mark) {
      out.set(path, { path, ref: mark.ref });
      return;
    }
    const poly = polyRefRegistry.get(s);
    if (poly) out.set(join(path, poly.idField), { path: join(path, poly.idField), ref: 'poly' });
    const def = defOf(s);
    switch (def.type) {
      case 'object':
        for (const [k, v] of Object.entries(def.shape ?? {})) visit(v, join(path, k), k, depth + 1);
        return;
      case 'array':
        return visit(def.element, `${path}[]`, key, depth + 1);
      case 'tuple':
        for (const item of [...(def.items ?? []), def.rest]) visit(item, `${path}[]`, key, depth + 1);
        return;
      case 'record':
        return visit(def.valueType, `${path}.*`, key, depth + 1);
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'catch':
      case 'readonly':
      case 'nonoptional':
        return visit(def.innerType, path, key, depth + 1);
      case 'lazy':
        return visit(def.getter?.(), path, key, depth + 1);
      case 'pipe':
        visit(def.in, path, key, depth + 1);
        return visit(def.out, path, key, depth + 1);
      case 'intersection':
        visit(def.left, path, key, depth + 1);
        return visit(def.right, path, key, depth + 1);
      case 'union':
        for (const o of def.options ?? []) visit(o, path, key, depth + 1);
        return;
      default:
        if (key !== null && ID_LIKE.test(key) && !out.has(path)) out.set(path, { path, ref: null });
    }
  };
  visit(schema, '', null, 0);
  return [...out.values()];
}
