// The only Kysely code for cm_liaisons (联系点). Effective-dated: links end, never disappear.
import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import { pathUpperBound } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import type { CmLiaisonTable } from '../../db/tables/commitments.tables.ts';

type Q = Kysely<DB> | Transaction<DB>;
export type LiaisonRow = Selectable<CmLiaisonTable>;

export async function insertLiaison(trx: Transaction<DB>, row: Insertable<CmLiaisonTable>) {
  return trx.insertInto('cm_liaisons').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findLiaison(db: Q, id: number): Promise<LiaisonRow | undefined> {
  return db.selectFrom('cm_liaisons').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function endLiaison(trx: Transaction<DB>, id: number, validTo: string) {
  return trx
    .updateTable('cm_liaisons')
    .set({ valid_to: validTo })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Links whose committee or linked organisation lies in the subtree. */
export async function listLiaisons(db: Q, scopePath: string) {
  const upper = pathUpperBound(scopePath);
  return db
    .selectFrom('cm_liaisons as l')
    .innerJoin('orgs as c', 'c.id', 'l.committee_org_id')
    .innerJoin('orgs as o', 'o.id', 'l.org_id')
    .select([
      'l.id',
      'l.committee_org_id',
      'c.name as committee_name',
      'l.person_id',
      'l.person_name',
      'l.org_id',
      'o.name as org_name',
      'l.org_path',
      'l.valid_from',
      'l.valid_to',
    ])
    .where((eb) =>
      eb.or([
        eb.and([eb('l.committee_path', '>=', scopePath), eb('l.committee_path', '<', upper)]),
        eb.and([eb('l.org_path', '>=', scopePath), eb('l.org_path', '<', upper)]),
      ]),
    )
    .orderBy('l.committee_path')
    .orderBy('l.person_id')
    .orderBy('l.id')
    .limit(2000)
    .execute();
}

/** Paths of the organisations a person is linked to on a day. */
export async function linkedPathsOn(db: Q, personId: number, on: string): Promise<string[]> {
  const rows = await db
    .selectFrom('cm_liaisons')
    .select('org_path')
    .where('person_id', '=', personId)
    .where('valid_from', '<=', on)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', on)]))
    .execute();
  return rows.map((r) => r.org_path);
}

/** An active (or future) link of the same person to the same organisation. */
export async function hasOpenLink(db: Q, personId: number, orgId: number, from: string): Promise<boolean> {
  const row = await db
    .selectFrom('cm_liaisons')
    .select('id')
    .where('person_id', '=', personId)
    .where('org_id', '=', orgId)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', from)]))
    .executeTakeFirst();
  return !!row;
}

export async function insertLiaisonsBatch(trx: Transaction<DB>, rows: Insertable<CmLiaisonTable>[]) {
  for (let i = 0; i < rows.length; i += 400)
    await trx
      .insertInto('cm_liaisons')
      .values(rows.slice(i, i + 400))
      .execute();
}

/** Links active on a day to organisations inside the subtree or to its ancestors (which cover it). */
export async function activeLinksCovering(
  db: Q,
  scopePath: string,
  ancestors: readonly string[],
  on: string,
) {
  return db
    .selectFrom('cm_liaisons')
    .select(['person_id', 'person_name', 'org_path'])
    .where((eb) =>
      eb.or([
        eb.and([eb('org_path', '>=', scopePath), eb('org_path', '<', pathUpperBound(scopePath))]),
        ...(ancestors.length > 0 ? [eb('org_path', 'in', [...ancestors])] : []),
      ]),
    )
    .where('valid_from', '<=', on)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', on)]))
    .execute();
}
