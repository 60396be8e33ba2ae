import type { Kysely } from 'kysely';

// 问题清单 (issue 18).
export async function up(db: Kysely<any>): Promise<void> {
  void db;
}

export async function down(db: Kysely<any>): Promise<void> {
  void db;
}
