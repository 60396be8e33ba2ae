// Streams generated rows into the database as multi-row inserts. Sensitive fields are
// encrypted here (SM4 + blind index), so the generator itself stays pure. Batch sizes keep
// rows × columns under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters.
import type { Insertable, Transaction } from 'kysely';
import { maskIdNumber, maskPhone } from '../../core/person/id-number.ts';
import type { AppContext } from '../context.ts';
import { blindIndex, encryptField } from '../crypto/field-crypto.ts';
import type { DB, MembershipTable, OrgTable, PersonTable, PositionTable } from '../db/schema.ts';
import type { BranchBatch } from './people.ts';
import type { PlanOrg } from './plan.ts';

/** Rows per statement: persons have 17 columns, so 1,000 rows stay under SQLite's limit. */
const ROWS_PER_INSERT = { orgs: 1000, persons: 1000, memberships: 2000, positions: 2000 } as const;

export function orgRow(org: PlanOrg, now: string): Insertable<OrgTable> {
  return {
    id: org.id,
    code: org.code,
    name: org.name,
    short_name: org.shortName,
    kind: org.kind,
    sector: org.sector,
    parent_id: org.parentId,
    path: org.path,
    depth: org.depth,
    unit_names: JSON.stringify(org.units),
    established_on: org.establishedOn,
    status: 'active',
    dissolved_on: null,
    sort_order: org.sortOrder,
    created_at: now,
    updated_at: now,
  };
}

async function insertChunks<T extends 'orgs' | 'persons' | 'memberships' | 'positions'>(
  trx: Transaction<DB>,
  table: T,
  rows: Insertable<DB[T]>[],
): Promise<void> {
  const size = ROWS_PER_INSERT[table];
  for (let i = 0; i < rows.length; i += size) {
    // The table name is a union here, which Kysely's overloads cannot narrow.
    await trx.insertInto(table).values(rows.slice(i, i + size) as never).execute();
  }
}

export async function insertOrgs(trx: Transaction<DB>, orgs: readonly PlanOrg[], now: string): Promise<void> {
  await insertChunks(trx, 'orgs', orgs.map((o) => orgRow(o, now)));
}

export class BatchWriter {
  private persons: Insertable<PersonTable>[] = [];
  private memberships: Insertable<MembershipTable>[] = [];
  private positions: Insertable<PositionTable>[] = [];

  constructor(
    private readonly ctx: AppContext,
    private readonly now: string,
  ) {}

  get pendingRows(): number {
    return this.persons.length + this.memberships.length + this.positions.length;
  }

  add(batch: BranchBatch): void {
    const { ring } = this.ctx;
    for (const p of batch.persons) {
      this.persons.push({
        id: p.id,
        name: p.name,
        gender: p.gender,
        ethnicity: p.ethnicity,
        education: p.education,
        id_number_enc: encryptField(ring, 'persons.id_number', p.idNumber),
        id_number_bidx: blindIndex(ring, 'persons.id_number', p.idNumber),
        id_number_masked: maskIdNumber(p.idNumber),
        phone_enc: p.phone ? encryptField(ring, 'persons.phone', p.phone) : null,
        phone_bidx: p.phone ? blindIndex(ring, 'persons.phone', p.phone) : null,
        phone_masked: p.phone ? maskPhone(p.phone) : null,
        birth_date: p.birthDate,
        category: p.category,
        joined_on: p.joinedOn,
        full_member_on: p.fullMemberOn,
        created_at: this.now,
        updated_at: this.now,
      });
    }
    for (const m of batch.memberships) {
      this.memberships.push({
        id: m.id,
        person_id: m.personId,
        org_id: m.orgId,
        org_path: m.orgPath,
        category: m.category,
        valid_from: m.validFrom,
        valid_to: m.validTo,
        reason: m.reason,
        created_at: this.now,
      });
    }
    for (const x of batch.positions) {
      this.positions.push({
        id: x.id,
        person_id: x.personId,
        org_id: x.orgId,
        post: x.post,
        valid_from: x.validFrom,
        valid_to: x.validTo,
        basis: x.basis,
        created_at: this.now,
      });
    }
  }

  /** Writes everything pending, persons first (memberships and positions refer to them). */
  async flush(trx: Transaction<DB>): Promise<number> {
    const n = this.pendingRows;
    const persons = this.persons;
    const memberships = this.memberships;
    const positions = this.positions;
    this.persons = [];
    this.memberships = [];
    this.positions = [];
    await insertChunks(trx, 'persons', persons);
    await insertChunks(trx, 'memberships', memberships);
    await insertChunks(trx, 'positions', positions);
    return n;
  }
}
