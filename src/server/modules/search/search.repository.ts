// The only Kysely code of the global search: each query bounded by the caller's subtree.
import type { Kysely, Transaction } from 'kysely';
import { containsInsensitive, pathUpperBound } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';

type Q = Kysely<DB> | Transaction<DB>;

/** Organisations under `scopePath` whose name or code contains `q` (shallowest first). */
export function findOrgs(db: Q, scopePath: string, q: string, limit: number) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'code', 'kind', 'status'])
    .where('path', '>=', scopePath)
    .where('path', '<', pathUpperBound(scopePath))
    .where((eb) => eb.or([containsInsensitive('name', q), containsInsensitive('code', q)]))
    .orderBy('depth')
    .orderBy('path')
    .limit(limit)
    .execute();
}

/** Current members (membership valid on `on`) of organisations under `scopePath` whose name contains `q`. */
export function findMembers(db: Q, scopePath: string, q: string, on: string, limit: number) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('persons as p', 'p.id', 'm.person_id')
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select(['p.id as personId', 'p.name', 'm.category', 'o.id as orgId', 'o.name as orgName'])
    .where('m.org_path', '>=', scopePath)
    .where('m.org_path', '<', pathUpperBound(scopePath))
    .where('m.valid_from', '<=', on)
    .where((eb) => eb.or([eb('m.valid_to', 'is', null), eb('m.valid_to', '>', on)]))
    .where(containsInsensitive('p.name', q))
    .orderBy('p.name')
    .orderBy('p.id')
    .limit(limit)
    .execute();
}

/** Meetings of organisations under `scopePath` whose title contains `q` (latest first). */
export function findMeetings(db: Q, scopePath: string, q: string, limit: number) {
  return db
    .selectFrom('life_meetings as mt')
    .innerJoin('orgs as o', 'o.id', 'mt.org_id')
    .select(['mt.id', 'mt.title', 'mt.type', 'mt.held_on', 'o.name as orgName'])
    .where('mt.org_path', '>=', scopePath)
    .where('mt.org_path', '<', pathUpperBound(scopePath))
    .where(containsInsensitive('mt.title', q))
    .orderBy('mt.held_on', 'desc')
    .orderBy('mt.id', 'desc')
    .limit(limit)
    .execute();
}
