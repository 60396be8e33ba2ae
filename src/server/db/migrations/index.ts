import type { Migration, MigrationProvider } from 'kysely';
import * as m001 from './2026_11_23_000001_create_foundation.ts';

/** Static list: bundles cleanly and never picks up helper files by accident. */
export const migrations: Record<string, Migration> = {
  '2026_11_23_000001_create_foundation': m001,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
