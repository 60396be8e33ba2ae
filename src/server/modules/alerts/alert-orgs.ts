// The organisations of a scope by code, for sources whose module report names organisations by
// code only: one range scan, whatever their status (an alert stays on the organisation it is about).
import { pathUpperBound } from '../../db/dialect.ts';
import type { Q } from './alerts.registry.ts';

export async function orgsByCodeUnder(
  db: Q,
  scopePath: string,
): Promise<Map<string, { id: number; path: string; name: string }>> {
  const rows = await db
    .selectFrom('orgs')
    .select(['id', 'code', 'path', 'name'])
    .where('path', '>=', scopePath)
    .where('path', '<', pathUpperBound(scopePath))
    .execute();
  return new Map(rows.map((r) => [r.code, { id: r.id, path: r.path, name: r.name }]));
}

export async function orgsByIdUnder(
  db: Q,
  scopePath: string,
): Promise<Map<number, { id: number; path: string; name: string }>> {
  const rows = await db
    .selectFrom('orgs')
    .select(['id', 'path', 'name'])
    .where('path', '>=', scopePath)
    .where('path', '<', pathUpperBound(scopePath))
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}
