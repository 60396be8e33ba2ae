import type { Kysely } from 'kysely';

// 党费 (issue 19).
export async function up(db: Kysely<any>): Promise<void> {
  void db;
}

export async function down(db: Kysely<any>): Promise<void> {
  void db;
}
