import type { Kysely } from 'kysely';

// Tables of the org-life module (issue 5).
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
