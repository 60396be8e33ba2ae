// Development repository: roster writes on admission and 转正 (foundation tables, same transaction).
import { type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Q } from './development-candidates.repository.ts';

export async function insertPerson(
  trx: Transaction<DB>,
  row: {
    name: string;
    gender: string;
    idEnc: string;
    idBidx: string;
    idMasked: string;
    birthDate: string;
    joinedOn: string;
    now: string;
  },
): Promise<number> {
  const { id } = await trx
    .insertInto('persons')
    .values({
      name: row.name,
      gender: row.gender,
      education: null,
      id_number_enc: row.idEnc,
      id_number_bidx: row.idBidx,
      id_number_masked: row.idMasked,
      phone_enc: null,
      phone_bidx: null,
      phone_masked: null,
      birth_date: row.birthDate,
      category: '预备党员',
      joined_on: row.joinedOn,
      full_member_on: null,
      created_at: row.now,
      updated_at: row.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function openMembership(
  trx: Transaction<DB>,
  row: {
    personId: number;
    orgId: number;
    orgPath: string;
    category: string;
    from: string;
    reason: string;
    now: string;
  },
): Promise<void> {
  await trx
    .insertInto('memberships')
    .values({
      person_id: row.personId,
      org_id: row.orgId,
      org_path: row.orgPath,
      category: row.category,
      valid_from: row.from,
      valid_to: null,
      reason: row.reason,
      created_at: row.now,
    })
    .execute();
}

export interface OpenMembership {
  id: number;
  org_id: number;
  org_path: string;
  category: string;
  valid_from: string;
}

export async function currentMembership(trx: Q, personId: number): Promise<OpenMembership | undefined> {
  return trx
    .selectFrom('memberships')
    .select(['id', 'org_id', 'org_path', 'category', 'valid_from'])
    .where('person_id', '=', personId)
    .where('valid_to', 'is', null)
    .executeTakeFirst();
}

export async function closeMembership(trx: Transaction<DB>, id: number, to: string): Promise<void> {
  await trx.updateTable('memberships').set({ valid_to: to }).where('id', '=', id).execute();
}

export async function setPersonCategory(
  trx: Transaction<DB>,
  personId: number,
  category: string,
  fullMemberOn: string | null,
  now: string,
): Promise<void> {
  await trx
    .updateTable('persons')
    .set({ category, full_member_on: fullMemberOn, updated_at: now })
    .where('id', '=', personId)
    .execute();
}
