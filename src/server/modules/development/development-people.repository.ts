// Development repository: people (read-only, foundation tables).
import { type Q } from './development-candidates.repository.ts';

export interface PersonOnDay {
  personId: number;
  name: string;
  personCategory: string;
  category: string | null;
  orgId: number | null;
}

/** The given persons and their membership category on a day (null when not a member then). */
export async function personsOn(db: Q, ids: readonly number[], on: string): Promise<PersonOnDay[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('persons as p')
    .leftJoin('memberships as m', (j) =>
      j
        .onRef('m.person_id', '=', 'p.id')
        .on('m.valid_from', '<=', on)
        .on((eb) => eb.or([eb('m.valid_to', 'is', null), eb('m.valid_to', '>', on)])),
    )
    .select(['p.id', 'p.name', 'p.category as person_category', 'm.category', 'm.org_id'])
    .where('p.id', 'in', [...ids])
    .execute();
  return rows.map((r) => ({
    personId: r.id,
    name: r.name,
    personCategory: r.person_category,
    category: r.category ?? null,
    orgId: r.org_id ?? null,
  }));
}
