import type { Kysely } from 'kysely';

// 督查 (issue 18).
export async function up(db: Kysely<any>): Promise<void> {
  void db;
}

export async function down(db: Kysely<any>): Promise<void> {
  void db;
}
