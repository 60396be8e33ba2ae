// Where the objects a request body names sit in the tree: one read per kind of reference, for
// the body-refs check (body-refs.plugin.ts). Read-only; each kind's owning table and its org path.
import type { Kysely } from 'kysely';
import { personScopePaths, type MembershipSpan } from '../../core/person/person-scope.ts';
import type { RefKind } from '../../core/shared/refs.ts';
import type { DB } from '../db/schema.ts';

/** Id → the org paths that decide its scope; an id that does not exist is absent from the map. */
export type RefPaths = Map<number, string[]>;

const CHUNK = 1000;

async function chunked(
  ids: readonly number[],
  read: (chunk: number[]) => Promise<Array<{ id: number; path: string }>>,
): Promise<RefPaths> {
  const out: RefPaths = new Map();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    for (const r of await read(unique.slice(i, i + CHUNK))) out.set(Number(r.id), [r.path]);
  }
  return out;
}

async function personPaths(db: Kysely<DB>, ids: readonly number[]): Promise<RefPaths> {
  const out: RefPaths = new Map();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await db
      .selectFrom('persons as p')
      .leftJoin('memberships as m', 'm.person_id', 'p.id')
      .select(['p.id', 'm.org_path'])
      .where('p.id', 'in', unique.slice(i, i + CHUNK))
      .execute();
    const spans = new Map<number, MembershipSpan[]>();
    for (const r of rows) {
      const list = spans.get(Number(r.id)) ?? [];
      if (r.org_path !== null) list.push({ orgPath: r.org_path });
      spans.set(Number(r.id), list);
    }
    for (const [id, list] of spans) out.set(id, personScopePaths(list));
  }
  return out;
}

/** Every kind of reference and how to find where its objects sit (a new RefKind needs a line here). */
export const REF_RESOLVERS: Record<RefKind, (db: Kysely<DB>, ids: readonly number[]) => Promise<RefPaths>> = {
  org: (db, ids) =>
    chunked(ids, (c) => db.selectFrom('orgs').select(['id', 'path']).where('id', 'in', c).execute()),
  person: personPaths,
  meeting: (db, ids) =>
    chunked(ids, (c) =>
      db.selectFrom('life_meetings').select(['id', 'org_path as path']).where('id', 'in', c).execute(),
    ),
  campaign_subject: (db, ids) =>
    chunked(ids, (c) =>
      db.selectFrom('eval_subjects').select(['id', 'org_path as path']).where('id', 'in', c).execute(),
    ),
  member_review_entry: (db, ids) =>
    chunked(ids, (c) =>
      db
        .selectFrom('member_review_entries')
        .select(['id', 'org_path as path'])
        .where('id', 'in', c)
        .execute(),
    ),
  commitment: (db, ids) =>
    chunked(ids, (c) =>
      db.selectFrom('cm_commitments').select(['id', 'org_path as path']).where('id', 'in', c).execute(),
    ),
  // A 督查 visit sits at the inspected organisation.
  inspection_visit: (db, ids) =>
    chunked(ids, (c) =>
      db.selectFrom('insp_visits').select(['id', 'org_path as path']).where('id', 'in', c).execute(),
    ),
  rect_item: (db, ids) =>
    chunked(ids, (c) =>
      db.selectFrom('rect_items').select(['id', 'org_path as path']).where('id', 'in', c).execute(),
    ),
  alert: (db, ids) =>
    chunked(ids, (c) =>
      db.selectFrom('alerts').select(['id', 'org_path as path']).where('id', 'in', c).execute(),
    ),
};
